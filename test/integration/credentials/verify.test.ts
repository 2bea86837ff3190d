import { expect } from 'chai';
import { createHash, createPublicKey } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { CompactSign, generateKeyPair } from 'jose';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { notifications, type Credential } from '../../../models/schema.ts';
import { keyStoreFor } from '../../../server/features/credentials/credentials.keys.ts';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import {
  bearer,
  credentialContext,
  credentialsOf,
  decodePart,
  insertCompetence,
  PUBLIC_URL,
  tamper,
  validateCompetence,
  type Person,
} from './support.ts';

const CHECKS = ['format', 'issuer', 'signature', 'dates', 'revocation', 'integrity'];

describe('verifying credentials', () => {
  let ctx: TestContext & { keyDir: string };
  let learner: Person;
  let credential: Credential;
  const verify = (body: unknown) =>
    request(ctx.app)
      .post('/api/v1/credentials/verify')
      .send(body as object);
  const failing = (body: { checks: { name: string; ok: boolean }[] }) =>
    body.checks.filter((c) => !c.ok).map((c) => c.name);

  beforeEach(async () => {
    ctx = await credentialContext();
    learner = await createUser(ctx, { name: 'Giulia Bianchi' });
    const assessor = await createUser(ctx, { role: 'animator' });
    const competenceId = await insertCompetence(ctx, { code: 'SPI.ACC.01', title: 'Accogliere le persone' });
    await validateCompetence(ctx, { userId: learner.id, competenceId, assessorId: assessor.id, level: 4 });
    await ctx.settle();
    [credential] = (await credentialsOf(ctx, learner.id)) as [Credential];
  });

  it('is verified by an independent library (jsonwebtoken) with the published JWK, whose kid is its RFC 7638 thumbprint', async () => {
    const jwks = await request(ctx.app)
      .get('/.well-known/jwks.json')
      .expect(200)
      .expect('content-type', /jwk-set\+json/);
    expect(jwks.body.keys).to.have.length(1);
    const jwk = jwks.body.keys[0];
    expect(jwk).to.not.have.property('d');
    expect(jwk).to.include({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: credential.keyId });
    const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
    expect(jwk.kid).to.equal(createHash('sha256').update(canonical).digest('base64url'));

    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const decoded = jwt.verify(credential.token, key, { algorithms: ['ES256'], complete: true }) as jwt.Jwt;
    expect(decoded.header).to.deep.include({ alg: 'ES256', kid: jwk.kid, typ: 'vc+jwt' });
    expect(decoded.payload).to.deep.equal(credential.credential);
    // The same library refuses the credential once a single character of its payload changes.
    const changed = tamper(credential.token, (p) => (p.credentialSubject.name = 'Giulia Bianchj'));
    expect(() => jwt.verify(changed, key, { algorithms: ['ES256'] })).to.throw(/invalid signature/);
  });

  it('answers valid with every check named, for the JWT as credential, as token, or enveloped', async () => {
    for (const body of [
      { credential: credential.token },
      { token: credential.token },
      {
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: 'EnvelopedVerifiableCredential',
          id: `data:application/vc+jwt,${credential.token}`,
        },
      },
    ]) {
      const res = await verify(body).expect(200);
      expect(res.body.valid, JSON.stringify(res.body)).to.equal(true);
      expect(res.body.checks.map((c: { name: string }) => c.name)).to.deep.equal(CHECKS);
      expect(res.body.checks.every((c: { ok: boolean; message: string }) => c.ok && c.message.length > 10)).to.equal(
        true,
      );
    }
    const page = await request(ctx.app).get(`/credenziali/${credential.id}`).expect(200);
    expect(page.text)
      .to.contain('Credenziale valida.')
      .and.to.contain('Giulia Bianchi')
      .and.to.contain('Accogliere le persone')
      .and.to.contain('SPI.ACC.01')
      .and.to.contain('Regione Toscana')
      .and.to.contain('<meta name="robots" content="noindex">');
    for (const label of ['Formato', 'Emittente', 'Firma', 'Date di validità', 'Revoca', 'Integrità'])
      expect(page.text).to.contain(`<th scope="row">${label}</th>`);
    expect(page.text).not.to.contain('Revoca la credenziale'); // anonymous: no revocation form
  });

  it('detects a changed name, date or title: signature and integrity fail, never an error', async () => {
    const changes: Array<(p: Record<string, any>) => void> = [
      (p) => (p.credentialSubject.name = 'Giulia Bianco'),
      (p) => (p.validFrom = '2020-01-01T00:00:00Z'),
      (p) => (p.credentialSubject.achievement.name = 'Accogliere le persone (avanzato)'),
      (p) => (p.name = 'Accogliere le personе'), // a Cyrillic "е": one code point
    ];
    for (const change of changes) {
      const res = await verify({ credential: tamper(credential.token, change) }).expect(200);
      expect(res.body.valid).to.equal(false);
      expect(failing(res.body)).to.deep.equal(['signature', 'integrity']);
      expect(res.body.checks.find((c: { name: string }) => c.name === 'signature').message).to.contain(
        'La firma non corrisponde al contenuto',
      );
    }
  });

  it('says valid:false, never a 500, whichever single character of the token is changed', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=!';
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: credential.token.length - 1 }), fc.constantFrom(...alphabet), async (at, char) => {
        fc.pre(credential.token[at] !== char);
        const changed = credential.token.slice(0, at) + char + credential.token.slice(at + 1);
        const res = await verify({ credential: changed });
        expect(res.status).to.equal(200);
        expect(res.body.valid).to.equal(false);
        expect(failing(res.body).length).to.be.greaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a token spelled differently that decodes to the same bytes (non-canonical base64url)', async () => {
    // A 64-byte signature is 86 characters whose last one carries 2 bits and 4 unused ones: another
    // last character with the same 2 bits decodes alike, and a lenient decoder would call it valid.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(credential.token.at(-1)!);
    const twin = credential.token.slice(0, -1) + alphabet[last ^ 1];
    expect(Buffer.from(twin.split('.')[2]!, 'base64url')).to.deep.equal(
      Buffer.from(credential.token.split('.')[2]!, 'base64url'),
    );
    const res = await verify({ credential: twin }).expect(200);
    expect(res.body.valid).to.equal(false);
    expect(res.body.checks[0]).to.include({ name: 'format', ok: false });
  });

  it('refuses a credential signed by another key that claims our kid, and one of ours that was never stored', async () => {
    const payload = decodePart(credential.token.split('.')[1]!);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', kid: credential.keyId, typ: 'vc+jwt' })
      .sign(privateKey);
    const res = await verify({ credential: forged }).expect(200);
    expect(res.body.valid).to.equal(false);
    expect(failing(res.body)).to.deep.equal(['signature']);

    // Our own key, a payload that we never issued (a new name): signature fine, integrity not.
    const key = await keyStoreFor(ctx.keyDir).active();
    const unknown = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({ ...payload, credentialSubject: { ...payload.credentialSubject, name: 'Altro Nome' } }),
      ),
    )
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'vc+jwt' })
      .sign(key.privateKey);
    const signed = await verify({ credential: unknown }).expect(200);
    expect(failing(signed.body)).to.deep.equal(['integrity']);
    // A credential not yet valid is refused on its dates.
    const future = await new CompactSign(
      new TextEncoder().encode(JSON.stringify({ ...payload, validFrom: '2999-01-01T00:00:00Z' })),
    )
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'vc+jwt' })
      .sign(key.privateKey);
    expect(failing((await verify({ credential: future }).expect(200)).body)).to.deep.equal(['dates', 'integrity']);
  });

  it('answers malformed requests with 400 and unreadable credentials with the format check', async () => {
    const empty = await verify({}).expect(400);
    expect(empty.body.error.fields).to.have.property('credential');
    await verify({ credential: 42 }).expect(400);
    await verify({ credential: 'x'.repeat(40_000) }).expect(400);
    for (const bad of ['non-un-jwt', 'a.b.c', 'e30.e30.e30', `${credential.token}.x`]) {
      const res = await verify({ credential: bad }).expect(200);
      expect(res.body.valid).to.equal(false);
      expect(res.body.checks[0]).to.include({ name: 'format', ok: false });
      expect(res.body.checks.map((c: { name: string }) => c.name)).to.deep.equal(CHECKS);
    }
  });

  it('revokes with a reason (administrators only), and verification then fails on revocation', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const revoke = `/api/v1/credentials/${credential.id}/revoke`;
    await request(ctx.app).post(revoke).send({ reason: 'Errore materiale' }).expect(401);
    await request(ctx.app)
      .post(revoke)
      .set(await bearer(ctx, learner))
      .send({ reason: 'Errore materiale' })
      .expect(403);
    const adminAuth = await bearer(ctx, admin);
    const missing = await request(ctx.app).post(revoke).set(adminAuth).send({}).expect(400);
    expect(missing.body.error.fields.reason).to.contain('motivo');
    await request(ctx.app).post(revoke).set(adminAuth).send({ reason: '  ' }).expect(400);
    expect((await request(ctx.app).get(`/api/v1/credentials/${credential.id}/status`).expect(200)).body).to.deep.equal({
      revoked: false,
    });

    const done = await request(ctx.app).post(revoke).set(adminAuth).send({ reason: 'Errore materiale' }).expect(200);
    expect(done.body).to.deep.include({ id: credential.id, url: `${PUBLIC_URL}/credenziali/${credential.id}` });
    const status = (await request(ctx.app).get(`/api/v1/credentials/${credential.id}/status`).expect(200)).body;
    expect(status).to.include({ revoked: true, reason: 'Errore materiale' });
    expect(Date.parse(status.revokedAt)).to.be.closeTo(Date.now(), 60_000);
    await request(ctx.app).post(revoke).set(adminAuth).send({ reason: 'Di nuovo' }).expect(409);

    const res = await verify({ credential: credential.token }).expect(200);
    expect(res.body.valid).to.equal(false);
    expect(failing(res.body)).to.deep.equal(['revocation']);
    expect(res.body.checks.find((c: { name: string }) => c.name === 'revocation').message).to.contain(
      'Errore materiale',
    );
    expect(
      (await request(ctx.app).get(`/api/v1/credentials/${credential.id}`).expect(200)).body.status.revoked,
    ).to.equal(true);
    const page = await request(ctx.app).get(`/credenziali/${credential.id}`).expect(200);
    expect(page.text).to.contain('Credenziale non valida.').and.to.contain('Motivo: Errore materiale');

    await ctx.settle();
    const told = await ctx.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, learner.id), eq(notifications.kind, 'credential_revoked')));
    expect(told).to.have.length(1);
  });

  it('offers administrators the revocation form on the page, which needs a reason', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const { signedInAgent, csrfFrom } = await import('../../helpers/http.ts');
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const page = await agent.get(`/credenziali/${credential.id}`).expect(200);
    expect(page.text).to.contain('Revoca la credenziale').and.to.contain('<label for="f-reason"');
    const csrf = csrfFrom(page.text);
    const refused = await agent
      .post(`/credenziali/${credential.id}/revoca`)
      .type('form')
      .send({ _csrf: csrf, reason: '' })
      .expect(400);
    expect(refused.text).to.contain('Scrivi il motivo della revoca');
    await agent
      .post(`/credenziali/${credential.id}/revoca`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Rilasciata per errore' })
      .expect(303);
    const after = await agent.get(`/credenziali/${credential.id}`).expect(200);
    expect(after.text).to.contain('Credenziale revocata').and.to.contain('Motivo: Rilasciata per errore');
    expect(after.text).not.to.contain('<label for="f-reason"');
    // A member may not.
    const member = await signedInAgent(ctx.app, learner.email, learner.password);
    const own = await member.get(`/credenziali/${credential.id}`).expect(200);
    await member
      .post(`/credenziali/${credential.id}/revoca`)
      .type('form')
      .send({ _csrf: csrfFrom(own.text), reason: 'Non voglio' })
      .expect(403);
  });

  it('answers 404 for unknown and malformed ids', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'non-esiste', '1']) {
      const res = await request(ctx.app).get(`/api/v1/credentials/${id}`).expect(404);
      expect(res.body.error.code).to.equal('not_found');
      await request(ctx.app).get(`/api/v1/credentials/${id}/status`).expect(404);
      await request(ctx.app).get(`/credenziali/${id}`).expect(404);
    }
  });
});
