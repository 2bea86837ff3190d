import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { ROOT_DIR } from '../../../server/config.ts';
import { KeyStore } from '../../../server/features/credentials/credentials.keys.ts';
import { createUser } from '../../factories.ts';
import { cli } from '../../helpers/process.ts';
import { credentialContext, credentialsOf, insertCompetence, keyDir, validateCompetence } from './support.ts';

const KEYS_MODULE = path.join(ROOT_DIR, 'server/features/credentials/credentials.keys.ts');

/** Runs `node script.mjs` and resolves with what it printed. */
function runScript(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: ROOT_DIR });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

describe('credential signing keys', function () {
  this.timeout(60_000);

  it('are made on first use as 0600 JWK files in a 0700 folder, outside the database', async () => {
    const dir = path.join(await keyDir(), 'chiavi');
    const store = new KeyStore(dir);
    const key = await store.active();
    expect((await stat(dir)).mode & 0o777).to.equal(0o700);
    const files = await readdir(dir);
    expect(files).to.deep.equal(['key-0001.json']);
    expect((await stat(path.join(dir, files[0]!))).mode & 0o777).to.equal(0o600);
    const stored = JSON.parse(await readFile(path.join(dir, files[0]!), 'utf8'));
    expect(stored).to.include({ kid: key.kid, alg: 'ES256' });
    expect(stored.jwk).to.include({ kty: 'EC', crv: 'P-256' }).and.to.have.property('d');
    // The published set has the public coordinates only.
    expect((await store.jwks()).keys).to.deep.equal([
      { kty: 'EC', crv: 'P-256', x: stored.jwk.x, y: stored.jwk.y, kid: key.kid, alg: 'ES256', use: 'sig' },
    ]);
    // A second start reads the same key.
    expect((await new KeyStore(dir).active()).kid).to.equal(key.kid);
  });

  it('makes one key when several processes, or several stores of one process, start together on an empty folder', async () => {
    // In one process: every store finds the folder empty before any has written (key generation is
    // asynchronous), so all of them race to claim key-0001.json.
    const local = path.join(await keyDir(), 'stessa');
    const localKids = await Promise.all([1, 2, 3, 4, 5].map(async () => (await new KeyStore(local).active()).kid));
    expect(new Set(localKids).size).to.equal(1);
    expect(await readdir(local)).to.deep.equal(['key-0001.json']);

    const dir = path.join(await keyDir(), 'insieme');
    const script = path.join(await keyDir(), 'start.mjs');
    await writeFile(
      script,
      `import { KeyStore } from ${JSON.stringify(KEYS_MODULE)};\n` +
        `const key = await new KeyStore(process.argv[2]).active();\nconsole.log(key.kid);\n`,
    );
    const kids = await Promise.all([1, 2, 3, 4].map(() => runScript(script, [dir])));
    expect(new Set(kids).size).to.equal(1);
    // Nothing half-written or left behind: one key file, no temporary files.
    expect(await readdir(dir)).to.deep.equal(['key-0001.json']);
    expect((await new KeyStore(dir).active()).kid).to.equal(kids[0]);
  });

  it('rotate from the command line: new credentials use the new key, old ones still verify', async () => {
    const ctx = await credentialContext();
    const learner = await createUser(ctx);
    const assessor = await createUser(ctx, { role: 'animator' });
    const issue = async (code: string) => {
      const competenceId = await insertCompetence(ctx, { code, title: `Competenza ${code}` });
      await validateCompetence(ctx, { userId: learner.id, competenceId, assessorId: assessor.id, level: 3 });
      await ctx.settle();
      return (await credentialsOf(ctx, learner.id)).find((c) => c.achievementTitle === `Competenza ${code}`)!;
    };
    const before = await issue('SPI.A.01');

    const run = await cli(['credentials:rotate-key'], { CREDENTIALS_KEY_DIR: ctx.keyDir, DATABASE_URL: 'memory://' });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain('2 chiavi pubblicate');

    const after = await issue('SPI.A.02');
    expect(after.keyId).to.not.equal(before.keyId);
    expect(run.stdout).to.contain(after.keyId);

    const jwks = (await request(ctx.app).get('/.well-known/jwks.json').expect(200)).body.keys;
    expect(jwks.map((k: { kid: string }) => k.kid)).to.deep.equal([before.keyId, after.keyId]);
    for (const c of [before, after]) {
      const res = await request(ctx.app).post('/api/v1/credentials/verify').send({ credential: c.token }).expect(200);
      expect(res.body.valid, JSON.stringify(res.body.checks)).to.equal(true);
      // Independently: each verifies with its own published key, and not with the other.
      const own = jwks.find((k: { kid: string }) => k.kid === c.keyId);
      const other = jwks.find((k: { kid: string }) => k.kid !== c.keyId);
      expect(() =>
        jwt.verify(c.token, createPublicKey({ key: own, format: 'jwk' }), { algorithms: ['ES256'] }),
      ).not.to.throw();
      expect(() =>
        jwt.verify(c.token, createPublicKey({ key: other, format: 'jwk' }), { algorithms: ['ES256'] }),
      ).to.throw();
    }
  });
});
