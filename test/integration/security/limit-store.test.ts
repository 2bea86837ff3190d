// The rate-limit store on a redis-server of this test's own: counts in Redis while Redis answers,
// in memory at once when Redis is gone, after one command's timeout when Redis hangs (SIGSTOP),
// and in Redis again when it is back: restarted empty (its scripts gone), or absent at first use.
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { createClient } from 'redis';
import { SharedLimitStore } from '../../../server/core/rate-limit-store.ts';
import { closeSharedRedis, sharedRedis, type RedisCommands } from '../../../server/core/redis.ts';
import { missingPrerequisite } from '../../helpers/process.ts';
import { freePort, redisServerInstalled, startRedisServer, stopProcess } from '../../helpers/redis-server.ts';
import { until } from '../../helpers/wait.ts';

const WINDOW_MS = 60_000;
const log = pino({ level: 'silent' });

describe('rate-limit store on Redis, and without it', function () {
  this.timeout(30_000);
  let port = 0;
  let server: ChildProcess | undefined;
  let redis: RedisCommands;
  let n = 0;

  /** A store with a prefix of its own, as each limiter has. */
  const store = () => {
    const s = new SharedLimitStore(redis, `test:rl:${process.pid}:${++n}:`, log);
    s.init({ windowMs: WINDOW_MS } as never);
    return s;
  };

  /** The count Redis itself holds for a store's key (read with a connection of the test's own). */
  async function inRedis(s: SharedLimitStore, key: string): Promise<number | null> {
    const c = createClient({ url: `redis://127.0.0.1:${port}` });
    await c.connect();
    try {
      const v = await c.get(s.prefix + key);
      return v === null ? null : Number(v);
    } finally {
      await c.quit();
    }
  }

  before(async function () {
    // No database here: the PostgreSQL pass covers it, the PGlite pass (DATABASE_URL empty) would only repeat it.
    if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) return this.skip();
    if (!redisServerInstalled()) return missingPrerequisite(this, 'no redis-server to start and stop');
    port = await freePort();
    server = await startRedisServer(port);
    redis = sharedRedis(`redis://127.0.0.1:${port}`, log);
    await until('the shared connection ready', () => redis.available(), 5000);
  });

  after(async () => {
    server?.kill('SIGCONT');
    await closeSharedRedis();
    await stopProcess(server);
  });

  it('counts in Redis, so two stores of one limiter name share a count', async () => {
    const first = store();
    const second = new SharedLimitStore(redis, first.prefix, log);
    second.init({ windowMs: WINDOW_MS } as never);
    expect((await first.increment('k')).totalHits).to.equal(1);
    expect((await second.increment('k')).totalHits).to.equal(2);
    expect(await inRedis(first, 'k')).to.equal(2);
    await second.decrement('k');
    expect(await inRedis(first, 'k')).to.equal(1);
  });

  it('counts in memory within a second while Redis hangs, then in Redis again once it answers', async () => {
    const s = store();
    expect((await s.increment('k')).totalHits).to.equal(1);
    server!.kill('SIGSTOP');
    try {
      let started = performance.now();
      // The first command waits out its timeout; the memory count starts from zero.
      expect((await s.increment('k')).totalHits).to.equal(1);
      expect(performance.now() - started).to.be.below(2000);
      // Then Redis rests: no more waiting.
      started = performance.now();
      expect((await s.increment('k')).totalHits).to.equal(2);
      expect(performance.now() - started).to.be.below(200);
    } finally {
      server!.kill('SIGCONT');
    }
    await until('Redis used again', () => redis.available(), 10_000);
    // The command given up on was sent, and Redis ran it when it woke: it counts there too.
    expect((await s.increment('k')).totalHits).to.equal(3);
    expect(await inRedis(s, 'k')).to.equal(3);
  });

  it('counts in memory at once while Redis is down, and in Redis when it restarts empty', async () => {
    const s = store();
    expect((await s.increment('k')).totalHits).to.equal(1);
    await stopProcess(server);
    const started = performance.now();
    expect((await s.increment('k')).totalHits).to.equal(1);
    expect((await s.increment('k')).totalHits).to.equal(2);
    expect(performance.now() - started).to.be.below(200);
    // A restart without persistence: no counts, no scripts (NOSCRIPT is reloaded).
    server = await startRedisServer(port);
    await until('reconnected', () => redis.available(), 10_000);
    expect((await s.increment('k')).totalHits).to.equal(1);
    expect(await inRedis(s, 'k')).to.equal(1);
  });

  it('starts in memory when Redis is absent at first use, and moves to Redis when it comes', async () => {
    await stopProcess(server);
    const absentPort = port;
    await closeSharedRedis();
    redis = sharedRedis(`redis://127.0.0.1:${absentPort}`, log);
    const s = store();
    expect((await s.increment('k')).totalHits).to.equal(1);
    expect((await s.increment('k')).totalHits).to.equal(2);
    server = await startRedisServer(absentPort);
    await until('connected after a failed first connect', () => redis.available(), 10_000);
    expect((await s.increment('k')).totalHits).to.equal(1);
    expect(await inRedis(s, 'k')).to.equal(1);
  });
});
