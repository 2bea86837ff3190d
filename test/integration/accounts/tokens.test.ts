import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent } from '../../helpers/http.ts';

describe('personal API tokens', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('issues a token for valid credentials and authenticates GET /api/v1/me with it', async () => {
    const user = await createUser(ctx, { name: 'Paolo Gialli' });
    const res = await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: user.email, password: user.password, name: 'SIL Toscana' })
      .expect(201);
    expect(res.body.token).to.match(/^rspi_[\w-]{40,}$/);
    expect(res.body.name).to.equal('SIL Toscana');
    const me = await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${res.body.token}`).expect(200);
    expect(me.body.user).to.include({ id: user.id, name: 'Paolo Gialli', email: user.email, role: 'member' });
  });

  it('stores only a hash of the token', async () => {
    const user = await createUser(ctx);
    const token = await apiToken(ctx.app, user.email, user.password);
    const rows = await ctx.database.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(rows).to.have.length(1);
    expect(rows[0]!.token_hash).to.match(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.to.contain(token.slice(5));
  });

  it('refuses wrong credentials with 401 and field errors with 400', async () => {
    const user = await createUser(ctx);
    const wrong = await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: user.email, password: 'non-è-questa' })
      .expect(401);
    expect(wrong.body.error).to.deep.equal({ code: 'invalid_credentials', message: 'E-mail o password non corretti.' });
    const bad = await request(ctx.app).post('/api/v1/auth/token').send({ email: 'x' }).expect(400);
    expect(bad.body.error.fields).to.have.keys('email', 'password');
  });

  it('answers 401 to a malformed or unknown bearer token, never treating it as anonymous', async () => {
    for (const header of ['Bearer rspi_nonesiste', 'Bearer ', 'Basic abc']) {
      const res = await request(ctx.app).get('/api/v1/users').set('authorization', header).expect(401);
      expect(res.body.error.code).to.equal('unauthorized');
    }
  });

  it('revokes the token in use with DELETE /api/v1/auth/token, after which it is refused', async () => {
    const user = await createUser(ctx);
    const token = await apiToken(ctx.app, user.email, user.password);
    const other = await apiToken(ctx.app, user.email, user.password);
    await request(ctx.app).delete('/api/v1/auth/token').set('authorization', `Bearer ${token}`).expect(204);
    const res = await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(res.body.error.message).to.equal('Il token non è valido o è stato revocato.');
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${other}`).expect(200);
  });

  it('lists and revokes tokens by id, only one’s own', async () => {
    const alice = await createUser(ctx);
    const bob = await createUser(ctx);
    const aliceToken = await apiToken(ctx.app, alice.email, alice.password);
    const bobToken = await apiToken(ctx.app, bob.email, bob.password);
    const list = await request(ctx.app).get('/api/v1/me/tokens').set('authorization', `Bearer ${bobToken}`).expect(200);
    expect(list.body.tokens).to.have.length(1);
    expect(list.body.tokens[0]).to.not.have.property('tokenHash');
    const [aliceRow] = await ctx.database.query<{ id: number }>('SELECT id FROM api_tokens WHERE user_id = $1', [
      alice.id,
    ]);
    await request(ctx.app)
      .delete(`/api/v1/me/tokens/${aliceRow!.id}`)
      .set('authorization', `Bearer ${bobToken}`)
      .expect(404);
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${aliceToken}`).expect(200);
    await request(ctx.app)
      .delete(`/api/v1/me/tokens/${aliceRow!.id}`)
      .set('authorization', `Bearer ${aliceToken}`)
      .expect(204);
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${aliceToken}`).expect(401);
  });

  it('creates and revokes tokens from the /profilo/token page, showing the value once', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const page = await agent.get('/profilo/token').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const created = await agent
      .post('/profilo/token')
      .type('form')
      .send({ _csrf: csrf, name: 'Cruscotto regionale' })
      .expect(201);
    const token = /id="new-token">(rspi_[^<]+)</.exec(created.text)![1]!;
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    const again = await agent.get('/profilo/token').expect(200);
    expect(again.text).to.contain('Cruscotto regionale');
    expect(again.text).not.to.contain(token);
    const id = /action="\/profilo\/token\/(\d+)\/revoca"/.exec(again.text)![1];
    await agent.post(`/profilo/token/${id}/revoca`).type('form').send({ _csrf: csrf }).expect(303);
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
  });

  it('needs no CSRF token for bearer-authenticated writes but does for cookie-authenticated ones', async () => {
    const user = await createUser(ctx);
    const token = await apiToken(ctx.app, user.email, user.password);
    await request(ctx.app)
      .patch('/api/v1/me')
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'Nome Nuovo', jobTitle: 'Orientatrice', region: 'Umbria', organization: 'CPI di Perugia' })
      .expect(200);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const res = await agent
      .patch('/api/v1/me')
      .send({ name: 'Forgiato', jobTitle: 'X', region: 'Umbria', organization: 'CPI di Perugia' })
      .expect(403);
    expect(res.body.error.code).to.equal('csrf');
    const me = await agent.get('/api/v1/me').expect(200);
    expect(me.body.user.name).to.equal('Nome Nuovo');
  });
});
