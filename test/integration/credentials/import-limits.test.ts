// What an import keeps and how much it may cost: only credentials signed by a recognised issuer and
// made out to the importer, under an id of sensible length, up to a number per person; a few issuers
// per import, and one deadline for all the issuers' answers. (The credentials here are this
// platform's own, whose issuer is always recognised; two instances are in import.test.ts.)
import { expect } from 'chai';
import http from 'node:http';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import request from 'supertest';
import { importedCredentials, type Credential } from '../../../models/schema.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { importCredentials } from '../../../server/features/credentials/credentials.import.service.ts';
import { keyStoreFor } from '../../../server/features/credentials/credentials.keys.ts';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import {
  bearer,
  credentialContext,
  credentialsOf,
  decodePart,
  insertCompetence,
  validateCompetence,
  type Person,
} from './support.ts';

/** A payload signed as a VC-JWT with `key` (ours, or one nobody publishes). */
const signed = async (payload: object, key: { kid: string; privateKey: CryptoKey }) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'vc+jwt' })
    .sign(key.privateKey);

describe('importing credentials: what is kept, and the limits', function () {
  this.timeout(60_000);
  let ctx: TestContext & { keyDir: string };
  let learner: Person;
  let mine: Credential[];

  const importAs = async (person: Person, body: unknown, status: number) =>
    request(ctx.app)
      .post('/api/v1/credentials/import')
      .set(await bearer(ctx, person))
      .send(body as object)
      .expect(status);
  const storedOf = (userId: number) =>
    ctx.database.db
      .select()
      .from(importedCredentials)
      .then((rows) => rows.filter((r) => r.userId === userId));

  beforeEach(async () => {
    ctx = await credentialContext();
    learner = await createUser(ctx, { name: 'Giulia Bianchi' });
    const assessor = await createUser(ctx, { role: 'animator' });
    for (const code of ['SPI.ACC.01', 'SPI.ORI.02']) {
      const competenceId = await insertCompetence(ctx, { code, title: `Competenza ${code}` });
      await validateCompetence(ctx, { userId: learner.id, competenceId, assessorId: assessor.id, level: 4 });
    }
    await ctx.settle();
    mine = await credentialsOf(ctx, learner.id);
  });

  it("keeps the importer's own verified credentials, and refuses someone else's with the reason", async () => {
    const other = await createUser(ctx, { name: 'Marco Neri' });
    const theirs = await importAs(other, { credentials: [{ token: mine[0]!.token }] }, 201);
    expect(theirs.body.results[0]).to.include({ verified: true, stored: false, refusal: 'subject' });
    expect(theirs.body.results[0].reason).to.contain('«Giulia Bianchi»').and.to.contain('non a te');
    expect(await storedOf(other.id)).to.have.length(0);

    const own = await importAs(learner, { credentials: mine.map((c) => ({ token: c.token })) }, 201);
    expect(own.body.results.map((r: { stored: boolean }) => r.stored)).to.deep.equal([true, true]);
    expect(await storedOf(learner.id)).to.have.length(2);
  });

  it('keeps nothing under an id that is not an address of at most 500 characters', async () => {
    const key = await keyStoreFor(ctx.keyDir).active();
    const payload = decodePart(mine[0]!.token.split('.')[1]!);
    for (const id of [`https://retespi.test/credenziali/${'a'.repeat(20_000)}`, 'non un indirizzo', 42]) {
      const token = await signed({ ...payload, id }, key);
      const res = await importAs(learner, { credentials: [{ token }] }, 201);
      expect(res.body.results[0]).to.include({ stored: false, refusal: 'id' });
      expect(JSON.stringify(res.body).length).to.be.below(10_000);
    }
    expect(await storedOf(learner.id)).to.have.length(0);
  });

  it('keeps nothing whose signature no recognised issuer vouches for', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const payload = decodePart(mine[0]!.token.split('.')[1]!);
    const foreign = {
      ...payload,
      id: 'https://altrove.example/credenziali/1',
      issuer: { id: 'https://altrove.example', name: 'Regione Toscana' },
    };
    const res = await importAs(
      learner,
      { credentials: [{ token: await signed(foreign, { kid: 'k', privateKey }) }] },
      201,
    );
    expect(res.body.results[0]).to.include({ verified: false, stored: false, refusal: 'unverified' });
    expect(await storedOf(learner.id)).to.have.length(0);
  });

  it('keeps at most 500 imported credentials per person: the last place taken, then a 409 saying so', async () => {
    await ctx.database.db.insert(importedCredentials).values(
      Array.from({ length: 499 }, (_, i) => ({
        userId: learner.id,
        credentialId: `https://altrove.example/credenziali/${i}`,
        issuerId: 'https://altrove.example',
        token: 'a.b.c',
        credential: {},
        verified: true,
      })),
    );
    const res = await importAs(learner, { credentials: mine.map((c) => ({ token: c.token })) }, 201);
    expect(res.body.results.map((r: { refusal?: string }) => r.refusal ?? null)).to.deep.equal([null, 'limit']);
    expect(res.body.results[1].reason).to.contain('500');
    // The one already kept may be imported again (refreshed); a new one may not.
    const full = await importAs(learner, { credentials: [{ token: mine[1]!.token }] }, 409);
    expect(full.body.error).to.include({ code: 'limit_reached' });
    expect(full.body.error.message).to.contain('500');
    expect(await storedOf(learner.id)).to.have.length(500);

    const agent = await signedInAgent(ctx.app, learner.email, learner.password);
    const page = await agent.get('/libretto/credenziali').expect(200);
    const upload = await agent
      .post(`/libretto/credenziali/importa?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .attach('file', Buffer.from(JSON.stringify({ credentials: [{ token: mine[1]!.token }] })), {
        filename: 'libretto.json',
        contentType: 'application/json',
      })
      .expect(409);
    expect(upload.text).to.contain('Hai già 500 credenziali importate');
  });

  it('refuses an import naming more than 5 issuers, before asking any', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const payload = decodePart(mine[0]!.token.split('.')[1]!);
    const credentials = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => ({
        token: await signed(
          { ...payload, issuer: { id: `https://emittente${n}.example`, name: 'X' } },
          {
            kid: 'k',
            privateKey,
          },
        ),
      })),
    );
    const res = await importAs(learner, { credentials }, 400);
    expect(res.body.error.fields.credentials).to.contain('al massimo 5 emittenti');
    await importAs(learner, { credentials: credentials.slice(0, 5) }, 201);
  });

  it('gives all the issuers of an import one deadline together, asking them a few at a time', async () => {
    // A trusted issuer that publishes its keys at once and never answers a status request.
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k' }] });
    const hits: string[] = [];
    let waiting = 0;
    let most = 0;
    const issuer = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/.well-known/jwks.json') return res.end(jwks);
      most = Math.max(most, ++waiting);
      req.on('close', () => waiting--);
    });
    await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(issuer.address() as { port: number }).port}`;
    try {
      const slow = await credentialContext({ TRUSTED_ISSUERS: origin });
      const person = await createUser(slow, { name: 'Giulia Bianchi' });
      const payload = decodePart(mine[0]!.token.split('.')[1]!);
      const credentials = await Promise.all(
        Array.from({ length: 12 }, async (_, n) => ({
          token: await signed(
            {
              ...payload,
              id: `${origin}/credenziali/${n}`,
              issuer: { id: origin, name: 'Lenta' },
              credentialStatus: { id: `${origin}/stato/${n}`, type: 'RetespiRevocationStatus' },
            },
            { kid: 'k', privateKey },
          ),
        })),
      );
      const started = Date.now();
      const results = await importCredentials(slow, toSessionUser(person), { credentials }, { deadlineMs: 400 });
      expect(Date.now() - started).to.be.below(2_500); // one request's own timeout is 3 s
      // Genuine and theirs: kept, with the status that could not be read in time.
      expect(results.every((r) => r.stored && !r.verified)).to.equal(true);
      expect(results[11]!.checks.find((c) => c.name === 'revocation')!.key).to.equal('revocation_unreachable');
      // The keys asked once; the statuses several at a time but at most 4, and none after the deadline.
      expect(hits.filter((h) => h === '/.well-known/jwks.json')).to.have.length(1);
      expect(most).to.be.within(2, 4);
      expect(hits.filter((h) => h.startsWith('/stato/'))).to.have.length(most);
    } finally {
      issuer.closeAllConnections();
      await new Promise<void>((resolve) => issuer.close(() => resolve()));
    }
  });
});
