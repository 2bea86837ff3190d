import { expect } from 'chai';
import http from 'node:http';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { fetchJson, FetchRefused, isPublicAddress } from '../../../server/features/credentials/credentials.fetch.ts';

/** A server on 127.0.0.1 answering with `handle`, counting the requests it gets. */
async function localServer(handle: http.RequestListener) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const reasonOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'fetched';
  } catch (err) {
    expect(err).to.be.instanceOf(FetchRefused);
    return (err as FetchRefused).reason;
  }
};

describe("fetching another issuer's keys (SSRF care)", () => {
  const servers: { close(): Promise<void> }[] = [];
  const serve = async (handle: http.RequestListener) => {
    const s = await localServer(handle);
    servers.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('reads TRUSTED_ISSUERS as origins and refuses what is not an http(s) address', () => {
    const config = loadConfig({ TRUSTED_ISSUERS: ' http://127.0.0.1:4000/percorso , https://spi.regione.toscana.it ' });
    expect(config.trustedIssuers).to.deep.equal(['http://127.0.0.1:4000', 'https://spi.regione.toscana.it']);
    expect(loadConfig({}).trustedIssuers).to.deep.equal([]);
    expect(loadConfig({ DATA_DIR: '/tmp/dati' }).credentialsKeyDir).to.equal('/tmp/dati/keys');
    expect(loadConfig({}).issuerName).to.equal('Rete SPI');
    expect(() => loadConfig({ TRUSTED_ISSUERS: 'ftp://archivio.example' })).to.throw(ConfigError, /TRUSTED_ISSUERS/);
    expect(() => loadConfig({ TRUSTED_ISSUERS: 'non un indirizzo' })).to.throw(ConfigError, /TRUSTED_ISSUERS/);
  });

  it('tells public addresses from loopback, private, link-local and mapped ones', () => {
    for (const a of ['8.8.8.8', '151.101.1.69', '2a00:1450:4002:402::200e'])
      expect(isPublicAddress(a), a).to.equal(true);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'nonsense',
    ])
      expect(isPublicAddress(a), a).to.equal(false);
  });

  it('refuses the IPv6 forms that carry or reach an IPv4 address, and site-local ones', () => {
    for (const a of [
      '::ffff:7f00:1', // IPv4-mapped, written in hex (how URL writes [::ffff:127.0.0.1])
      '64:ff9b::7f00:1', // NAT64 (RFC 6052) to 127.0.0.1
      '64:ff9b::808:808', // NAT64 to a public address: still a translator's, not the issuer's
      '64:ff9b:1::a00:1', // local-use NAT64 (RFC 8215)
      '2002:7f00:1::1', // 6to4 of 127.0.0.1
      '2002:a00:1::1', // 6to4 of 10.0.0.1
      '::127.0.0.1', // IPv4-compatible (deprecated)
      '::7f00:1',
      '::a00:1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
      'fec0::1', // site-local (deprecated)
      'feff::1',
    ])
      expect(isPublicAddress(a), a).to.equal(false);
    // Ordinary global addresses near those ranges stay public.
    for (const a of ['2001:4860:4860::8888', '2003::1', '64:ff9c::1', '2a00:1450:4002:402::200e'])
      expect(isPublicAddress(a), a).to.equal(true);
  });

  it('never connects to a private address written as an IPv6 literal that embeds it', async () => {
    for (const host of [
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      '[64:ff9b::7f00:1]',
      '[::127.0.0.1]',
      '[2002:7f00:1::1]',
    ])
      expect(await reasonOf(fetchJson(new URL(`https://${host}/x`), { trustedOrigins: [] })), host).to.equal(
        'private_address',
      );
  });

  it('asks a trusted origin, even over http on 127.0.0.1, and reads its JSON', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}'));
    expect(await fetchJson(new URL(`${s.origin}/.well-known/jwks.json`), { trustedOrigins: [s.origin] })).to.deep.equal(
      { keys: [] },
    );
    expect(s.hits).to.deep.equal(['/.well-known/jwks.json']);
  });

  it('never contacts an http origin that is not trusted, nor a private address over https', async () => {
    const s = await serve((_req, res) => res.end('{}'));
    expect(await reasonOf(fetchJson(new URL(`${s.origin}/x`), { trustedOrigins: [] }))).to.equal('not_trusted');
    expect(await reasonOf(fetchJson(new URL('https://127.0.0.1/x'), { trustedOrigins: [] }))).to.equal(
      'private_address',
    );
    // https, but not on its usual port: not asked either.
    expect(await reasonOf(fetchJson(new URL('https://8.8.8.8:22/x'), { trustedOrigins: [] }))).to.equal('not_trusted');
    expect(await reasonOf(fetchJson(new URL('https://[::1]/x'), { trustedOrigins: [] }))).to.equal('private_address');
    // A name is checked where it resolves, when connecting.
    expect(await reasonOf(fetchJson(new URL('https://localhost/x'), { trustedOrigins: [] }))).to.equal(
      'private_address',
    );
    expect(s.hits).to.deep.equal([]);
  });

  it('follows no redirect, stops at the size cap and the deadline, and says what went wrong', async () => {
    const target = await serve((_req, res) => res.end('{"keys":[]}'));
    const redirect = await serve((_req, res) => res.writeHead(302, { location: `${target.origin}/jwks` }).end());
    const big = await serve((_req, res) => res.end(JSON.stringify({ keys: 'x'.repeat(100_000) })));
    const slow = await serve(() => undefined);
    const notFound = await serve((_req, res) => res.writeHead(404).end());
    const notJson = await serve((_req, res) => res.end('<html>'));
    const trustedOrigins = [redirect, big, slow, notFound, notJson].map((s) => s.origin);
    const get = (origin: string) => reasonOf(fetchJson(new URL(`${origin}/k`), { trustedOrigins, timeoutMs: 300 }));
    expect(await get(redirect.origin)).to.equal('redirect');
    expect(target.hits).to.deep.equal([]);
    expect(await get(big.origin)).to.equal('too_large');
    expect(await get(slow.origin)).to.equal('timeout');
    expect(await get(notFound.origin)).to.equal('http_status');
    expect(await get(notJson.origin)).to.equal('bad_json');
  });
});
