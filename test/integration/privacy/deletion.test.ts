import { expect } from 'chai';
import request from 'supertest';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { startConversation } from '../../../server/features/conversations/conversations.service.ts';
import { createGroup, createReply, createThread, createUser, registrationInput } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, formToken, signedInAgent } from '../../helpers/http.ts';

describe('privacy: account deletion', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  async function scenario() {
    const carla = await createUser(ctx, { name: 'Carla Cancellata', email: 'carla@example.it' });
    const dario = await createUser(ctx, { name: 'Dario Resta', email: 'dario@example.it' });
    const { group } = await createGroup(ctx, { name: 'Gruppo cancellazioni', members: [carla, dario] });
    const { thread } = await createThread(ctx, dario, group, { title: 'Orientamento dei giovani NEET' });
    const post = await createReply(ctx, carla, thread, 'Zanzibarite: una parola rara scritta da Carla.');
    await startConversation(ctx, toSessionUser(carla), {
      recipientIds: [dario.id],
      subject: 'Incontro',
      body: 'Messaggio privato di Carla.',
    });
    const token = await apiToken(ctx.app, carla.email, carla.password);
    const agent = await signedInAgent(ctx.app, carla.email, carla.password);
    await ctx.settle();
    return { carla, dario, thread, post, token, agent };
  }

  async function deleteThroughPage(agent: ReturnType<typeof request.agent>, password: string) {
    const csrf = await formToken(agent, '/profilo/elimina');
    return agent.post('/profilo/elimina').type('form').send({ _csrf: csrf, password });
  }

  const setRule = (rule: string) =>
    ctx.database.query(
      `INSERT INTO privacy_settings (key, value) VALUES ('deletion_rule', $1)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [rule],
    );

  it('"anonimizza": keeps the posts under "Utente rimosso", ends tokens and sessions, frees the e-mail', async () => {
    const { carla, thread, token, agent } = await scenario();
    const other = await signedInAgent(ctx.app, carla.email, carla.password);
    const res = await deleteThroughPage(agent, carla.password);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Account eliminato');
    // The post stays, signed "Utente rimosso"; her name is gone from the thread.
    const page = await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200);
    expect(page.text).to.contain('Zanzibarite');
    expect(page.text).to.contain('Utente rimosso');
    expect(page.text).not.to.contain('Carla Cancellata');
    // Tokens and every session stop working.
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
    const signedOut = await other.get('/profilo/dati').expect(303);
    expect(signedOut.headers.location).to.match(/^\/accedi/);
    const [row] = await ctx.database.query<Record<string, unknown>>(
      'SELECT name, email, password_hash, fiscal_number, deleted_at FROM users WHERE id = $1',
      [carla.id],
    );
    expect(row).to.include({ name: 'Utente rimosso', password_hash: null, fiscal_number: null });
    expect(row!.email).not.to.contain('carla');
    expect(row!.deleted_at).to.not.equal(null);
    const [messages] = await ctx.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM conversation_messages WHERE body LIKE '%Carla%'`,
    );
    expect(messages!.n).to.equal(0);
    const [counts] = await ctx.database.query<{ n: number; s: number; m: number }>(
      `SELECT (SELECT count(*)::int FROM notifications WHERE user_id = $1) AS n,
              (SELECT count(*)::int FROM subscriptions WHERE user_id = $1) AS s,
              (SELECT count(*)::int FROM group_memberships WHERE user_id = $1) AS m`,
      [carla.id],
    );
    expect(counts).to.deep.equal({ n: 0, s: 0, m: 0 });
    // She cannot sign in, and the old e-mail can register again.
    await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: carla.email, password: carla.password })
      .expect(401);
    await request(ctx.app)
      .post('/api/v1/auth/register')
      .send(registrationInput({ name: 'Carla Di Nuovo', email: 'carla@example.it' }))
      .expect(201);
    // The event says only the former id and the rule.
    const [event] = await ctx.database.query<{ payload: unknown }>(
      `SELECT payload FROM domain_events WHERE type = 'user.deleted'`,
    );
    expect(event!.payload).to.deep.equal({ userId: carla.id, rule: 'anonimizza' });
    await ctx.settle();
    const [visible] = await ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND NOT hidden',
      [carla.id],
    );
    expect(visible!.n).to.equal(0);
  });

  it('"rimuovi": removes the posts from the thread and the search (API, password in the body)', async () => {
    await setRule('rimuovi');
    const { carla, thread, token } = await scenario();
    const before = await request(ctx.app).get('/cerca?q=zanzibarite').expect(200);
    expect(before.text).to.contain('Zanzibarite');
    const res = await request(ctx.app)
      .delete('/api/v1/me')
      .set('authorization', `Bearer ${token}`)
      .send({ password: carla.password })
      .expect(200);
    expect(res.body).to.deep.equal({ deleted: true, rule: 'rimuovi' });
    const page = await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200);
    expect(page.text).not.to.contain('Zanzibarite');
    const after = await request(ctx.app).get('/cerca?q=zanzibarite').expect(200);
    expect(after.text).not.to.contain('Zanzibarite');
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
  });

  it('needs the write scope and the password; a wrong password changes nothing', async () => {
    const { carla, agent } = await scenario();
    const read = await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: carla.email, password: carla.password, scopes: ['read'] })
      .expect(201);
    await request(ctx.app)
      .delete('/api/v1/me')
      .set('authorization', `Bearer ${read.body.token}`)
      .send({ password: carla.password })
      .expect(403);
    const write = await apiToken(ctx.app, carla.email, carla.password);
    const wrong = await request(ctx.app)
      .delete('/api/v1/me')
      .set('authorization', `Bearer ${write}`)
      .send({ password: 'sbagliata' })
      .expect(400);
    expect(wrong.body.error.fields?.password ?? wrong.body.error.message).to.contain('La password non è corretta');
    const page = await deleteThroughPage(agent, 'password-sbagliata');
    expect(page.status).to.equal(400);
    expect(page.text).to.contain('La password non è corretta');
    // A CSRF-less post is refused too.
    await agent.post('/profilo/elimina').type('form').send({ password: carla.password }).expect(403);
    const [row] = await ctx.database.query<{ name: string; deleted_at: unknown }>(
      'SELECT name, deleted_at FROM users WHERE id = $1',
      [carla.id],
    );
    expect(row).to.deep.equal({ name: 'Carla Cancellata', deleted_at: null });
    await agent.get('/profilo/dati').expect(200);
    const [log] = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM privacy_log`);
    expect(log!.n).to.equal(0);
  });

  it('refuses to delete the last admin, with an Italian message', async () => {
    const admin = await createUser(ctx, { name: 'Unica Admin', role: 'admin' });
    const token = await apiToken(ctx.app, admin.email, admin.password);
    const res = await request(ctx.app)
      .delete('/api/v1/me')
      .set('authorization', `Bearer ${token}`)
      .send({ password: admin.password })
      .expect(409);
    expect(res.body.error.message).to.equal(
      "Non puoi eliminare l'account dell'ultimo amministratore: nomina prima un altro amministratore.",
    );
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const page = await agent
      .post('/profilo/elimina')
      .type('form')
      .send({ _csrf: csrfFrom((await agent.get('/profilo/elimina').expect(200)).text), password: admin.password });
    expect(page.status).to.equal(409);
    expect(page.text).to.contain('ultimo amministratore');
    // With a second admin, the first may go.
    await createUser(ctx, { name: 'Seconda Admin', role: 'admin' });
    await request(ctx.app)
      .delete('/api/v1/me')
      .set('authorization', `Bearer ${token}`)
      .send({ password: admin.password })
      .expect(200);
  });
});
