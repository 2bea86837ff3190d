// Limits of the live connection: how many sockets one person may hold open (across processes), and
// ids beyond PostgreSQL's integer range in room names (an answer, not a logged database error).
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Socket } from 'socket.io-client';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { client, startLive, subscribe, type Live } from '../../helpers/live.ts';

describe('live connection limits', () => {
  let ctx: TestContext;
  let live: Live | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await live?.close();
    live = undefined;
  });

  const attempt = (url: string, token: string) =>
    client(url, { token }).then(
      (s) => (sockets.push(s), s),
      (err: Error) => err.message,
    );

  it('refuses connections beyond LIVE_MAX_SOCKETS_PER_USER, even opened all at once', async () => {
    ctx = await testContext({ LIVE_MAX_SOCKETS_PER_USER: '3' });
    live = await startLive(ctx);
    const user = await createUser(ctx);
    const other = await createUser(ctx);
    const token = await apiToken(ctx.app, user.email, user.password);
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(live!.url, token)));
    const opened = results.filter((r): r is Socket => typeof r !== 'string');
    expect(opened).to.have.length(3);
    expect(results.filter((r) => typeof r === 'string')).to.deep.equal(Array(7).fill('too_many_connections'));
    // Someone else is not counted against them.
    expect(await attempt(live.url, await apiToken(ctx.app, other.email, other.password))).to.be.an('object');
    // A closed connection frees its place.
    const closing = opened[0]!;
    closing.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await attempt(live.url, token);
    expect(again).to.be.an('object');
    expect(await attempt(live.url, token)).to.equal('too_many_connections');
  });

  it('counts a person’s connections on every process (Redis adapter)', async () => {
    ctx = await testContext({
      LIVE_MAX_SOCKETS_PER_USER: '2',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `retespi-h9-cap-${process.pid}-${Date.now()}`,
    });
    live = await startLive(ctx);
    const other = await startLive(ctx);
    try {
      const deadline = Date.now() + 5000;
      while (!(live.realtime.redis?.connected() && other.realtime.redis?.connected())) {
        if (Date.now() > deadline) throw new Error('Redis adapter not attached (is Redis on 127.0.0.1:6379?)');
        await new Promise((r) => setTimeout(r, 50));
      }
      const user = await createUser(ctx);
      const token = await apiToken(ctx.app, user.email, user.password);
      const first = await attempt(live.url, token);
      expect(first).to.be.an('object');
      expect(await attempt(other.url, token)).to.be.an('object');
      expect(await attempt(other.url, token)).to.equal('too_many_connections');
      expect(await attempt(live.url, token)).to.equal('too_many_connections');
      (first as Socket).close();
      await new Promise((r) => setTimeout(r, 100));
      expect(await attempt(other.url, token)).to.be.an('object');
    } finally {
      for (const s of sockets.splice(0)) s.close();
      await other.close();
    }
  });

  it('allows 10 live connections per person by default', async () => {
    ctx = await testContext();
    expect(ctx.config.liveMaxSocketsPerUser).to.equal(10);
  });

  it('answers not_found for a thread id beyond the integer range, without logging an error', async () => {
    ctx = await testContext();
    const lines: { level: number; msg: string }[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    live = await startLive({ ...ctx, log });
    const user = await createUser(ctx);
    const socket = await attempt(live.url, await apiToken(ctx.app, user.email, user.password));
    expect(socket).to.be.an('object');
    for (const room of ['thread:9999999999', 'thread:2147483648']) {
      expect(await subscribe(socket as Socket, room), room).to.deep.equal({ ok: false, error: 'not_found' });
    }
    expect(lines.filter((l) => l.level >= 50)).to.deep.equal([]);
  });
});
