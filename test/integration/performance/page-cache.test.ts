// The anonymous pages' HTML cache (core/page-cache.ts): served from memory to visitors without a
// session, never to or from signed-in people, never holding a page that is not public, and fresh on
// the next request after a change.
import { expect } from 'chai';
import request from 'supertest';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { until } from '../../helpers/wait.ts';

const CACHE = 'x-page-cache';

/**
 * Waits until the changes made so far have all been heard: the events are delivered and the commit
 * notifications (which clear the cache, asynchronously) have stopped arriving.
 */
async function quiet(ctx: TestContext): Promise<void> {
  await ctx.settle();
  let last = -1;
  await until('the cache to hear of every change', async () => {
    const now = ctx.app.pageCache.stats().invalidations;
    if (now === last) return true;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 150));
    return false;
  });
}

describe('Anonymous page cache', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext({ PAGE_CACHE_SECONDS: '60' });
    await ctx.app.pageCache.start(ctx.database);
  });
  afterEach(async () => {
    await ctx.app.pageCache.stop();
  });

  it('serves the second anonymous request from memory, the same page, and answers 304 to a known ETag', async () => {
    const { group, owner } = await createGroup(ctx, { name: 'Rete degli osservatori' });
    await createThread(ctx, owner, group, { title: 'Dati sui tirocini 2026' });
    await quiet(ctx);
    const first = await request(ctx.app).get(`/gruppi/${group.slug}`).expect(200);
    expect(first.headers[CACHE]).to.equal('miss');
    expect(first.headers['set-cookie']).to.equal(undefined);
    const second = await request(ctx.app).get(`/gruppi/${group.slug}`).expect(200);
    expect(second.headers[CACHE]).to.equal('hit');
    expect(second.text).to.equal(first.text).and.contain('Dati sui tirocini 2026');
    expect(second.headers['content-type']).to.match(/^text\/html/);
    expect(second.headers['content-security-policy'], 'security headers on a cached page').to.be.a('string');
    expect(second.headers.etag).to.equal(first.headers.etag);
    await request(ctx.app).get(`/gruppi/${group.slug}`).set('If-None-Match', first.headers.etag!).expect(304);
    // Another address, or another language, is another page.
    const english = await request(ctx.app).get(`/gruppi/${group.slug}`).set('Cookie', 'lang=en').expect(200);
    expect(english.headers[CACHE]).to.equal('miss');
    expect(english.text).to.contain('lang="en"');
    expect((await request(ctx.app).get(`/gruppi/${group.slug}?pagina=1`).expect(200)).headers[CACHE]).to.equal('miss');
    expect(ctx.app.pageCache.stats().hits).to.equal(2);
  });

  it('never serves a signed-in person from the cache, and never keeps what they see', async () => {
    const member = await createUser(ctx);
    const { group } = await createGroup(ctx, { members: [member] });
    await quiet(ctx);
    await request(ctx.app).get(`/gruppi/${group.slug}`).expect(200);
    expect((await request(ctx.app).get(`/gruppi/${group.slug}`).expect(200)).headers[CACHE]).to.equal('hit');
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    await quiet(ctx);
    ctx.app.pageCache.invalidate();
    const signedIn = await agent.get(`/gruppi/${group.slug}`).expect(200);
    expect(signedIn.headers[CACHE]).to.equal(undefined);
    expect(signedIn.text).to.contain('action="/esci"');
    expect(signedIn.headers['cache-control']).to.equal('no-store');
    // What the member saw did not enter the cache: the next visitor gets a page of their own.
    const anonymous = await request(ctx.app).get(`/gruppi/${group.slug}`).expect(200);
    expect(anonymous.headers[CACHE]).to.equal('miss');
    expect(anonymous.text).not.to.contain('action="/esci"');
    // Nor does a bearer token's request use it.
    const bearer = await request(ctx.app).get(`/gruppi/${group.slug}`).set('Authorization', 'Bearer x').expect(200);
    expect(bearer.headers[CACHE]).to.equal(undefined);
  });

  it("keeps no private group's page, and no page carrying a visitor's own form token", async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, {
      visibility: 'private',
      members: [member],
      name: 'Tavolo riservato',
    });
    await createThread(ctx, owner, group, { title: 'Verbale riservato della riunione' });
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    expect((await agent.get(`/gruppi/${group.slug}`).expect(200)).text).to.contain('Verbale riservato');
    for (let i = 0; i < 2; i++) {
      const res = await request(ctx.app).get(`/gruppi/${group.slug}`);
      expect(res.status).to.be.oneOf([403, 404]);
      expect(res.text).not.to.contain('Verbale riservato');
      expect(res.headers[CACHE]).to.equal('miss');
    }
    expect(ctx.app.pageCache.stats().entries).to.equal(0);
    // The sign-in form holds a token bound to the visitor's new session: each visitor gets their own.
    const a = await request(ctx.app).get('/accedi').expect(200);
    const b = await request(ctx.app).get('/accedi').expect(200);
    expect(b.headers[CACHE]).to.equal('miss');
    expect(csrfFrom(a.text)).not.to.equal(csrfFrom(b.text));
  });

  it('shows a new reply to anonymous readers on the next request, whoever wrote it and however', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    const url = `/discussioni/${thread.id}`;
    await quiet(ctx);
    await request(ctx.app).get(url).expect(200);
    expect((await request(ctx.app).get(url).expect(200)).headers[CACHE]).to.equal('hit');

    // Through the page's form in this process: fresh at once.
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    const csrf = csrfFrom((await agent.get(url).expect(200)).text);
    await agent
      .post(`${url}/risposte`)
      .type('form')
      .send({ _csrf: csrf, body: 'Risposta dal modulo della pagina' })
      .expect(303);
    // Fresh at once: no waiting for the commit's notification.
    const afterForm = await request(ctx.app).get(url).expect(200);
    expect(afterForm.headers[CACHE]).to.equal('miss');
    expect(afterForm.text).to.contain('Risposta dal modulo della pagina');
    await quiet(ctx);
    await request(ctx.app).get(url).expect(200);
    expect((await request(ctx.app).get(url).expect(200)).headers[CACHE]).to.equal('hit');

    // Written elsewhere (another process, a job): the commit's notification clears the cache.
    await createReply(ctx, owner, thread, 'Risposta scritta da un altro processo');
    await until(
      'the anonymous page to show the reply',
      async () => (await request(ctx.app).get(url).expect(200)).text.includes('Risposta scritta da un altro processo'),
      10_000,
    );
  });
});
