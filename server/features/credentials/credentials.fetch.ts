// Reading another instance's published JSON (its JWK set, a credential's status) without becoming a
// tool against the network we run in (SSRF): https to public addresses only, unless the origin is
// one the administrator trusts (TRUSTED_ISSUERS, e.g. a regional instance on the internal network);
// the address is checked when the connection is made (so a name that resolves to a private address
// fails, whatever it resolved to before); no redirect is followed; a short deadline; a size cap.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

export type FetchFailure =
  | 'not_trusted' // http, or not a URL we may ask: never contacted
  | 'private_address'
  | 'timeout'
  | 'redirect'
  | 'http_status'
  | 'too_large'
  | 'bad_json'
  | 'network';

export class FetchRefused extends Error {
  readonly reason: FetchFailure;
  constructor(reason: FetchFailure, detail = '') {
    super(`${reason}${detail ? `: ${detail}` : ''}`);
    this.reason = reason;
  }
}

export type FetchPolicy = {
  trustedOrigins: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  /** An instant (ms since the epoch) past which nothing more is asked: a whole import's deadline. */
  deadline?: number;
};

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  // IPv4-mapped addresses (::ffff:a.b.c.d, in any notation) BlockList checks against the IPv4 rules.
  ['::', 96], // unspecified, loopback and IPv4-compatible (::a.b.c.d, deprecated)
  ['64:ff9b::', 96], // NAT64 (RFC 6052): a translator reaching an IPv4 address, maybe ours
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215)
  ['2001::', 32], // Teredo: an IPv4 server and client inside
  ['2002::', 16], // 6to4: an IPv4 address inside
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some)
  ['ff00::', 8], // multicast
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');

/**
 * False for loopback, private, link-local, carrier-grade NAT, multicast and unspecified addresses,
 * and for the IPv6 ranges that carry or reach an IPv4 address (mapped, compatible, NAT64, 6to4,
 * Teredo): whichever IPv4 address they lead to, an issuer has a plain address of its own.
 */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (!family) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether an address may be asked at all: a trusted origin, or https on its usual port. */
export function mayFetch(url: URL, policy: FetchPolicy): { allowed: boolean; trusted: boolean } {
  const trusted = policy.trustedOrigins.includes(url.origin);
  // No other port: the platform is not to be a way of knocking on a host's other services.
  return { allowed: trusted || (url.protocol === 'https:' && url.port === ''), trusted };
}

/** dns.lookup that refuses names resolving to a non-public address (used at connection time). */
function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    if (!list.length || list.some((a) => !isPublicAddress(a.address))) {
      return callback(Object.assign(new Error(`${hostname}: not a public address`), { code: 'EPRIVATE' }), []);
    }
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

/** GETs a JSON document under the policy, or throws FetchRefused saying why not. */
export function fetchJson(url: URL, policy: FetchPolicy): Promise<unknown> {
  const { allowed, trusted } = mayFetch(url, policy);
  if (!allowed) return Promise.reject(new FetchRefused('not_trusted', url.origin));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!trusted && isIP(host) && !isPublicAddress(host)) return Promise.reject(new FetchRefused('private_address'));
  const left = policy.deadline === undefined ? Infinity : policy.deadline - Date.now();
  if (left <= 0) return Promise.reject(new FetchRefused('timeout', 'deadline'));
  const timeoutMs = Math.min(policy.timeoutMs ?? 3000, left);
  const maxBytes = policy.maxBytes ?? 64 * 1024;
  const client = url.protocol === 'https:' ? https : http;

  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err: FetchRefused | null, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (err) reject(err);
      else resolve(value);
    };
    const req = client.get(
      url,
      {
        headers: { accept: 'application/json' },
        ...(trusted ? {} : { lookup: publicOnlyLookup }),
        // One connection per request: no pooled socket to a host resolved under another rule.
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          return done(new FetchRefused('redirect', res.headers.location ?? ''));
        }
        if (status !== 200) {
          res.resume();
          return done(new FetchRefused('http_status', String(status)));
        }
        if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
          req.destroy();
          return done(new FetchRefused('too_large'));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            return done(new FetchRefused('too_large'));
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          try {
            done(null, JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            done(new FetchRefused('bad_json'));
          }
        });
        res.on('error', () => done(new FetchRefused('network')));
      },
    );
    const deadline = setTimeout(() => {
      req.destroy();
      done(new FetchRefused('timeout'));
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) =>
      done(new FetchRefused(err.code === 'EPRIVATE' ? 'private_address' : 'network', err.code ?? '')),
    );
  });
}
