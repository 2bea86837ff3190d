// Where a webhook may point. Everywhere: http(s) only. In production: https only, and never at an
// address inside the platform's network (loopback, private ranges, link-local with the cloud
// metadata service at 169.254.169.254, unspecified): a webhook must not become a way to make the
// server call its own neighbours (SSRF). Checked when the address is registered and again at every
// send, inside the connection's own DNS lookup, so a name that resolves elsewhere later (DNS
// rebinding) is refused too.
import dns from 'node:dns';
import net from 'node:net';
import type { LookupFunction } from 'node:net';

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
] as const)
  blocked.addSubnet(prefix, bits, 'ipv6');

/** True for an address a production webhook must never reach. */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    // IPv4-mapped (::ffff:127.0.0.1) and NAT64-free forms: judged as the IPv4 address they carry.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

/** Why a URL is refused (an i18n key), or null. `production`: https only, public addresses only. */
export async function urlRefusal(url: string, production: boolean): Promise<string | null> {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) return 'webhooks.url_scheme';
  if (parsed.username || parsed.password) return 'webhooks.url_credentials';
  if (!production) return null;
  if (parsed.protocol !== 'https:') return 'webhooks.url_https';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return 'webhooks.url_unresolved';
  }
  if (!addresses.length) return 'webhooks.url_unresolved';
  return addresses.some(isBlockedAddress) ? 'webhooks.url_private' : null;
}

/** The lookup a production send connects with: the name resolved now, any internal address refused. */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isBlockedAddress(a.address));
    if (bad || !list.length) {
      const refusal = Object.assign(new Error(`address not allowed for webhooks: ${bad?.address ?? hostname}`), {
        code: 'EWEBHOOKADDRESS',
      });
      return callback(refusal, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};
