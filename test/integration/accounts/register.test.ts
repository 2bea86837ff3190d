import { expect } from 'chai';
import request from 'supertest';
import { findUserByEmail } from '../../../models/queries/users.ts';
import { findOrganizationBySlug, insertOrganization } from '../../../models/queries/organizations.ts';
import { registrationInput } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { formToken } from '../../helpers/http.ts';

describe('registration', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  describe('POST /api/v1/auth/register', () => {
    it('creates a member with an argon2id hash and answers 201 with the public user', async () => {
      const input = registrationInput({ email: 'Maria.Rossi@Esempio.it' });
      const res = await request(ctx.app).post('/api/v1/auth/register').send(input).expect(201);
      expect(res.body).to.deep.equal({
        user: { id: res.body.user.id, name: input.name, email: 'maria.rossi@esempio.it', role: 'member' },
      });
      const stored = await findUserByEmail(ctx.database.db, 'maria.rossi@esempio.it');
      expect(stored?.passwordHash).to.match(/^\$argon2id\$/);
      expect(stored?.passwordHash).not.to.contain(input.password);
      expect(stored?.jobTitle).to.equal(input.jobTitle);
      expect(stored?.region).to.equal('Toscana');
    });

    it('refuses a duplicate e-mail, whatever its case, with 409 and keeps the first account', async () => {
      const input = registrationInput({ email: 'doppio@esempio.it' });
      const first = await request(ctx.app).post('/api/v1/auth/register').send(input).expect(201);
      const res = await request(ctx.app)
        .post('/api/v1/auth/register')
        .send({ ...input, email: 'DOPPIO@esempio.it', name: 'Altra Persona' })
        .expect(409);
      expect(res.body.error.code).to.equal('conflict');
      expect(res.body.error.fields.email).to.match(/già registrato/);
      const stored = await findUserByEmail(ctx.database.db, 'doppio@esempio.it');
      expect(stored?.id).to.equal(first.body.user.id);
      expect(stored?.name).to.equal(input.name);
    });

    it('names every bad field in Italian with 400', async () => {
      const res = await request(ctx.app)
        .post('/api/v1/auth/register')
        .send({
          name: 'X',
          email: 'non-una-email',
          password: 'corta',
          organization: '',
          jobTitle: '',
          region: 'Atlantide',
        })
        .expect(400);
      expect(res.body.error.code).to.equal('validation');
      expect(res.body.error.message).to.equal('Alcuni dati non sono validi.');
      expect(Object.keys(res.body.error.fields).sort()).to.deep.equal([
        'email',
        'jobTitle',
        'name',
        'organization',
        'password',
        'region',
      ]);
      expect(res.body.error.fields.password).to.equal('La password deve avere almeno 10 caratteri.');
      expect(res.body.error.fields.region).to.equal("Scegli una regione dall'elenco.");
    });

    it('answers in English when asked', async () => {
      const res = await request(ctx.app).post('/api/v1/auth/register?lang=en').send({}).expect(400);
      expect(res.body.error.message).to.equal('Some data is not valid.');
      expect(res.body.error.fields.email).to.equal('This field is required.');
    });

    it('rejects malformed JSON with 400, not 500', async () => {
      const res = await request(ctx.app)
        .post('/api/v1/auth/register')
        .set('content-type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(res.body.error.code).to.equal('bad_json');
    });

    it('joins an existing administration by slug', async () => {
      await insertOrganization(ctx.database.db, {
        slug: 'regione-toscana',
        name: 'Regione Toscana',
        kind: 'region',
        region: 'Toscana',
        verified: true,
      });
      const res = await request(ctx.app)
        .post('/api/v1/auth/register')
        .send(registrationInput({ organization: 'regione-toscana' }))
        .expect(201);
      const user = await findUserByEmail(ctx.database.db, res.body.user.email);
      const org = await findOrganizationBySlug(ctx.database.db, 'regione-toscana');
      expect(user?.organizationId).to.equal(org?.id);
    });

    it('creates an unverified administration for a new name, and reuses it for the next person', async () => {
      const a = await request(ctx.app)
        .post('/api/v1/auth/register')
        .send(registrationInput({ organization: 'Comune di Forlì' }))
        .expect(201);
      const b = await request(ctx.app)
        .post('/api/v1/auth/register')
        .send(registrationInput({ organization: 'comune di forlì' }))
        .expect(201);
      const org = await findOrganizationBySlug(ctx.database.db, 'comune-di-forli');
      expect(org).to.include({ name: 'Comune di Forlì', verified: false, kind: 'other', region: 'Toscana' });
      const ua = await findUserByEmail(ctx.database.db, a.body.user.email);
      const ub = await findUserByEmail(ctx.database.db, b.body.user.email);
      expect(ua?.organizationId).to.equal(org?.id);
      expect(ub?.organizationId).to.equal(org?.id);
    });

    it('lets people naming the same new administration register at the same moment', async () => {
      const results = await Promise.all(
        [1, 2, 3].map((i) =>
          request(ctx.app)
            .post('/api/v1/auth/register')
            .send(
              registrationInput({
                name: 'Mario Rossi',
                email: `mario.rossi.${i}@esempio.it`,
                organization: 'Comune di Lanciano',
              }),
            ),
        ),
      );
      expect(results.map((r) => r.status)).to.deep.equal([201, 201, 201]);
      const orgs = await ctx.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM organizations WHERE name = 'Comune di Lanciano'`,
      );
      expect(orgs[0]!.n).to.equal(1);
      const handles = await ctx.database.query<{ handle: string }>(`SELECT handle FROM users ORDER BY handle`);
      expect(handles.map((h) => h.handle)).to.deep.equal(['mario.rossi', 'mario.rossi2', 'mario.rossi3']);
    });

    it('publishes user.registered after the account is stored', async () => {
      const seen: number[] = [];
      ctx.bus.subscribe('user.registered', (e) => {
        seen.push(e.payload.userId);
      });
      const res = await request(ctx.app).post('/api/v1/auth/register').send(registrationInput()).expect(201);
      await ctx.settle();
      expect(seen).to.deep.equal([res.body.user.id]);
    });
  });

  describe('the /registrati page', () => {
    it('registers, signs the person in and shows their profile', async () => {
      const agent = request.agent(ctx.app);
      const token = await formToken(agent, '/registrati');
      const input = registrationInput({ name: 'Lucia Bianchi' });
      const res = await agent
        .post('/registrati')
        .type('form')
        .send({ ...input, _csrf: token })
        .expect(303);
      expect(res.headers.location).to.match(/^\/membri\/\d+$/);
      const profile = await agent.get(res.headers.location!).expect(200);
      expect(profile.text).to.contain('Lucia Bianchi');
      expect(profile.text).to.contain('Benvenuta/o nella community, Lucia Bianchi!');
      const me = await agent.get('/api/v1/me').expect(200);
      expect(me.body.user.name).to.equal('Lucia Bianchi');
    });

    it('shows field errors next to the fields and keeps the input except the password', async () => {
      const agent = request.agent(ctx.app);
      const token = await formToken(agent, '/registrati');
      const res = await agent
        .post('/registrati')
        .type('form')
        .send({
          _csrf: token,
          name: 'Gianni Verdi',
          email: 'sbagliata',
          password: 'segreto-lungo-abbastanza',
          organization: 'CPI di Teramo',
          jobTitle: 'Orientatore',
          region: '',
        })
        .expect(400);
      expect(res.text).to.match(/id="f-email-error"[^>]*>[\s\S]*Inserisci un indirizzo e-mail valido/);
      expect(res.text).to.match(/id="f-region-error"[^>]*>Scegli una regione/);
      expect(res.text).to.contain('value="Gianni Verdi"');
      expect(res.text).to.contain('value="CPI di Teramo"');
      expect(res.text).not.to.contain('segreto-lungo-abbastanza');
      expect(res.text).to.contain('aria-invalid="true"');
    });

    it('answers 409 with the e-mail field marked when the address is taken', async () => {
      const input = registrationInput();
      await request(ctx.app).post('/api/v1/auth/register').send(input).expect(201);
      const agent = request.agent(ctx.app);
      const token = await formToken(agent, '/registrati');
      const res = await agent
        .post('/registrati')
        .type('form')
        .send({ ...input, _csrf: token })
        .expect(409);
      expect(res.text).to.match(/id="f-email-error"[^>]*>[\s\S]*già registrato/);
    });

    it('refuses a form post without the CSRF token with 403 and creates nothing', async () => {
      const input = registrationInput({ email: 'senza.token@esempio.it' });
      const res = await request(ctx.app).post('/registrati').type('form').send(input).expect(403);
      expect(res.text).to.contain('Il modulo è scaduto o non è valido');
      expect(await findUserByEmail(ctx.database.db, 'senza.token@esempio.it')).to.equal(undefined);
    });

    it('refuses a token that belongs to another visitor', async () => {
      const theirs = await formToken(request.agent(ctx.app), '/registrati');
      const mine = request.agent(ctx.app);
      await formToken(mine, '/registrati');
      await mine
        .post('/registrati')
        .type('form')
        .send({ ...registrationInput(), _csrf: theirs })
        .expect(403);
    });
  });
});
