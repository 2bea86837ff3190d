import { expect } from 'chai';
import request from 'supertest';
import { CONTENT_EVENTS } from '../../server/core/events.ts';
import { createGroup, createReply, createThread, createUser } from '../factories.ts';
import { testContext, type TestContext } from '../helpers/context.ts';
import { apiToken, signedInAgent } from '../helpers/http.ts';

describe('activity feeds', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });
  const feed = async (query = '', token?: string) => {
    const req = request(ctx.app).get(`/api/v1/feed${query}`);
    if (token) req.set('authorization', `Bearer ${token}`);
    return (await req.expect(200)).body as {
      activities: { id: number; type: string; object: { title: string; url: string }; group?: { slug: string } }[];
      next: number | null;
    };
  };

  it('records registrations, groups, joins, threads and replies, newest first', async () => {
    const member = await createUser(ctx, { name: 'Nuova Iscritta' });
    const { group, owner } = await createGroup(ctx, { name: 'Rete degli osservatori', members: [] });
    await request(ctx.app)
      .post(`/api/v1/groups/${group.slug}/join`)
      .set('authorization', `Bearer ${await apiToken(ctx.app, member.email, member.password)}`)
      .expect(200);
    const { thread } = await createThread(ctx, owner, group, { title: 'Cruscotto mensile' });
    await createReply(ctx, member, thread, 'Ottimo lavoro');
    await ctx.settle();
    const { activities } = await feed();
    expect(activities.map((a) => a.type)).to.deep.equal([
      'post.created',
      'thread.created',
      'member.joined',
      'member.joined',
      'group.created',
      'user.registered',
      'user.registered',
    ]);
    expect(activities[1]).to.deep.include({
      object: { type: 'thread', id: thread.id, title: 'Cruscotto mensile', url: `/discussioni/${thread.id}` },
    });
    expect(activities[1]!.group).to.deep.equal({ slug: group.slug, name: 'Rete degli osservatori' });
    const page = await request(ctx.app).get('/attivita').expect(200);
    expect(page.text)
      .to.contain('ha avviato la discussione')
      .and.to.contain('Cruscotto mensile')
      .and.to.contain('Nuova Iscritta');
  });

  it('shows a private group’s activity only to its members, on the page, the API and the group scope', async () => {
    const member = await createUser(ctx);
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { visibility: 'private', members: [member] });
    await createThread(ctx, owner, group, { title: 'Bilancio riservato' });
    await ctx.settle();
    const titles = (f: Awaited<ReturnType<typeof feed>>) => f.activities.map((a) => a.object.title);
    expect(titles(await feed())).not.to.include('Bilancio riservato');
    expect(titles(await feed('', await apiToken(ctx.app, outsider.email, outsider.password)))).not.to.include(
      'Bilancio riservato',
    );
    expect(titles(await feed('', await apiToken(ctx.app, member.email, member.password)))).to.include(
      'Bilancio riservato',
    );
    expect((await request(ctx.app).get('/attivita')).text).not.to.contain('Bilancio riservato');
    expect((await request(ctx.app).get(`/attivita?membro=${owner.id}`)).text).not.to.contain('Bilancio riservato');
    await request(ctx.app).get(`/attivita?gruppo=${group.slug}`).expect(404);
    await request(ctx.app).get(`/api/v1/feed?group=${group.slug}`).expect(404);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    expect((await agent.get(`/attivita?gruppo=${group.slug}`).expect(200)).text).to.contain('Bilancio riservato');
  });

  it('filters by kind, pages by cursor and narrows to my network', async () => {
    const me = await createUser(ctx);
    const { group: mine, owner } = await createGroup(ctx, { members: [me] });
    const { group: other, owner: otherOwner } = await createGroup(ctx);
    for (let i = 1; i <= 5; i++) await createThread(ctx, owner, mine, { title: `Nel mio gruppo ${i}` });
    await createThread(ctx, otherOwner, other, { title: 'Altrove' });
    await ctx.settle();
    const discussions = await feed('?tipo=discussioni&limit=3');
    expect(discussions.activities.map((a) => a.object.title)).to.deep.equal([
      'Altrove',
      'Nel mio gruppo 5',
      'Nel mio gruppo 4',
    ]);
    const next = await feed(`?tipo=discussioni&limit=3&prima=${discussions.next}`);
    expect(next.activities.map((a) => a.object.title)).to.deep.equal([
      'Nel mio gruppo 3',
      'Nel mio gruppo 2',
      'Nel mio gruppo 1',
    ]);
    await request(ctx.app).get('/api/v1/feed?tipo=tutto').expect(400);
    const token = await apiToken(ctx.app, me.email, me.password);
    const network = await feed('?rete=1&tipo=discussioni', token);
    expect(network.activities.map((a) => a.object.title)).not.to.include('Altrove');
    expect(network.activities).to.have.length(5);
    await request(ctx.app).get('/attivita?rete=1').expect(303);

    // Following a person brings their activity into my network; nobody follows themself.
    await request(ctx.app)
      .put(`/api/v1/users/${otherOwner.id}/subscription`)
      .set('authorization', `Bearer ${token}`)
      .expect(200, { following: true });
    await request(ctx.app)
      .put(`/api/v1/users/${me.id}/subscription`)
      .set('authorization', `Bearer ${token}`)
      .expect(403);
    const widened = await feed('?rete=1&tipo=discussioni', token);
    expect(widened.activities.map((a) => a.object.title)).to.include('Altrove');
    const agent = await signedInAgent(ctx.app, me.email, me.password);
    const profile = await agent.get(`/membri/${otherOwner.id}`).expect(200);
    expect(profile.text).to.contain('Non seguire più');
  });

  it('drops hidden and deleted posts from the feeds and follows moved threads', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { group: closed } = await createGroup(ctx, { visibility: 'closed', owner });
    const { thread } = await createThread(ctx, owner, group, { title: 'Da spostare' });
    const post = await createReply(ctx, member, thread, 'Risposta da nascondere');
    await ctx.settle();
    const ownerToken = await apiToken(ctx.app, owner.email, owner.password);
    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/hide`)
      .set('authorization', `Bearer ${ownerToken}`)
      .send({})
      .expect(200);
    await ctx.settle();
    expect((await feed()).activities.map((a) => a.type)).not.to.include('post.created');
    await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/move`)
      .set('authorization', `Bearer ${ownerToken}`)
      .send({ group: closed.slug })
      .expect(200);
    await ctx.settle();
    expect((await feed()).activities.map((a) => a.object.title)).not.to.include('Da spostare');
  });

  it('shows content events of features still to come, as soon as they are published', async () => {
    const author = await createUser(ctx);
    await ctx.settle();
    expect(CONTENT_EVENTS).to.include('practice.published');
    await ctx.bus.record(ctx.database.db, 'practice.published', {
      actorId: author.id,
      objectId: 7,
      title: 'Libretto formativo del cittadino',
      url: '/buone-pratiche/libretto-formativo',
    });
    await ctx.bus.record(ctx.database.db, 'course.enrolled', {
      actorId: author.id,
      objectId: 3,
      title: 'Accoglienza e DID',
      url: '/corsi/accoglienza',
      privateToActor: true,
    });
    await ctx.settle();
    const anonymous = await feed();
    expect(anonymous.activities[0]).to.deep.include({
      type: 'practice.published',
      object: {
        type: 'practice',
        id: 7,
        title: 'Libretto formativo del cittadino',
        url: '/buone-pratiche/libretto-formativo',
      },
    });
    expect(anonymous.activities.map((a) => a.type)).not.to.include('course.enrolled');
    const own = await feed('', await apiToken(ctx.app, author.email, author.password));
    expect(own.activities.map((a) => a.type)).to.include('course.enrolled');
    const page = await request(ctx.app).get('/attivita?tipo=pratiche').expect(200);
    expect(page.text).to.contain('ha pubblicato la buona pratica');
  });
});
