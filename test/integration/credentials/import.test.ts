// Two Rete SPI instances on 127.0.0.1, each with its own database, keys and address: a person's
// credentials issued by A, exported as A's booklet JSON, imported into B and verified there against
// A's published keys over HTTP.
import { expect } from 'chai';
import request from 'supertest';
import { migrate } from '../../../models/migrate.ts';
import { bookletVisibility } from '../../../models/schema.ts';
import type { Deps } from '../../../server/core/deps.ts';
import { createUser } from '../../factories.ts';
import { emptyDatabase, testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import {
  bearer,
  importSampleCourse,
  insertCompetence,
  keyDir,
  tamper,
  validateCompetence,
  type Person,
} from './support.ts';
import { instanceOn, serve, type Instance } from './instances.ts';

describe('credentials across two instances', function () {
  // Three app instances and a database of their own: closing them and dropping it waits for a
  // checkpoint of the PostgreSQL server, which a loaded machine makes slow.
  this.timeout(120_000);
  let a: TestContext;
  let A: Instance;
  let B: Instance;
  let bDeps: Deps;
  let untrusted: Instance;
  let drop: () => Promise<void>;
  let learner: Person;
  let exported: { person: { name: string }; credentials: { id: string; token: string }[] };

  before(async () => {
    A = await serve(async (url) => {
      a = await testContext({ PUBLIC_URL: url, CREDENTIALS_KEY_DIR: await keyDir(), ISSUER_NAME: 'Regione Toscana' });
      return a.app;
    });
    const empty = await emptyDatabase();
    drop = empty.drop;
    await migrate(empty.database);
    B = await serve(async (url) => {
      const b = await instanceOn(empty.database, url, { TRUSTED_ISSUERS: A.url, ISSUER_NAME: 'Regione Lazio' });
      bDeps = b;
      return b.app;
    });
    untrusted = await serve(async (url) => (await instanceOn(empty.database, url, {})).app);

    // On A: a course completed (a real course row, its event through the bus) and a competence validated.
    learner = await createUser(a, { name: 'Marco Rossi', email: 'marco.rossi@esempio.it' });
    // Their credentials carry their e-mail's salted hash (their choice), which B recognises.
    await a.database.db.insert(bookletVisibility).values({ userId: learner.id, emailInCredentials: true });
    const assessor = await createUser(a, { role: 'animator' });
    const courseId = await importSampleCourse(a);
    await a.database.db.transaction((tx) =>
      a.bus.record(tx, 'course.completed', {
        actorId: learner.id,
        objectId: courseId,
        title: 'Accoglienza nei CPI',
        url: '/corsi/corso-prova',
      }),
    );
    const competenceId = await insertCompetence(a, { code: 'SPI.ORI.02', title: 'Orientare al lavoro' });
    await validateCompetence(a, { userId: learner.id, competenceId, assessorId: assessor.id, level: 4 });
    await a.settle();

    // A's booklet export (the shape of /libretto/libretto.json): built from A's API, over HTTP.
    const auth = await bearer(a, learner);
    const mine = (await request(A.url).get('/api/v1/credentials').set(auth).expect(200)).body;
    expect(mine.issued).to.have.length(2);
    exported = {
      person: { name: 'Marco Rossi' },
      credentials: await Promise.all(
        mine.issued.map(async (c: { id: string }) => {
          const { token } = (await request(A.url).get(`/api/v1/credentials/${c.id}`).expect(200)).body;
          return { id: c.id, token };
        }),
      ),
    };
  });

  after(async () => {
    await Promise.all([A, B, untrusted].map((i) => i?.close()));
    await drop?.();
  });

  const importInto = async (instance: Instance, person: Person, body: unknown, status: number) =>
    request(instance.url)
      .post('/api/v1/credentials/import')
      .set(await bearer({ app: instance.app }, person))
      .send(body as object)
      .expect(status);

  it("imports A's export into B: each credential verified against A's published keys over HTTP", async () => {
    const holder = await createUser(bDeps, { name: 'Marco Rossi', email: 'marco.rossi@esempio.it' });
    const before = A.hits.length;
    const res = await importInto(B, holder, exported, 201);
    expect(res.body.results).to.have.length(2);
    for (const r of res.body.results) {
      expect(r, JSON.stringify(r.checks)).to.include({ verified: true, stored: true });
      expect(r.issuer).to.deep.equal({ id: A.url, name: 'Regione Toscana' });
      expect(r.subject).to.deep.equal({ name: 'Marco Rossi', match: 'email' });
      expect(r).to.not.have.property('refusal');
      expect(r.checks.map((c: { name: string }) => c.name)).to.deep.equal([
        'format',
        'issuer',
        'signature',
        'dates',
        'revocation',
      ]);
      expect(r.checks[1].message).to.contain('emittenti fidati');
    }
    expect(res.body.results.map((r: { title: string }) => r.title).sort()).to.deep.equal([
      'Accoglienza nei CPI',
      'Orientare al lavoro',
    ]);
    // A's key set asked once for the whole import, its status address once per credential.
    const asked = A.hits.slice(before);
    expect(asked.filter((h) => h === '/.well-known/jwks.json')).to.have.length(1);
    expect(asked.filter((h) => /^\/api\/v1\/credentials\/[0-9a-f-]+\/status$/.test(h))).to.have.length(2);

    const agent = await signedInAgent(B.app, holder.email, holder.password);
    const page = await agent.get('/libretto/credenziali').expect(200);
    expect(page.text).to.contain('Verificata presso Regione Toscana').and.to.contain('Orientare al lavoro');
    expect(page.text).not.to.contain('Attenzione:');
    // Imported again from the page (a file upload): refreshed, not duplicated.
    const uploaded = await agent
      .post(`/libretto/credenziali/importa?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .attach('file', Buffer.from(JSON.stringify(exported)), {
        filename: 'libretto.json',
        contentType: 'application/json',
      })
      .expect(200);
    expect(uploaded.text)
      .to.contain('Esito dell&#x27;importazione')
      .and.to.contain('Verificata presso Regione Toscana');
    const list = (
      await request(B.url)
        .get('/api/v1/credentials')
        .set(await bearer({ app: B.app }, holder))
        .expect(200)
    ).body;
    expect(list.imported).to.have.length(2);
    expect(list.issued).to.have.length(0);
  });

  it('refuses a tampered credential (signature, not kept) and tells of one revoked at A (revocation, kept with its checks)', async () => {
    const holder = await createUser(bDeps, { name: 'Marco Rossi' });
    const [first, second] = exported.credentials;
    const changed = tamper(first!.token, (p) => (p.credentialSubject.achievement.name = 'Corso mai seguito'));
    const admin = await createUser(a, { role: 'admin' });
    await request(A.url)
      .post(`/api/v1/credentials/${second!.id}/revoke`)
      .set(await bearer(a, admin))
      .send({ reason: 'Rilasciata per errore' })
      .expect(200);

    const res = await importInto(B, holder, { credentials: [{ token: changed }, second] }, 201);
    const [tampered, revoked] = res.body.results;
    expect(tampered).to.include({ verified: false, stored: false, refusal: 'unverified' });
    expect(tampered.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { name: string }) => c.name)).to.deep.equal([
      'signature',
      'revocation',
    ]);
    expect(revoked).to.include({ verified: false, stored: true });
    const failed = revoked.checks.filter((c: { ok: boolean }) => !c.ok);
    expect(failed.map((c: { name: string }) => c.name)).to.deep.equal(['revocation']);
    expect(failed[0].message).to.contain('Rilasciata per errore');

    const page = await (
      await signedInAgent(B.app, holder.email, holder.password)
    )
      .get('/libretto/credenziali')
      .expect(200);
    expect(page.text).to.contain('Non verificata.').and.to.contain('Rilasciata per errore');
    expect(page.text).not.to.contain('Corso mai seguito');
  });

  it('refuses, and keeps nothing of, a credential made out to someone else', async () => {
    const other = await createUser(bDeps, { name: 'Lucia Verdi' });
    const agent = await signedInAgent(B.app, other.email, other.password);
    const page = await agent.get('/libretto/credenziali').expect(200);
    const uploaded = await agent
      .post(`/libretto/credenziali/importa?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .attach('file', Buffer.from(JSON.stringify({ credentials: [exported.credentials[0]] })), {
        filename: 'libretto.json',
        contentType: 'application/json',
      })
      .expect(200);
    expect(uploaded.text).to.contain('Non è stata salvata:').and.to.contain('è intestata a «Marco Rossi», non a te');
    const res = await importInto(B, other, { credentials: [exported.credentials[0]] }, 201);
    expect(res.body.results[0]).to.include({ verified: true, stored: false, refusal: 'subject' });
    expect(res.body.results[0].subject).to.deep.equal({ name: 'Marco Rossi', match: 'none' });
    const list = await request(B.url)
      .get('/api/v1/credentials')
      .set(await bearer({ app: B.app }, other))
      .expect(200);
    expect(list.body.imported).to.deep.equal([]);
  });

  it('does not fetch the keys of an issuer that is neither https nor in TRUSTED_ISSUERS, and says so', async () => {
    const holder = await createUser(bDeps, { name: 'Marco Rossi' });
    const before = A.hits.length;
    const res = await importInto(untrusted, holder, { credentials: [exported.credentials[0]] }, 201);
    const result = res.body.results[0];
    expect(result).to.include({ verified: false, stored: false, refusal: 'unverified' });
    const issuer = result.checks.find((c: { name: string }) => c.name === 'issuer');
    expect(issuer.ok).to.equal(false);
    expect(issuer.message).to.contain('non sono state consultate').and.to.contain('TRUSTED_ISSUERS');
    expect(A.hits.slice(before)).to.deep.equal([]);
  });

  it('refuses imports that are not a booklet export, and anonymous imports', async () => {
    const holder = await createUser(bDeps);
    await request(B.url).post('/api/v1/credentials/import').send(exported).expect(401);
    for (const body of [{}, { credentials: [] }, { credentials: [{ id: 'x' }] }, { credentials: 'no' }]) {
      const res = await importInto(B, holder, body, 400);
      expect(res.body.error.fields).to.be.an('object');
    }
    const garbage = await importInto(B, holder, { credentials: [{ token: 'non-un-jwt' }] }, 201);
    expect(garbage.body.results[0]).to.include({ verified: false, stored: false });
    const agent = await signedInAgent(B.app, holder.email, holder.password);
    const page = await agent.get('/libretto/credenziali').expect(200);
    const notJson = await agent
      .post(`/libretto/credenziali/importa?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .attach('file', Buffer.from('non è json'), { filename: 'libretto.json', contentType: 'application/json' })
      .expect(400);
    expect(notJson.text).to.contain('Il file non è un JSON valido');
  });
});
