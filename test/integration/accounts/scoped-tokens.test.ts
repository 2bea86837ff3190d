import { expect } from 'chai';
import request from 'supertest';
import { insertOrganization } from '../../../models/queries/organizations.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';

const createOrganization = (ctx: TestContext, values: { name: string }) =>
  insertOrganization(ctx.database.db, {
    name: values.name,
    slug: values.name.toLowerCase().replace(/\W+/g, '-'),
    kind: 'region',
    region: 'Toscana',
    verified: true,
  });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function issue(
  ctx: TestContext,
  user: { email: string; password: string },
  options: Record<string, unknown> = {},
) {
  const res = await request(ctx.app)
    .post('/api/v1/auth/token')
    .send({ email: user.email, password: user.password, ...options })
    .expect(201);
  return res.body as { token: string; id: number; scopes: string[]; expiresAt: string };
}

describe('scoped API tokens', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('gives a password-exchanged token read and write and a 90-day expiry by default', async () => {
    const user = await createUser(ctx);
    const created = await issue(ctx, user);
    expect(created.scopes).to.deep.equal(['read', 'write']);
    const days = (new Date(created.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).to.be.within(89.9, 90.1);
    const [row] = await ctx.database.query<{ scopes: string[] }>('SELECT scopes FROM api_tokens');
    expect(row!.scopes).to.deep.equal(['read', 'write']);
  });

  it('lets a read-only token read and refuses its writes with 403 insufficient_scope', async () => {
    const user = await createUser(ctx, { name: 'Lia Bruni' });
    const { token } = await issue(ctx, user, { name: 'Cruscotto', scopes: ['read'], expiresInDays: 7 });
    await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(200);
    const res = await request(ctx.app)
      .patch('/api/v1/me')
      .set(bearer(token))
      .send({ name: 'Cambiato', jobTitle: 'X', region: 'Umbria', organization: 'CPI di Perugia' })
      .expect(403);
    expect(res.body.error).to.deep.equal({
      code: 'insufficient_scope',
      message: 'Il token non ha il permesso di scrittura (write).',
    });
    expect(res.headers['www-authenticate']).to.equal('Bearer error="insufficient_scope", scope="write"');
    const [row] = await ctx.database.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [user.id]);
    expect(row!.name).to.equal('Lia Bruni');
  });

  it('refuses a write-only token its reads', async () => {
    const user = await createUser(ctx);
    const { token } = await issue(ctx, user, { scopes: ['write'] });
    const res = await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(403);
    expect(res.body.error.code).to.equal('insufficient_scope');
  });

  it('needs the admin scope for an admin’s powers, and an owner who is still an admin', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const member = await createUser(ctx);
    const plain = await issue(ctx, admin);
    const refused = await request(ctx.app)
      .patch(`/api/v1/users/${member.id}/role`)
      .set(bearer(plain.token))
      .send({ role: 'animator' })
      .expect(403);
    expect(refused.body.error.code).to.equal('insufficient_scope');
    expect(refused.body.error.message).to.contain('(admin)');
    const full = await issue(ctx, admin, { scopes: ['read', 'write', 'admin'] });
    await request(ctx.app)
      .patch(`/api/v1/users/${member.id}/role`)
      .set(bearer(full.token))
      .send({ role: 'animator' })
      .expect(200);
    // Demoted (by another admin), the owner's admin-scoped token no longer has an admin's powers.
    await ctx.database.query(`UPDATE users SET role = 'member' WHERE id = $1`, [admin.id]);
    const after = await request(ctx.app)
      .patch(`/api/v1/users/${member.id}/role`)
      .set(bearer(full.token))
      .send({ role: 'member' })
      .expect(403);
    expect(after.body.error.code).to.equal('forbidden');
  });

  it('refuses the admin scope to a token of a person who is not an admin, and bad expiries', async () => {
    const user = await createUser(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: user.email, password: user.password, scopes: ['read', 'admin'] })
      .expect(400);
    expect(res.body.error.fields.scopes).to.equal('Solo un amministratore può dare il permesso di amministrazione.');
    for (const [field, value] of [
      ['scopes', ['root']],
      ['scopes', []],
      ['expiresInDays', 0],
      ['expiresInDays', 10_000],
      ['expiresInDays', 'presto'],
    ] as const) {
      const bad = await request(ctx.app)
        .post('/api/v1/auth/token')
        .send({ email: user.email, password: user.password, [field]: value })
        .expect(400);
      expect(bad.body.error.fields).to.have.key(field);
    }
    const rows = await ctx.database.query('SELECT id FROM api_tokens');
    expect(rows).to.have.length(0);
  });

  it('answers 401 to an expired token, saying it expired', async () => {
    const user = await createUser(ctx);
    const { token, id } = await issue(ctx, user);
    await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(200);
    await ctx.database.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const res = await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(401);
    expect(res.body.error.message).to.equal('Il token è scaduto: creane uno nuovo.');
    expect(res.headers['www-authenticate']).to.equal('Bearer error="invalid_token"');
    const list = await request(ctx.app)
      .get('/api/v1/me/tokens')
      .set(bearer((await issue(ctx, user)).token))
      .expect(200);
    expect(list.body.tokens.find((t: { id: number }) => t.id === id).status).to.equal('expired');
  });

  it('answers 401 to a revoked token', async () => {
    const user = await createUser(ctx);
    const { token, id } = await issue(ctx, user);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const csrf = csrfFrom((await agent.get('/profilo/token').expect(200)).text);
    await agent.post(`/profilo/token/${id}/revoca`).type('form').send({ _csrf: csrf }).expect(303);
    const res = await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(401);
    expect(res.body.error.message).to.equal('Il token non è valido o è stato revocato.');
  });

  it('records when and from which address a token was last used', async () => {
    const user = await createUser(ctx);
    const { token, id } = await issue(ctx, user);
    const before = await ctx.database.query<{ last_used_at: Date | null }>(
      'SELECT last_used_at FROM api_tokens WHERE id = $1',
      [id],
    );
    expect(before[0]!.last_used_at).to.equal(null);
    await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(200);
    const [row] = await ctx.database.query<{ last_used_at: Date; last_used_ip: string }>(
      'SELECT last_used_at, last_used_ip FROM api_tokens WHERE id = $1',
      [id],
    );
    expect(Date.now() - new Date(row!.last_used_at).getTime()).to.be.below(10_000);
    expect(row!.last_used_ip).to.match(/127\.0\.0\.1|::1/);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const page = await agent.get('/profilo/token').expect(200);
    expect(page.text).to.contain(`da ${row!.last_used_ip}`);
  });

  it('creates a token with chosen scopes and expiry from the profile page, and re-asks on bad input', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const page = await agent.get('/profilo/token').expect(200);
    expect(page.text).to.contain('name="scopes"').and.not.to.contain('value="admin"');
    const csrf = csrfFrom(page.text);
    const bad = await agent
      .post('/profilo/token')
      .type('form')
      .send({ _csrf: csrf, name: 'Rotto', expiresInDays: '9999' })
      .expect(400);
    expect(bad.text).to.contain('Scegli una scadenza tra 1 e 730 giorni.');
    const created = await agent
      .post('/profilo/token')
      .type('form')
      .send({ _csrf: csrf, name: 'Solo lettura', scopes: 'read', expiresInDays: '30' })
      .expect(201);
    const token = /id="new-token">(rspi_[^<]+)</.exec(created.text)![1]!;
    await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(200);
    await request(ctx.app).post('/api/v1/notifications/read').set(bearer(token)).send({}).expect(403);
    const [row] = await ctx.database.query<{ scopes: string[]; expires_at: Date }>(
      `SELECT scopes, expires_at FROM api_tokens WHERE name = 'Solo lettura'`,
    );
    expect(row!.scopes).to.deep.equal(['read']);
    expect((new Date(row!.expires_at).getTime() - Date.now()) / 86_400_000).to.be.within(29.9, 30.1);
  });

  it('limits the requests of each token separately', async () => {
    ctx = await testContext({ RATE_LIMIT_TOKEN_MAX: '3' });
    const user = await createUser(ctx);
    const first = await issue(ctx, user);
    const second = await issue(ctx, user);
    for (let i = 0; i < 3; i++) await request(ctx.app).get('/api/v1/me').set(bearer(first.token)).expect(200);
    const limited = await request(ctx.app).get('/api/v1/me').set(bearer(first.token)).expect(429);
    expect(limited.body.error).to.deep.equal({
      code: 'rate_limited',
      message: 'Troppe richieste con questo token: riprova tra qualche minuto.',
    });
    await request(ctx.app).get('/api/v1/me').set(bearer(second.token)).expect(200);
    // The person's browser session is not a token and is not held back.
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    await agent.get('/api/v1/me').expect(200);
  });
});

