import { expect } from 'chai';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent } from '../../helpers/http.ts';
import { client, next, receivedUntil, startLive, subscribe, type Live, type Received } from '../../helpers/live.ts';

describe('live updates over Socket.IO', () => {
  let ctx: TestContext;
  let live: Live;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    ctx = await testContext();
    live = await startLive(ctx);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await live.close();
  });
  /** The titles of the activities among `received`. */
  const titles = (received: Received[]) =>
    received.filter((r) => r.event === 'activity').map((r) => (r.payload.object as { title: string }).title);
  /** A later activity every socket subscribed to `feed` receives: a thread in a public group. */
  const marker = async () => {
    const { group, owner } = await createGroup(ctx);
    await createThread(ctx, owner, group, { title: 'Segnale di fine' });
  };
  const isMarker = (event: string, payload: Record<string, unknown>) =>
    event === 'activity' && (payload.object as { title?: string }).title === 'Segnale di fine';

  const connectAs = async (user: { email: string; password: string }) => {
    const socket = await client(live.url, { token: await apiToken(ctx.app, user.email, user.password) });
    sockets.push(socket);
    return socket;
  };

  it('refuses unauthenticated sockets and bad tokens', async () => {
    let reason = '';
    await client(live.url).catch((err: Error) => (reason = err.message));
    expect(reason).to.equal('unauthorized');
    await client(live.url, { token: 'rspi_falso' }).catch((err: Error) => (reason = err.message));
    expect(reason).to.equal('unauthorized');
  });

  it('authenticates with the session cookie of a signed-in browser', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const cookie = agent.jar.getCookie('retespi.sid', {
      domain: '127.0.0.1',
      path: '/',
      secure: false,
      script: false,
    })!;
    const socket = await client(live.url, { cookie: `retespi.sid=${cookie.value}` });
    sockets.push(socket);
    expect(await subscribe(socket, 'feed')).to.include({ ok: true, room: 'feed' });
    // Signing out in that browser closes its live connection too.
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    const page = await agent.get('/esci').expect(200);
    await agent
      .post('/esci')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] })
      .expect(303);
    expect(await gone).to.be.a('string');
  });

  it('delivers new activity to the feed and group rooms, with the item rendered in both languages', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    // The group's own events (member.joined…) are delivered first: under load they could otherwise
    // reach the rooms after the subscription and be taken for the thread's.
    await ctx.settle();
    const socket = await connectAs(member);
    expect(await subscribe(socket, 'feed')).to.include({ ok: true });
    expect(await subscribe(socket, `group:${group.slug}`)).to.include({ ok: true });
    const feedItem = next<{
      type: string;
      room: string;
      object: { title: string };
      html: { it: string; en: string };
      actor: { name: string };
    }>(socket, 'activity', (a) => a.room === 'feed');
    const groupItem = next<{ room: string }>(socket, 'activity', (a) => a.room === `group:${group.slug}`);
    await createThread(ctx, owner, group, { title: 'Graduatorie dei tirocini' });
    const item = await feedItem;
    expect(item).to.include({ type: 'thread.created' });
    expect(item.object.title).to.equal('Graduatorie dei tirocini');
    expect(item.actor.name).to.equal(owner.name);
    expect(item.html.it).to.contain('ha avviato la discussione').and.to.contain('Graduatorie dei tirocini');
    expect(item.html.en).to.contain('started the discussion');
    expect(await groupItem).to.include({ room: `group:${group.slug}` });
  });

  it('never sends a private group’s activity to non-members, and refuses its rooms', async () => {
    const member = await createUser(ctx);
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { visibility: 'private', members: [member] });
    const { thread } = await createThread(ctx, owner, group, { title: 'Prima discussione riservata' });
    const insider = await connectAs(member);
    const stranger = await connectAs(outsider);
    await subscribe(insider, 'feed');
    await subscribe(stranger, 'feed');
    expect(await subscribe(stranger, `group:${group.slug}`)).to.deep.equal({ ok: false, error: 'not_found' });
    expect(await subscribe(stranger, `thread:${thread.id}`)).to.deep.equal({ ok: false, error: 'not_found' });
    const insiderGets = next<{ object: { title: string } }>(
      insider,
      'activity',
      (a) => a.object.title === 'Piano riservato',
    );
    const strangerGot = receivedUntil(stranger, isMarker);
    await createThread(ctx, owner, group, { title: 'Piano riservato' });
    await insiderGets;
    await ctx.settle(); // everything the server was to send about it is sent
    await marker();
    expect(titles(await strangerGot)).to.not.include('Piano riservato');
  });

  it('answers malformed rooms, unknown rooms and floods with an error ack, and disconnects a flood', async () => {
    const user = await createUser(ctx);
    const socket = await connectAs(user);
    for (const bad of ['', 'feed ', 'group:', 'group:../x', 'thread:abc', 'thread:0', 'lobby', 42, { room: 7 }, null]) {
      expect(await subscribe(socket, bad), JSON.stringify(bad)).to.deep.equal({ ok: false, error: 'invalid_room' });
    }
    expect(await subscribe(socket, 'group:non-esiste')).to.deep.equal({ ok: false, error: 'not_found' });
    expect(await subscribe(socket, 'twinning:tos-ca')).to.deep.equal({ ok: false, error: 'not_found' });
    const replies: { ok: boolean; error?: string }[] = [];
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 120 && socket.connected; i++)
      socket.emit('subscribe', 'feed', (r: { ok: boolean; error?: string }) => replies.push(r));
    expect(await disconnected).to.equal('io server disconnect');
    expect(replies.some((r) => r.error === 'rate_limited')).to.equal(true);
  });

  it('survives a resume cursor beyond the id range, and keeps serving', async () => {
    const user = await createUser(ctx);
    const socket = await connectAs(user);
    expect(await subscribe(socket, { room: 'feed', since: 3_000_000_000 })).to.deep.equal({
      ok: false,
      error: 'invalid_room',
    });
    expect(await subscribe(socket, { room: 'feed', since: 0 })).to.include({ ok: true });
  });

  it('does not join a private thread through "network" after its reader was removed', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { visibility: 'private', members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    await createReply(ctx, member, thread, 'Seguo questa discussione');
    // A public thread the member follows too: a reply there is the marker.
    const { group: open } = await createGroup(ctx, { owner, members: [member] });
    const { thread: followed } = await createThread(ctx, owner, open);
    await createReply(ctx, member, followed, 'Seguo anche questa');
    const token = await apiToken(ctx.app, owner.email, owner.password);
    await request(ctx.app)
      .delete(`/api/v1/groups/${group.slug}/members/${member.id}`)
      .set('authorization', `Bearer ${token}`)
      .send({})
      .expect(204);
    const socket = await connectAs(member);
    expect(await subscribe(socket, 'network')).to.include({ ok: true });
    const got = receivedUntil(socket, (event, p) => event === 'post:new' && p.threadId === followed.id);
    await createReply(ctx, owner, thread, 'Dopo la rimozione');
    await ctx.settle();
    await createReply(ctx, owner, followed, 'Segnale di fine');
    expect((await got).filter((r) => r.event === 'post:new').map((r) => r.payload.threadId)).to.not.include(thread.id);
  });

  it('disconnects a socket whose token is revoked', async () => {
    const user = await createUser(ctx);
    const token = await apiToken(ctx.app, user.email, user.password);
    const socket = await client(live.url, { token });
    sockets.push(socket);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    await request(ctx.app).delete('/api/v1/auth/token').set('authorization', `Bearer ${token}`).expect(204);
    expect(await gone).to.be.a('string');
  });

  it('tells an open thread about new replies, but not their author', async () => {
    const reader = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [reader] });
    const { thread } = await createThread(ctx, owner, group);
    // The opening post's own event is delivered first, or it could reach the room subscribed below.
    await ctx.settle();
    const readerSocket = await connectAs(reader);
    const authorSocket = await connectAs(owner);
    await subscribe(readerSocket, `thread:${thread.id}`);
    await subscribe(authorSocket, `thread:${thread.id}`);
    const arrives = next<{ threadId: number; postId: number; url: string }>(readerSocket, 'post:new');
    // The marker: the reader's own reply, which the author does receive.
    const authorGot = receivedUntil(
      authorSocket,
      (event, p) => event === 'post:new' && (p.author as { id: number }).id === reader.id,
    );
    const post = await createReply(ctx, owner, thread, 'Nuova risposta');
    expect(await arrives).to.deep.include({ threadId: thread.id, postId: post.id, url: `/messaggi/${post.id}` });
    await ctx.settle();
    await createReply(ctx, reader, thread, 'Segnale di fine');
    expect((await authorGot).filter((r) => r.event === 'post:new')).to.deep.equal([]);
  });

  it('updates the notification count live', async () => {
    const lucia = await createUser(ctx, { name: 'Lucia Verdi' });
    const { group, owner } = await createGroup(ctx, { members: [lucia] });
    const { thread } = await createThread(ctx, owner, group);
    const socket = await connectAs(lucia);
    const count = next<{ unread: number }>(socket, 'notification');
    await createReply(ctx, owner, thread, `Ciao @${lucia.handle}, che ne pensi?`);
    expect((await count).unread).to.equal(1);
  });

  it('resumes after a reconnect: what happened while away arrives in order, nothing invisible', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { group: secret, owner: secretOwner } = await createGroup(ctx, { visibility: 'private' });
    let socket = await connectAs(member);
    await subscribe(socket, 'feed');
    const seen = next<{ id: number }>(
      socket,
      'activity',
      (a: { object?: { title?: string } } & { id: number }) => a.object?.title === 'Prima',
    );
    await createThread(ctx, owner, group, { title: 'Prima' });
    const lastId = (await seen).id;
    socket.close();
    // While the browser is away:
    await createThread(ctx, owner, group, { title: 'Seconda' });
    await createThread(ctx, secretOwner, secret, { title: 'Riservata' });
    await createThread(ctx, owner, group, { title: 'Terza' });
    await ctx.settle();
    socket = await connectAs(member);
    const got: { object: { title: string } }[] = [];
    socket.on('activity', (a) => got.push(a));
    const ack = await subscribe(socket, { room: 'feed', since: lastId });
    expect(ack).to.include({ ok: true });
    expect(got.map((a) => a.object.title)).to.deep.equal(['Seconda', 'Terza']);
    expect(ack.missed).to.equal(2);
  });

  it('counts the people who have a group open', async () => {
    const a = await createUser(ctx);
    const b = await createUser(ctx);
    const { group } = await createGroup(ctx, { members: [a, b] });
    const sa = await connectAs(a);
    const sb = await connectAs(b);
    await subscribe(sa, `group:${group.slug}`);
    const two = next<{ room: string; count: number }>(sa, 'presence', (p) => p.count === 2);
    await subscribe(sb, `group:${group.slug}`);
    expect(await two).to.deep.equal({ room: `group:${group.slug}`, count: 2 });
    const one = next<{ count: number }>(sa, 'presence', (p) => p.count === 1);
    sb.close();
    expect((await one).count).to.equal(1);
  });

  it('stops sending a group’s activity to someone removed from it', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { visibility: 'closed', members: [member] });
    const socket = await connectAs(member);
    await subscribe(socket, 'feed');
    await subscribe(socket, `group:${group.slug}`);
    const token = await apiToken(ctx.app, owner.email, owner.password);
    await request(ctx.app)
      .delete(`/api/v1/groups/${group.slug}/members/${member.id}`)
      .set('authorization', `Bearer ${token}`)
      .send({})
      .expect(204);
    await ctx.settle(); // the removal has taken the sockets out of the group's rooms
    const got = receivedUntil(socket, isMarker);
    await createThread(ctx, owner, group, { title: 'Dopo la rimozione' });
    await ctx.settle();
    await marker();
    expect(titles(await got)).to.not.include('Dopo la rimozione');
  });
});
