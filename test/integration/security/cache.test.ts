// Finding 6: what a signed-in person or an API token is shown is never stored by a browser or a
// proxy, and every answer says it varies by who asks.
import { expect } from 'chai';
import request from 'supertest';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent } from '../../helpers/http.ts';

describe('security: cache headers on personal and private answers', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('marks signed-in pages and token-authenticated API answers no-store, varying by Cookie', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { visibility: 'private', members: [member] });
    const { thread } = await createThread(ctx, owner, group, { title: 'Verbale riservato' });
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    for (const path of [
      '/notifiche',
      '/profilo/token',
      `/membri/${member.id}/modifica`,
      `/discussioni/${thread.id}`,
      '/',
    ]) {
      const res = await agent.get(path).expect(200);
      expect(res.headers['cache-control'], path).to.equal('no-store');
      expect(res.headers.vary, path).to.match(/\bCookie\b/);
    }
    const token = await apiToken(ctx.app, member.email, member.password);
    for (const path of ['/api/v1/me', `/api/v1/threads/${thread.id}`]) {
      const res = await request(ctx.app).get(path).set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.headers['cache-control'], path).to.equal('no-store');
      expect(res.headers.vary, path).to.match(/\bAuthorization\b/);
    }
    // A session-authenticated API call too.
    expect((await agent.get('/api/v1/me').expect(200)).headers['cache-control']).to.equal('no-store');
  });

  it('leaves anonymous public pages cacheable, but never shared with a signed-in visitor', async () => {
    const res = await request(ctx.app).get('/gruppi').expect(200);
    expect(res.headers['cache-control'] ?? '').not.to.contain('no-store');
    expect(res.headers.vary).to.match(/\bCookie\b/);
  });
});