describe('integration tokens', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  async function issueIntegration(
    agent: Awaited<ReturnType<typeof signedInAgent>>,
    body: Record<string, unknown>,
    status: number,
  ) {
    const csrf = csrfFrom((await agent.get('/admin/integrazioni').expect(200)).text);
    return agent
      .post('/admin/integrazioni')
      .type('form')
      .send({ _csrf: csrf, ...body })
      .expect(status);
  }

  it('lets an admin issue a token to a system, which acts through the API but cannot sign in', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const org = await createOrganization(ctx, { name: 'Regione Toscana' });
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const res = await issueIntegration(
      agent,
      {
        system: 'SIL Regione Toscana',
        organization: org.slug,
        scopes: ['read', 'write'],
        expiresInDays: '365',
      },
      201,
    );
    expect(res.text).to.contain('Token rilasciato a SIL Regione Toscana.');
    const token = /id="new-token">(rspi_[^<]+)</.exec(res.text)![1]!;

    const me = await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(200);
    expect(me.body.user.name).to.equal('SIL Regione Toscana');
    const [account] = await ctx.database.query<{
      kind: string;
      password_hash: string | null;
      email: string;
      organization_id: number;
    }>('SELECT kind, password_hash, email, organization_id FROM users WHERE id = $1', [me.body.user.id]);
    expect(account).to.include({ kind: 'service', password_hash: null, organization_id: org.id });
    const [tokenRow] = await ctx.database.query<{ created_by: number; scopes: string[] }>(
      'SELECT created_by, scopes FROM api_tokens',
    );
    expect(tokenRow).to.deep.include({ created_by: admin.id, scopes: ['read', 'write'] });

    // No password opens the account: neither the login form nor the token exchange.
    await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: account!.email, password: 'qualunque-password' })
      .expect(401);
    const visitor = request.agent(ctx.app);
    const csrf = csrfFrom((await visitor.get('/accedi').expect(200)).text);
    const login = await visitor
      .post('/accedi')
      .type('form')
      .send({ _csrf: csrf, email: account!.email, password: 'qualunque-password' })
      .expect(401);
    expect(login.text).to.contain('E-mail o password non corretti.');

    // The same system again reuses its service account; the list shows both tokens.
    const again = await issueIntegration(
      agent,
      {
        system: 'sil regione toscana',
        organization: org.slug,
        scopes: 'read',
        expiresInDays: '30',
      },
      201,
    );
    expect(again.text).to.contain('Token rilasciato a SIL Regione Toscana.');
    const services = await ctx.database.query(`SELECT id FROM users WHERE kind = 'service'`);
    expect(services).to.have.length(1);

    // Revoking from the admin page ends it.
    const page = await agent.get('/admin/integrazioni').expect(200);
    expect(page.text).not.to.contain(token);
    const ids = [...page.text.matchAll(/action="\/admin\/integrazioni\/(\d+)\/revoca"/g)].map((m) => m[1]);
    expect(ids).to.have.length(2);
    for (const id of ids) {
      await agent
        .post(`/admin/integrazioni/${id}/revoca`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) })
        .expect(303);
    }
    await request(ctx.app).get('/api/v1/me').set(bearer(token)).expect(401);
  });

  it('hides the service accounts from the community’s member list', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const org = await createOrganization(ctx, { name: 'Regione Umbria' });
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    await issueIntegration(
      agent,
      { system: 'Catalogo formativo', organization: org.slug, scopes: 'read', expiresInDays: '30' },
      201,
    );
    const list = await agent.get('/api/v1/users').expect(200);
    expect(JSON.stringify(list.body)).not.to.contain('Catalogo formativo');
  });

  it('refuses the page to members and re-asks a form without a system or administration', async () => {
    const member = await createUser(ctx);
    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    await memberAgent.get('/admin/integrazioni').expect(403);
    const admin = await createUser(ctx, { role: 'admin' });
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const res = await issueIntegration(agent, { system: '', organization: 'non-esiste', expiresInDays: '30' }, 400);
    expect(res.text).to.contain('Il nome del sistema deve avere tra 2 e 120 caratteri.');
    expect(res.text).to.contain('Scegli almeno un permesso.');
    const none = await issueIntegration(
      agent,
      { system: 'SIL', organization: 'non-esiste', scopes: 'read', expiresInDays: '30' },
      400,
    );
    expect(none.text).to.contain('id="f-organization-error"');
    expect(await ctx.database.query(`SELECT id FROM users WHERE kind = 'service'`)).to.have.length(0);
  });
});
