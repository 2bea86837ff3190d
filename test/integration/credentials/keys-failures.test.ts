// When the signing keys cannot be had: a key folder that cannot be made or read stops the server at
// its start (saying which folder and why), a damaged key file is named, the public key set never
// caches an error, and a filesystem without hard links still gets exactly one key per number.
import { expect } from 'chai';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { checkKeyStore, KeyStore, type KeyFs } from '../../../server/features/credentials/credentials.keys.ts';
import { testContext } from '../../helpers/context.ts';
import { runNode } from '../../helpers/process.ts';
import { keyDir, PUBLIC_URL } from './support.ts';

/** A folder path under a regular file: no one, root included, can make or read it (ENOTDIR). */
async function unusableDir(): Promise<string> {
  const file = path.join(await keyDir(), 'un-file');
  await writeFile(file, 'non una cartella');
  return path.join(file, 'chiavi');
}

/** A filesystem that cannot make hard links, as some network and FAT-like mounts answer. */
const noHardLinks = (code: string): KeyFs => ({
  link: async () => {
    throw Object.assign(new Error(`${code}: operation not permitted, link`), { code });
  },
});

describe('credential signing keys that cannot be had', function () {
  this.timeout(60_000);

  it('stop the server at its start, naming CREDENTIALS_KEY_DIR, the folder and the system error', async () => {
    const dir = await unusableDir();
    const run = await runNode('server/main.ts', [], { CREDENTIALS_KEY_DIR: dir, DATABASE_URL: 'memory://' });
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.contain('CREDENTIALS_KEY_DIR').and.to.contain(dir).and.to.contain('ENOTDIR');
    expect(run.stdout).not.to.contain('in ascolto');
  });

  it('give an uncached error, not a cacheable key set, at /.well-known/jwks.json', async () => {
    const ctx = await testContext({ PUBLIC_URL, CREDENTIALS_KEY_DIR: await unusableDir() });
    const res = await request(ctx.app).get('/.well-known/jwks.json');
    expect(res.status).to.equal(500);
    expect(res.headers['content-type']).not.to.match(/jwk-set/);
    expect(res.headers['cache-control'] ?? '').not.to.match(/public|max-age=300/);
    expect(res.headers).not.to.have.property('access-control-allow-origin');
  });

  it('name the key file that is damaged, at the start and when signing', async () => {
    const dir = await keyDir();
    await new KeyStore(dir).active();
    const file = path.join(dir, 'key-0002.json');
    await writeFile(file, '{"kid": "k", "jwk": {', { mode: 0o600 });
    const fresh = new KeyStore(dir);
    const err = await fresh.active().then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).to.contain(file).and.to.contain('CREDENTIALS_KEY_DIR');
    const check = await checkKeyStore(new KeyStore(dir)).catch((e: Error) => e.message);
    expect(check).to.be.a('string').and.to.contain('CREDENTIALS_KEY_DIR').and.to.contain(file);
    // Valid JSON that is no key (no private part) is refused as well.
    await writeFile(file, JSON.stringify({ kid: 'k', jwk: { kty: 'EC' } }));
    expect(await checkKeyStore(new KeyStore(dir)).catch((e: Error) => e.message)).to.contain(file);
  });

  it('fail, rather than hang, where a folder cannot be made although its parent exists (/proc)', async () => {
    const started = Date.now();
    const message = await checkKeyStore(new KeyStore('/proc/retespi-chiavi/chiavi'), 5_000).catch(
      (e: Error) => e.message,
    );
    expect(message).to.be.a('string').and.to.contain('CREDENTIALS_KEY_DIR').and.to.contain('ENOENT');
    expect(message).not.to.contain('no answer');
    expect(Date.now() - started).to.be.below(2_000);
  });

  it('give up waiting on a folder that does not answer (a hung mount), saying so', async () => {
    const hung = { dir: '/mnt/chiavi', active: () => new Promise<never>(() => undefined), all: async () => [] };
    const message = await checkKeyStore(hung, 50).catch((e: Error) => e.message);
    expect(message).to.be.a('string').and.to.contain('CREDENTIALS_KEY_DIR').and.to.contain('/mnt/chiavi');
  });

  it('checks a usable folder: the key made, then every key read', async () => {
    const dir = path.join(await keyDir(), 'nuova');
    expect(await checkKeyStore(new KeyStore(dir))).to.equal(1);
    expect(await readdir(dir)).to.deep.equal(['key-0001.json']);
  });

  for (const code of ['EPERM', 'ENOTSUP']) {
    it(`writes the key under its final name when the filesystem has no hard links (${code}), one key however many start together`, async () => {
      const dir = path.join(await keyDir(), 'senza-link');
      const kids = await Promise.all(
        [1, 2, 3, 4, 5].map(async () => (await new KeyStore(dir, noHardLinks(code)).active()).kid),
      );
      expect(new Set(kids).size).to.equal(1);
      expect(await readdir(dir)).to.deep.equal(['key-0001.json']);
      const file = path.join(dir, 'key-0001.json');
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
      expect(JSON.parse(await readFile(file, 'utf8'))).to.include({ kid: kids[0], alg: 'ES256' });
      // A rotation there too; and a store on a normal filesystem reads the same keys.
      const rotated = await new KeyStore(dir, noHardLinks(code)).rotate();
      expect(rotated.number).to.equal(2);
      expect((await new KeyStore(dir).all()).map((k) => k.kid)).to.deep.equal([kids[0], rotated.kid]);
    });
  }
});
