import { expect } from 'chai';
import request from 'supertest';
import { findUserById } from '../../../models/queries/users.ts';
import { createUser } from '../../factories.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { migrate } from '../../../models/migrate.ts';
import { createApp } from '../../../server/app.ts';
import { openDatabase } from '../../../server/core/db.ts';
import { EventBus } from '../../../server/core/events.ts';
import { createMailer } from '../../../server/core/mail.ts';
import {
  resetDatabase,
  testConfig,
  testContext,
  testDatabase,
  TEST_DATABASE_URL,
  type TestContext,
} from '../../helpers/context.ts';
import { formToken, signedInAgent } from '../../helpers/http.ts';

describe('login and logout', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('signs in through /accedi, records the login time and stores the session in the database', async () => {
    const user = await createUser(ctx, { name: 'Anna Neri' });
    expect(user.lastLoginAt).to.equal(null);
    const agent = await signedInAgent(ctx.app, user.email.toUpperCase(), user.password);
    const me = await agent.get('/api/v1/me').expect(200);
    expect(me.body.user).to.include({ id: user.id, name: 'Anna Neri', email: user.email });
    expect((await findUserById(ctx.database.db, user.id))?.lastLoginAt).to.be.instanceOf(Date);
    const sessions = await ctx.database.query<{ user_id: number }>('SELECT user_id FROM sessions WHERE user_id = $1', [
      user.id,
    ]);
    expect(sessions).to.have.length(1);
    const home = await agent.get('/').expect(200);
    expect(home.text).to.contain('Anna Neri');
  });

  it('rejects a wrong password with 401 and a message, keeping the e-mail but not the password', async () => {
    const user = await createUser(ctx);
    const agent = request.agent(ctx.app);
    const token = await formToken(agent, '/accedi');
    const res = await agent
      .post('/accedi')
      .type('form')
      .send({ _csrf: token, email: user.email, password: 'password-sbagliata' })
      .expect(401);
    expect(res.text).to.contain('E-mail o password non corretti.');
    expect(res.text).to.contain(`value="${user.email}"`);
    expect(res.text).not.to.contain('password-sbagliata');
    await agent.get('/api/v1/me').expect(401);
  });

  it('names the empty fields with 400', async () => {
    const agent = request.agent(ctx.app);
    const token = await formToken(agent, '/accedi');
    const res = await agent.post('/accedi').type('form').send({ _csrf: token, email: '', password: '' }).expect(400);
    expect(res.text).to.match(/id="f-email-error"[^>]*>[\s\S]*Campo obbligatorio/);
    expect(res.text).to.match(/id="f-password-error"[^>]*>[\s\S]*Campo obbligatorio/);
  });

  it('returns to a local page after login, never to another site', async () => {
    const user = await createUser(ctx);
    for (const [next, expected] of [
      ['/membri?region=Toscana', '/membri?region=Toscana'],
      ['//evil.example/x', '/'],
      ['https://evil.example', '/'],
    ]) {
      const agent = request.agent(ctx.app);
      const token = await formToken(agent, '/accedi');
      const res = await agent
        .post('/accedi')
        .type('form')
        .send({ _csrf: token, email: user.email, password: user.password, next })
        .expect(303);
      expect(res.headers.location).to.equal(expected);
    }
  });

  it('sends anonymous visitors of a members-only page to the login form', async () => {
    const res = await request(ctx.app).get('/profilo/token').expect(303);
    expect(res.headers.location).to.equal('/accedi?next=%2Fprofilo%2Ftoken');
  });

  it('signs out with a POST carrying the token, ending the session in the database', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const page = await agent.get('/esci').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent.post('/esci').type('form').send({ _csrf: token }).expect(303);
    await agent.get('/api/v1/me').expect(401);
    const sessions = await ctx.database.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id]);
    expect(sessions).to.have.length(0);
  });

  it('refuses a logout without the CSRF token (403) and stays signed in', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    await agent.post('/esci').type('form').send({}).expect(403);
    await agent.get('/api/v1/me').expect(200);
  });

  it('does not create sessions for anonymous readers', async () => {
    await createUser(ctx);
    for (const path of ['/', '/membri', '/enti', '/gruppi']) {
      const res = await request(ctx.app).get(path).expect(200);
      expect(res.headers['set-cookie'], path).to.equal(undefined);
    }
    expect(await ctx.database.query('SELECT 1 FROM sessions')).to.have.length(0);
  });

  it('rate-limits repeated login attempts with 429', async () => {
    const limited = await testContext({ RATE_LIMIT_AUTH_MAX: '3' });
    const agent = request.agent(limited.app);
    const token = await formToken(agent, '/accedi');
    for (let i = 0; i < 3; i++) {
      await agent
        .post('/accedi')
        .type('form')
        .send({ _csrf: token, email: 'x@esempio.it', password: 'password-sbagliata' })
        .expect(401);
    }
    const res = await agent
      .post('/accedi')
      .type('form')
      .send({ _csrf: token, email: 'x@esempio.it', password: 'password-sbagliata' })
      .expect(429);
    expect(res.text).to.contain('Troppi tentativi');
    const api = await request(limited.app).post('/api/v1/auth/token').send({ email: 'x@esempio.it', password: 'y' });
    expect(api.status).to.equal(429);
    expect(api.body.error.code).to.equal('rate_limited');
  });

  it('limits failed sign-ins per account without locking out colleagues behind the same address', async () => {
    const limited = await testContext({ RATE_LIMIT_AUTH_MAX: '1000', RATE_LIMIT_LOGIN_ACCOUNT_MAX: '3' });
    const victim = await createUser(limited, { email: 'bersaglio@esempio.it' });
    const colleague = await createUser(limited, { email: 'collega@esempio.it' });
    const agent = request.agent(limited.app);
    const token = await formToken(agent, '/accedi');
    for (let i = 0; i < 3; i++) {
      await agent
        .post('/accedi')
        .type('form')
        .send({ _csrf: token, email: victim.email, password: 'password-sbagliata' })
        .expect(401);
    }
    // The account is locked, whatever the password and however the address is spelt…
    const locked = await agent
      .post('/accedi')
      .type('form')
      .send({ _csrf: token, email: ` ${victim.email.toUpperCase()} `, password: victim.password })
      .expect(429);
    expect(locked.text).to.contain('per questo account');
    const api = await request(limited.app)
      .post('/api/v1/auth/token')
      .send({ email: victim.email, password: victim.password })
      .expect(429);
    expect(api.body.error.code).to.equal('rate_limited');
    // …while a colleague on the same address signs in normally.
    await signedInAgent(limited.app, colleague.email, colleague.password);
    await request(limited.app)
      .post('/api/v1/auth/token')
      .send({ email: colleague.email, password: colleague.password, name: 'script' })
      .expect(201);
  });

  it('counts only failures against an address, so a whole office can sign in', async () => {
    const limited = await testContext({ RATE_LIMIT_AUTH_MAX: '3', RATE_LIMIT_LOGIN_ACCOUNT_MAX: '1000' });
    const office = [];
    for (const n of [1, 2, 3, 4, 5]) office.push(await createUser(limited, { email: `operatore${n}@esempio.it` }));
    for (const person of office) await signedInAgent(limited.app, person.email, person.password);
    // Password spraying from one address stops after RATE_LIMIT_AUTH_MAX failures, on any account.
    for (const person of office.slice(0, 3)) {
      await request(limited.app)
        .post('/api/v1/auth/token')
        .send({ email: person.email, password: 'password-sbagliata' })
        .expect(401);
    }
    const sprayed = await request(limited.app)
      .post('/api/v1/auth/token')
      .send({ email: office[4]!.email, password: 'password-sbagliata' })
      .expect(429);
    expect(sprayed.body.error.code).to.equal('rate_limited');
  });
});

