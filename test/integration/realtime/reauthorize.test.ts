// Live subscriptions are decided again when the policy behind them changes: a group turned private
// or closed, a membership that ended, a changed role, a moved thread. Whoever may no longer read a
// thread stops receiving its replies and activity, however the socket came to be in its room
// (`thread:<id>` directly or a followed thread through `network`), on this process or another.
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { EventBus } from '../../../server/core/events.ts';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { client, next, silence, startLive, subscribe, type Live } from '../../helpers/live.ts';

type Person = { id: number; email: string; password: string };
type PostNew = { threadId: number; postId: number };
type Activity = { room: string; type: string; object: { title?: string; url?: string } };

const settle = async (ctx: TestContext) => {
  await ctx.settle();
  await new Promise((r) => setTimeout(r, 100));
};

describe('live subscriptions re-authorized after a policy change', () => {
  let ctx: TestContext;
  let live: Live;
  const sockets: Socket[] = [];
  const tokens = new Map<number, string>();
  const extraLives: Live[] = [];

  beforeEach(async () => {
    ctx = await testContext();
    live = await startLive(ctx);
    tokens.clear();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const l of extraLives.splice(0)) await l.close();
    await live.close();
  });

  const tokenOf = async (p: Person) => {
    if (!tokens.has(p.id)) tokens.set(p.id, await apiToken(ctx.app, p.email, p.password));
    return tokens.get(p.id)!;
  };
  const api = async (p: Person) => {
    const auth = `Bearer ${await tokenOf(p)}`;
    return {
      get: (url: string) => request(ctx.app).get(url).set('authorization', auth),
      post: (url: string, body: object = {}) => request(ctx.app).post(url).set('authorization', auth).send(body),
      put: (url: string, body: object = {}) => request(ctx.app).put(url).set('authorization', auth).send(body),
      patch: (url: string, body: object = {}) => request(ctx.app).patch(url).set('authorization', auth).send(body),
      delete: (url: string, body: object = {}) => request(ctx.app).delete(url).set('authorization', auth).send(body),
    };
  };
  const connectAs = async (p: Person, url = live.url) => {
    const socket = await client(url, { token: await tokenOf(p) });
    sockets.push(socket);
    return socket;
  };
  const reply = async (p: Person, threadId: number, body: string) =>
    (await (await api(p)).post(`/api/v1/threads/${threadId}/posts`, { body }).expect(201)).body as {
      post: { id: number };
    };

  /** Expectations on a socket for the next reply in a thread: both its post:new and its activity, or neither. */
  const gets = (socket: Socket, threadId: number) =>
    Promise.all([
      next<PostNew>(socket, 'post:new', (p) => p.threadId === threadId),
      next<Activity>(
        socket,
        'activity',
        (a) => a.room === `thread:${threadId}` || a.room === 'network' || a.type === 'post.created',
      ),
    ]);
  const quiet = async (socket: Socket, threadId: number) => {
    const [a, b] = await Promise.all([
      silence<PostNew>(socket, 'post:new', (p) => p.threadId === threadId),
      silence(socket, 'activity'),
    ]);
    return a && b;
  };

  it('stops a public thread’s replies and activity reaching outsiders once its group turns private', async () => {
    const member = await createUser(ctx);
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { thread } = await createThread(ctx, owner, group, { title: 'Tirocini in mobilità' });
    // The outsider reads the public thread and follows it.
    await (await api(outsider)).put(`/api/v1/threads/${thread.id}/subscription`).expect(200);
    const direct = await connectAs(outsider);
    const network = await connectAs(outsider);
    const insider = await connectAs(member);
    expect(await subscribe(direct, `thread:${thread.id}`)).to.include({ ok: true });
    expect(await subscribe(network, 'network')).to.include({ ok: true });
    expect(await subscribe(insider, `thread:${thread.id}`)).to.include({ ok: true });

    // Before the change both of the outsider's sockets get the replies.
    const before = Promise.all([gets(direct, thread.id), gets(network, thread.id)]);
    await reply(owner, thread.id, 'Prima della chiusura');
    await before;

    await (
      await api(owner)
    )
      .patch(`/api/v1/groups/${group.slug}`, { name: group.name, visibility: 'private' })
      .expect(200);
    await settle(ctx);
    await (await api(outsider)).get(`/api/v1/threads/${thread.id}`).expect(404);

    const directQuiet = quiet(direct, thread.id);
    const networkQuiet = quiet(network, thread.id);
    const insiderGets = gets(insider, thread.id);
    await reply(owner, thread.id, 'Dopo la chiusura');
    await insiderGets;
    expect(await directQuiet, 'thread:<id> subscription').to.equal(true);
    expect(await networkQuiet, 'followed thread through network').to.equal(true);
    // They may still ask: the answer is the one the page gives.
    expect(await subscribe(direct, `thread:${thread.id}`)).to.deep.equal({ ok: false, error: 'not_found' });
    expect(direct.connected && network.connected).to.equal(true);
  });

  it('stops a closed group’s thread reaching a removed member, through thread:<id> and network alike', async () => {
    const leaving = await createUser(ctx);
    const staying = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { visibility: 'closed', members: [leaving, staying] });
    const { thread } = await createThread(ctx, owner, group);
    await (await api(leaving)).put(`/api/v1/threads/${thread.id}/subscription`).expect(200);
    await (await api(staying)).put(`/api/v1/threads/${thread.id}/subscription`).expect(200);
    const direct = await connectAs(leaving);
    const network = await connectAs(leaving);
    const stayingDirect = await connectAs(staying);
    const stayingNetwork = await connectAs(staying);
    await subscribe(direct, `thread:${thread.id}`);
    await subscribe(network, 'network');
    await subscribe(stayingDirect, `thread:${thread.id}`);
    await subscribe(stayingNetwork, 'network');

    await (await api(owner)).delete(`/api/v1/groups/${group.slug}/members/${leaving.id}`).expect(204);
    await settle(ctx);

    const directQuiet = quiet(direct, thread.id);
    const networkQuiet = quiet(network, thread.id);
    const stayed = Promise.all([gets(stayingDirect, thread.id), gets(stayingNetwork, thread.id)]);
    await reply(owner, thread.id, 'Dopo la rimozione');
    await stayed;
    expect(await directQuiet, 'thread:<id> subscription').to.equal(true);
    expect(await networkQuiet, 'followed thread through network').to.equal(true);
  });

  it('adds a group turned private to its members’ live feed', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const socket = await connectAs(member);
    await subscribe(socket, 'feed');
    await (
      await api(owner)
    )
      .patch(`/api/v1/groups/${group.slug}`, { name: group.name, visibility: 'private' })
      .expect(200);
    await settle(ctx);
    const arrives = next<Activity>(socket, 'activity', (a) => a.room === 'feed' && a.object.title === 'Ora riservata');
    await createThread(ctx, owner, group, { title: 'Ora riservata' });
    await arrives;
  });

  it('keeps an admin’s socket connected after a demotion, without what only admins may read', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const other = await createUser(ctx, { role: 'admin' });
    const { group: secret, owner } = await createGroup(ctx, { visibility: 'private' });
    const { group: open } = await createGroup(ctx, { owner });
    const { thread } = await createThread(ctx, owner, secret);
    const socket = await connectAs(admin);
    expect(await subscribe(socket, `thread:${thread.id}`)).to.include({ ok: true });
    expect(await subscribe(socket, 'feed')).to.include({ ok: true });
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    await (await api(other)).patch(`/api/v1/users/${admin.id}/role`, { role: 'member' }).expect(200);
    await settle(ctx);
    expect(socket.connected, 'still connected').to.equal(true);

    const noSecret = quiet(socket, thread.id);
    await reply(owner, thread.id, 'Solo per i membri');
    expect(await noSecret).to.equal(true);
    const publicItem = next<Activity>(socket, 'activity', (a) => a.room === 'feed' && a.object.title === 'Per tutti');
    await createThread(ctx, owner, open, { title: 'Per tutti' });
    await publicItem;
    expect(
      await Promise.race([closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 50))]),
    ).to.equal('open');
  });

  it('stops a moved thread reaching those who cannot read its new group', async () => {
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx);
    const { group: secret } = await createGroup(ctx, { owner, visibility: 'private' });
    const { thread } = await createThread(ctx, owner, group);
    await (await api(outsider)).put(`/api/v1/threads/${thread.id}/subscription`).expect(200);
    const direct = await connectAs(outsider);
    const network = await connectAs(outsider);
    await subscribe(direct, `thread:${thread.id}`);
    await subscribe(network, 'network');
    await (await api(owner)).post(`/api/v1/threads/${thread.id}/move`, { group: secret.slug }).expect(200);
    await settle(ctx);
    const directQuiet = quiet(direct, thread.id);
    const networkQuiet = quiet(network, thread.id);
    await reply(owner, thread.id, 'Nel gruppo riservato');
    expect(await directQuiet).to.equal(true);
    expect(await networkQuiet).to.equal(true);
  });

  it('re-authorizes sockets held by another process (Redis adapter)', async function () {
    // Two Socket.IO servers on one Redis, each with its own event bus, like two app processes:
    // the request is handled by the first, the outsider's socket lives on the second.
    const prefix = `retespi-h9-reauth-${process.pid}-${Date.now()}`;
    await live.close();
    ctx = await testContext({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix });
    live = await startLive(ctx);
    const other = await startLive({ ...ctx, bus: new EventBus(pino({ level: 'silent' })) });
    extraLives.push(other);
    const deadline = Date.now() + 5000;
    while (!(live.realtime.redis?.connected() && other.realtime.redis?.connected())) {
      if (Date.now() > deadline) throw new Error('Redis adapter not attached (is Redis on 127.0.0.1:6379?)');
      await new Promise((r) => setTimeout(r, 50));
    }

    const member = await createUser(ctx);
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    await (await api(outsider)).put(`/api/v1/threads/${thread.id}/subscription`).expect(200);
    const direct = await connectAs(outsider, other.url);
    const network = await connectAs(outsider, other.url);
    const insider = await connectAs(member, other.url);
    await subscribe(direct, `thread:${thread.id}`);
    await subscribe(network, 'network');
    await subscribe(insider, `thread:${thread.id}`);

    await (
      await api(owner)
    )
      .patch(`/api/v1/groups/${group.slug}`, { name: group.name, visibility: 'private' })
      .expect(200);
    await settle(ctx);
    await new Promise((r) => setTimeout(r, 300));

    const directQuiet = quiet(direct, thread.id);
    const networkQuiet = quiet(network, thread.id);
    const insiderGets = gets(insider, thread.id);
    await reply(owner, thread.id, 'Da un altro processo');
    await insiderGets;
    expect(await directQuiet, 'thread:<id> on the other process').to.equal(true);
    expect(await networkQuiet, 'network on the other process').to.equal(true);
  });
});
