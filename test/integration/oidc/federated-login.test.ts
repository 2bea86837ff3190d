import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, type Agent } from '../../helpers/http.ts';
import { federatedSignIn, followProvider, startProvider, type TestProvider } from '../../helpers/oidc.ts';

const APP_URL = 'http://127.0.0.1:4599';

type Logged = { event?: string; [key: string]: unknown };

/** Records what the app logs at warn level (the test logger is otherwise silent). */
function recordWarnings(ctx: TestContext): Logged[] {
  const seen: Logged[] = [];
  ctx.log.warn = ((obj: unknown) => {
    if (obj && typeof obj === 'object') seen.push(obj as Logged);
  }) as typeof ctx.log.warn;
  return seen;
}

async function whoAmI(agent: Agent): Promise<{ id: number; email: string } | undefined> {
  const res = await agent.get('/api/v1/me');
  return res.status === 200 ? res.body.user : undefined;
}

async function signedInSessions(ctx: TestContext): Promise<number> {
  const rows = await ctx.database.query('SELECT sid FROM sessions WHERE user_id IS NOT NULL');
  return rows.length;
}

describe('SPID/CIE sign-in over OpenID Connect (a real provider on 127.0.0.1)', () => {
  let provider: TestProvider;
  let ctx: TestContext;
  let warnings: Logged[];

  before(async () => {
    provider = await startProvider(APP_URL);
    provider.accounts.set('mario', {
      email: 'mario.rossi@esempio.it',
      email_verified: true,
      fiscal_number: 'TINIT-RSSMRA80A01H501U',
      name: 'Mario Rossi',
    });
    provider.accounts.set('giulia', {
      email: 'giulia.verdi@esempio.it',
      email_verified: true,
      fiscal_number: 'VRDGLI85M41F205X',
      given_name: 'Giulia',
      family_name: 'Verdi',
    });
    provider.accounts.set('anna', {
      email: 'anna.nuova@esempio.it',
      email_verified: false,
      fiscal_number: 'NVONNA90A41L219K',
      name: 'Anna Nuova',
    });
  });
  after(() => provider.close());

  beforeEach(async () => {
    provider.tamper(undefined);
    ctx = await testContext(provider.env);
    warnings = recordWarnings(ctx);
  });

  it('shows "Entra con SPID / CIE" on the login page only when a provider is configured', async () => {
    const page = await request(ctx.app).get('/accedi').expect(200);
    expect(page.text).to.contain('Entra con SPID / CIE').and.to.contain('href="/accedi/spid"');
    const plain = await testContext();
    const without = await request(plain.app).get('/accedi').expect(200);
    expect(without.text).not.to.contain('SPID');
    await request(plain.app).get('/accedi/spid').expect(404);
  });

  it('sends the browser to the provider with PKCE, a state and a nonce', async () => {
    const agent = request.agent(ctx.app);
    const res = await agent.get('/accedi/spid').expect(302);
    const url = new URL(res.headers.location!);
    expect(url.origin).to.equal(provider.issuer);
    expect(url.searchParams.get('client_id')).to.equal(provider.clientId);
    expect(url.searchParams.get('redirect_uri')).to.equal(`${APP_URL}/accedi/spid/callback`);
    expect(url.searchParams.get('code_challenge_method')).to.equal('S256');
    expect(url.searchParams.get('state')).to.have.length.above(20);
    expect(url.searchParams.get('nonce')).to.have.length.above(20);
    expect(url.searchParams.get('scope')).to.equal('openid profile email');
  });

  it('creates the account of a new person after the first-login form, then signs them in', async () => {
    const agent = request.agent(ctx.app);
    const { response } = await federatedSignIn(agent, provider, APP_URL, 'giulia');
    expect(response.status).to.equal(303);
    expect(response.headers.location).to.equal('/accedi/spid/completa');
    expect(await whoAmI(agent)).to.equal(undefined);
    const form = await agent.get('/accedi/spid/completa').expect(200);
    expect(form.text).to.contain('value="Giulia Verdi"').and.to.contain('giulia.verdi@esempio.it');
    const csrf = csrfFrom(form.text);
    const incomplete = await agent
      .post('/accedi/spid/completa')
      .type('form')
      .send({ _csrf: csrf, name: 'Giulia Verdi', organization: '', jobTitle: 'Orientatrice' })
      .expect(400);
    expect(incomplete.text).to.contain('f-region-error');
    expect(await ctx.database.query(`SELECT id FROM users`)).to.have.length(0);
    const done = await agent
      .post('/accedi/spid/completa')
      .type('form')
      .send({
        _csrf: csrf,
        name: 'Giulia Verdi',
        email: 'altro@esempio.it',
        organization: 'CPI di Milano',
        jobTitle: 'Orientatrice',
        region: 'Lombardia',
      })
      .expect(303);
    const me = await whoAmI(agent);
    expect(done.headers.location).to.equal(`/membri/${me!.id}`);
    // The provider verified the e-mail: it is kept, whatever the form says.
    expect(me!.email).to.equal('giulia.verdi@esempio.it');
    const [user] = await ctx.database.query<{ password_hash: string | null; fiscal_number: string; region: string }>(
      'SELECT password_hash, fiscal_number, region FROM users WHERE id = $1',
      [me!.id],
    );
    expect(user).to.deep.equal({ password_hash: null, fiscal_number: 'VRDGLI85M41F205X', region: 'Lombardia' });
    const [link] = await ctx.database.query<{ issuer: string; subject: string }>(
      'SELECT issuer, subject FROM oidc_identities WHERE user_id = $1',
      [me!.id],
    );
    expect(link).to.deep.equal({ issuer: provider.issuer, subject: 'giulia' });

    // Next time the identity signs straight in.
    const again = request.agent(ctx.app);
    const second = await federatedSignIn(again, provider, APP_URL, 'giulia');
    expect(second.response.status).to.equal(303);
    expect(second.response.headers.location).to.equal('/');
    expect((await whoAmI(again))!.id).to.equal(me!.id);
  });

  it('links an existing account by the e-mail the provider verified', async () => {
    const existing = await createUser(ctx, { name: 'Mario Rossi', email: 'Mario.Rossi@esempio.it' });
    const agent = request.agent(ctx.app);
    const { response } = await federatedSignIn(agent, provider, APP_URL, 'mario', '/accedi/spid?next=/gruppi');
    expect(response.status).to.equal(303);
    expect(response.headers.location).to.equal('/gruppi');
    expect((await whoAmI(agent))!.id).to.equal(existing.id);
    const [row] = await ctx.database.query<{ fiscal_number: string }>('SELECT fiscal_number FROM users WHERE id = $1', [
      existing.id,
    ]);
    expect(row!.fiscal_number).to.equal('RSSMRA80A01H501U');
  });

  it('does not link by an e-mail the provider did not verify', async () => {
    await createUser(ctx, { email: 'anna.nuova@esempio.it' });
    const agent = request.agent(ctx.app);
    const { response } = await federatedSignIn(agent, provider, APP_URL, 'anna');
    expect(response.headers.location).to.equal('/accedi/spid/completa');
    expect(await whoAmI(agent)).to.equal(undefined);
    const form = await agent.get('/accedi/spid/completa').expect(200);
    const taken = await agent
      .post('/accedi/spid/completa')
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        name: 'Anna Nuova',
        email: 'anna.nuova@esempio.it',
        organization: 'CPI di Roma',
        jobTitle: 'Operatrice',
        region: 'Lazio',
      })
      .expect(409);
    expect(taken.text).to.contain('Esiste già un account con questo indirizzo e-mail');
    expect(await ctx.database.query('SELECT id FROM oidc_identities')).to.have.length(0);
  });

  it('links an existing account by the fiscal_number claim', async () => {
    const existing = await createUser(ctx, { email: 'mario.personale@esempio.it' });
    await ctx.database.query(`UPDATE users SET fiscal_number = 'RSSMRA80A01H501U' WHERE id = $1`, [existing.id]);
    const agent = request.agent(ctx.app);
    const { response } = await federatedSignIn(agent, provider, APP_URL, 'mario');
    expect(response.status).to.equal(303);
    expect((await whoAmI(agent))!.id).to.equal(existing.id);
    const links = await ctx.database.query<{ user_id: number }>('SELECT user_id FROM oidc_identities');
    expect(links).to.deep.equal([{ user_id: existing.id }]);
  });

  it('refuses a callback with a forged state: no session, and it is logged', async () => {
    await createUser(ctx, { email: 'mario.rossi@esempio.it' });
    const agent = request.agent(ctx.app);
    provider.signInAs('mario');
    const begin = await agent.get('/accedi/spid').expect(302);
    const callback = await followProvider(begin.headers.location!, APP_URL);
    callback.searchParams.set('state', 'stato-contraffatto');
    const res = await agent.get(callback.pathname + callback.search).expect(401);
    expect(res.text).to.contain('con SPID/CIE non è riuscito');
    expect(await whoAmI(agent)).to.equal(undefined);
    expect(await signedInSessions(ctx)).to.equal(0);
    expect(warnings.map((w) => w.event)).to.include('oidc.forged_state');
  });

  it('refuses a callback that no sign-in started from this browser (forged or stolen)', async () => {
    const victim = request.agent(ctx.app);
    provider.signInAs('mario');
    const begin = await victim.get('/accedi/spid').expect(302);
    const callback = await followProvider(begin.headers.location!, APP_URL);
    const attacker = request.agent(ctx.app);
    await attacker.get(callback.pathname + callback.search).expect(401);
    expect(await whoAmI(attacker)).to.equal(undefined);
    expect(warnings.map((w) => w.event)).to.include('oidc.forged_state');
  });

  it('refuses a replayed authorization code', async () => {
    await createUser(ctx, { email: 'mario.rossi@esempio.it' });
    const agent = request.agent(ctx.app);
    const { response, callback } = await federatedSignIn(agent, provider, APP_URL, 'mario');
    expect(response.status).to.equal(303);
    // The same code again, from a browser that did start a sign-in (so the state matches).
    const other = request.agent(ctx.app);
    const begin = await other.get('/accedi/spid').expect(302);
    const state = new URL(begin.headers.location!).searchParams.get('state')!;
    callback.searchParams.set('state', state);
    await other.get(callback.pathname + callback.search).expect(401);
    expect(await whoAmI(other)).to.equal(undefined);
    expect(warnings.map((w) => w.event)).to.include('oidc.invalid_grant');
  });

  for (const [mode, event] of [
    ['wrong-audience', 'oidc.invalid_response'],
    ['expired', 'oidc.invalid_response'],
    ['wrong-nonce', 'oidc.forged_nonce'],
  ] as const) {
    it(`refuses an ID token with ${mode === 'wrong-audience' ? 'another audience' : mode === 'expired' ? 'an expiry in the past' : 'a forged nonce'}`, async () => {
      await createUser(ctx, { email: 'mario.rossi@esempio.it' });
      provider.tamper(mode);
      const agent = request.agent(ctx.app);
      const { response } = await federatedSignIn(agent, provider, APP_URL, 'mario');
      expect(response.status).to.equal(401);
      expect(await whoAmI(agent)).to.equal(undefined);
      expect(await signedInSessions(ctx)).to.equal(0);
      const warning = warnings.find((w) => w.event === event);
      expect(warning, JSON.stringify(warnings)).to.not.equal(undefined);
      if (mode === 'wrong-audience') expect(warning!.claim).to.equal('aud');
      if (mode === 'expired') expect(warning!.claim).to.equal('exp');
      if (mode === 'wrong-nonce') expect(warning!.claim).to.equal('nonce');
    });
  }

  it('authenticates the client at the token endpoint with private_key_jwt when a key is configured', async () => {
    const jwt = await testContext(provider.jwtEnv);
    const seen = recordWarnings(jwt);
    const existing = await createUser(jwt, { email: 'mario.rossi@esempio.it' });
    const agent = request.agent(jwt.app);
    const { response } = await federatedSignIn(agent, provider, APP_URL, 'mario');
    expect(response.status, JSON.stringify(seen)).to.equal(303);
    expect((await whoAmI(agent))!.id).to.equal(existing.id);
  });

  it('says the provider cannot be reached when it is down, and creates no session', async () => {
    const down = await testContext({ ...provider.env, OIDC_ISSUER: 'http://127.0.0.1:9' });
    const seen = recordWarnings(down);
    const agent = request.agent(down.app);
    const res = await agent.get('/accedi/spid').expect(503);
    expect(res.text).to.contain('Il servizio di accesso SPID/CIE non è raggiungibile');
    expect(res.text).to.contain('name="password"');
    expect(await whoAmI(agent)).to.equal(undefined);
    const callback = await agent.get('/accedi/spid/callback?code=abc&state=def').expect(503);
    expect(callback.text).to.contain('non è raggiungibile');
    expect(await signedInSessions(down)).to.equal(0);
    expect(seen.map((w) => w.event)).to.include('oidc.unavailable');
  });

  it('ends the provider session at sign-out', async () => {
    await createUser(ctx, { email: 'mario.rossi@esempio.it' });
    const agent = request.agent(ctx.app);
    await federatedSignIn(agent, provider, APP_URL, 'mario');
    const page = await agent.get('/esci').expect(200);
    const out = await agent
      .post('/esci')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const end = new URL(out.headers.location!);
    expect(end.origin).to.equal(provider.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).to.equal(`${APP_URL}/`);
    expect(end.searchParams.get('id_token_hint')).to.match(/^ey/);
    expect(await whoAmI(agent)).to.equal(undefined);
    // The provider knows the hint and shows its sign-out confirmation.
    const confirm = await fetch(end, { redirect: 'manual' });
    expect(confirm.status).to.equal(200);
    expect(await confirm.text()).to.contain('logout');

    // Someone who signed in with a password signs out locally only.
    const person = await createUser(ctx);
    const local = request.agent(ctx.app);
    const login = await local.get('/accedi').expect(200);
    await local
      .post('/accedi')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), email: person.email, password: person.password })
      .expect(303);
    const logout = await local.get('/esci').expect(200);
    const localOut = await local
      .post('/esci')
      .type('form')
      .send({ _csrf: csrfFrom(logout.text) })
      .expect(303);
    expect(localOut.headers.location).to.equal('/');
  });
});
