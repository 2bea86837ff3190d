// A new password ends what the old one opened: personal API tokens are revoked in the same
// transaction, the live connections opened with them close, and the page says so.
import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { client, startLive, type Live } from '../../helpers/live.ts';

const NEW_PASSWORD = 'nuova-password-2026';

describe('a password change revokes personal API tokens', () => {
  let ctx: TestContext;
  let live: Live;
  beforeEach(async () => {
    ctx = await testContext();
    live = await startLive(ctx);
  });
  afterEach(async () => {
    await live.close();
  });

  it('revokes every token, closes sockets opened with them, and tells the person', async () => {
    const user = await createUser(ctx);
    const bystander = await createUser(ctx);
    const first = await apiToken(ctx.app, user.email, user.password);
    const second = await apiToken(ctx.app, user.email, user.password);
    const others = await apiToken(ctx.app, bystander.email, bystander.password);
    for (const token of [first, second])
      await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    const socket = await client(live.url, { token: first });
    const othersSocket = await client(live.url, { token: others });
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));

    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const csrf = csrfFrom((await agent.get(`/membri/${user.id}/modifica`).expect(200)).text);
    await agent
      .post(`/membri/${user.id}/password`)
      .type('form')
      .send({ _csrf: csrf, currentPassword: user.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      .expect(303)
      .expect('location', `/membri/${user.id}`);

    for (const token of [first, second])
      await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(await closed).to.be.a('string');
    // Nobody else's tokens or connections are touched.
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${others}`).expect(200);
    await ctx.settle();
    expect(othersSocket.connected).to.equal(true);
    othersSocket.close();
    const rows = await ctx.database.query<{ user_id: number; revoked: boolean }>(
      'SELECT user_id, revoked_at IS NOT NULL AS revoked FROM api_tokens ORDER BY id',
    );
    expect(rows).to.deep.equal([
      { user_id: user.id, revoked: true },
      { user_id: user.id, revoked: true },
      { user_id: bystander.id, revoked: false },
    ]);

    const page = await agent.get(`/membri/${user.id}`).expect(200);
    expect(page.text).to.contain(
      'Password cambiata. Per sicurezza abbiamo revocato anche i tuoi 2 token API personali',
    );
    // The browser that changed it stays signed in, and new tokens can be made with the new password.
    await agent.get('/api/v1/me').expect(200);
    const fresh = await apiToken(ctx.app, user.email, NEW_PASSWORD);
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${fresh}`).expect(200);
  });

  it('says it in English too, and says nothing about tokens when there were none', async () => {
    const user = await createUser(ctx);
    await apiToken(ctx.app, user.email, user.password);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const change = async (from: string, to: string) => {
      const csrf = csrfFrom((await agent.get(`/membri/${user.id}/modifica`).expect(200)).text);
      await agent
        .post(`/membri/${user.id}/password`)
        .type('form')
        .send({ _csrf: csrf, currentPassword: from, newPassword: to, confirmPassword: to })
        .expect(303);
      const page = (await agent.get(`/membri/${user.id}?lang=en`).expect(200)).text;
      return [...page.matchAll(/<div class="alert alert-success"[^>]*>([^<]*)<\/div>/g)].map((m) => m[1]);
    };
    expect(await change(user.password, NEW_PASSWORD)).to.deep.equal([
      'Password changed. For your security your personal API token was revoked too: if you used it, create a new one from your profile.',
    ]);
    expect(await change(NEW_PASSWORD, 'ancora-un-altra-2026')).to.deep.equal(['Password changed.']);
  });
});