describe('sessions across a restart', () => {
  it('keeps a signed-in session when the process restarts on the same database', async function () {
    this.timeout(60_000);
    // PGlite persisted in a directory (what `npm start` uses), or the PostgreSQL server under test.
    const url =
      TEST_DATABASE_URL === 'memory://'
        ? `file://${await mkdtemp(path.join(tmpdir(), 'retespi-restart-'))}`
        : TEST_DATABASE_URL;
    const start = async () => {
      const database = await openDatabase(url);
      await migrate(database);
      const log = pino({ level: 'silent' });
      const config = testConfig();
      const deps = { config, log, database, bus: new EventBus(log), mailer: createMailer(config, database, log) };
      return { deps, app: createApp(deps) };
    };
    if (url === TEST_DATABASE_URL) await resetDatabase(await testDatabase());

    const first = await start();
    const user = await createUser(first.deps, { name: 'Persistente' });
    const agent = await signedInAgent(first.app, user.email, user.password);
    await agent.get('/api/v1/me').expect(200);
    const cookie = agent.jar.getCookie('retespi.sid', { domain: '127.0.0.1', path: '/', secure: false, script: false });
    expect(cookie, 'session cookie').to.not.equal(undefined);
    await first.deps.database.close();

    const second = await start();
    try {
      const me = await request(second.app).get('/api/v1/me').set('cookie', `retespi.sid=${cookie!.value}`).expect(200);
      expect(me.body.user.name).to.equal('Persistente');
    } finally {
      await second.deps.database.close();
    }
  });
});
