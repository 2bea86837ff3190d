// Whose signature makes a credential valid: this platform's, or a trusted issuer's (TRUSTED_ISSUERS).
// Any other issuer is "not recognised", whatever name it gives itself, and is never contacted; a
// trusted issuer is asked for its keys only at its bare origin, never at an address a credential
// chose (a path or a query in the issuer id would turn verification into a GET anywhere).
import { expect } from 'chai';
import { CompactSign, generateKeyPair } from 'jose';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { instanceOn, serve, type Instance } from './instances.ts';
import { decodePart, insertCompetence, keyDir, validateCompetence } from './support.ts';

type CheckJson = { name: string; ok: boolean; message: string };
const check = (body: { checks: CheckJson[] }, name: string) => body.checks.find((c) => c.name === name)!;

describe('trusted and unrecognised issuers', function () {
  this.timeout(60_000);
  let a: TestContext;
  let A: Instance;
  let B: Instance;
  let untrusted: Instance;
  let token: string;

  before(async () => {
    A = await serve(async (url) => {
      a = await testContext({ PUBLIC_URL: url, CREDENTIALS_KEY_DIR: await keyDir(), ISSUER_NAME: 'Regione Toscana' });
      return a.app;
    });
    // B trusts A; the other trusts nobody. Both only verify, so they may read A's database.
    B = await serve(async (url) => (await instanceOn(a.database, url, { TRUSTED_ISSUERS: A.url })).app);
    untrusted = await serve(async (url) => (await instanceOn(a.database, url, {})).app);
    const learner = await createUser(a, { name: 'Marco Rossi' });
    const assessor = await createUser(a, { role: 'animator' });
    const competenceId = await insertCompetence(a, { code: 'SPI.ORI.02', title: 'Orientare al lavoro' });
    await validateCompetence(a, { userId: learner.id, competenceId, assessorId: assessor.id, level: 4 });
    await a.settle();
    const mine = await a.database.query<{ token: string }>('SELECT token FROM credentials');
    token = mine[0]!.token;
  });

  after(async () => {
    await Promise.all([A, B, untrusted].map((i) => i?.close()));
  });

  const verifyAt = async (instance: Instance, credential: string) =>
    (await request(instance.url).post('/api/v1/credentials/verify').send({ credential }).expect(200)).body;

  it('is valid at an instance that trusts its issuer, with the issuer named by its address', async () => {
    const body = await verifyAt(B, token);
    expect(body.valid, JSON.stringify(body.checks)).to.equal(true);
    expect(check(body, 'issuer').message).to.contain('Regione Toscana').and.to.contain(A.url);
    // Its page names the issuer with the address whose keys verify it.
    const id = decodePart(token.split('.')[1]!).id.split('/').pop();
    const page = await request(A.url).get(`/credenziali/${id}`).expect(200);
    expect(page.text).to.contain(`Regione Toscana (<a href="${A.url}">${A.url}</a>)`);
  });

  it('is not valid where its issuer is not trusted, which is never contacted, whatever name it gives', async () => {
    const before = A.hits.length;
    const body = await verifyAt(untrusted, token);
    expect(body.valid).to.equal(false);
    expect(check(body, 'issuer')).to.include({ ok: false });
    expect(check(body, 'issuer').message)
      .to.contain('Emittente non riconosciuto')
      .and.to.contain(A.url)
      .and.to.contain('TRUSTED_ISSUERS');
    expect(check(body, 'signature')).to.include({ ok: false });
    expect(check(body, 'signature').message).to.contain('non verificata');
    expect(A.hits.slice(before)).to.deep.equal([]);
  });

  it('asks a trusted issuer for its keys only at its origin: an issuer id with a path or query is not fetched', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const payload = decodePart(token.split('.')[1]!);
    for (const id of [
      `${A.url}/api/v1/credentials?a=`,
      `${A.url}/qualcosa`,
      `${A.url}?x=1`,
      `${A.url}#frammento`,
      A.url.replace('http://', 'http://utente:segreto@'),
    ]) {
      const forged = await new CompactSign(
        new TextEncoder().encode(JSON.stringify({ ...payload, issuer: { ...payload.issuer, id } })),
      )
        .setProtectedHeader({ alg: 'ES256', kid: 'k', typ: 'vc+jwt' })
        .sign(privateKey);
      const before = A.hits.length;
      const body = await verifyAt(B, forged);
      expect(body.valid, id).to.equal(false);
      expect(check(body, 'issuer').message, id).to.contain("non è l'indirizzo di una piattaforma");
      expect(A.hits.slice(before), id).to.deep.equal([]);
    }
  });
});
