// `npm run load` in short (30 members for 10 s, bench/load/run.ts): two production processes on one
// PostgreSQL database and Redis, members spread over both, observer sockets on both; then no 5xx,
// no 429, no unexpected answer, every acknowledged post stored and delivered live.
import { expect } from 'chai';
import { runLoad, type LoadResult } from '../../../bench/load/run.ts';
import { TEST_DATABASE_URL } from '../../helpers/context.ts';
import { missingPrerequisite, ownDatabaseUrl } from '../../helpers/process.ts';

describe('load test: two processes under 30 members', function () {
  this.timeout(300_000);
  let result: LoadResult;

  before(async function () {
    // Two app processes need a database server they both reach: the PGlite pass (DATABASE_URL
    // empty, one in-process database) has none, so this runs in the PostgreSQL pass only.
    if (!TEST_DATABASE_URL.startsWith('postgres')) return this.skip();
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    try {
      result = await runLoad({
        members: 30,
        seconds: 10,
        groups: 3,
        feedSockets: 2,
        thinkMs: 1000,
        drainSeconds: 60,
        serverUrl: TEST_DATABASE_URL,
        databaseName: ownDatabaseUrl(TEST_DATABASE_URL, 'load').name,
        redisUrl,
        log: () => {},
      });
    } catch (err) {
      if (/Redis not reachable/.test((err as Error).message))
        return missingPrerequisite(this, `no Redis at ${redisUrl}`);
      throw err;
    }
  });

  it('passes every check: no 5xx or 429, every post stored and delivered live on both processes', () => {
    const failed = result.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    expect(failed, result.report).to.deep.equal([]);
    expect(result.checks.map((c) => c.name)).to.include.members([
      'no 5xx answers',
      'every acknowledged post is in the database',
      'every acknowledged post reached its sockets live',
    ]);
  });

  it('ran the whole mix, on both processes, with sockets on both', () => {
    const done = Object.fromEntries(result.rows.map((r) => [r.action, r.count]));
    for (const action of ['register', 'token', 'login', 'join', 'new thread', 'reply', 'react'])
      expect(done[action] ?? 0, `${action}\n${result.report}`).to.be.greaterThan(0);
    const sum = (...actions: string[]) => actions.reduce((n, a) => n + (done[a] ?? 0), 0);
    expect(sum('home page', 'group page', 'thread page'), 'pages read').to.be.greaterThan(0);
    expect(sum('feed api', 'group threads api', 'thread api'), 'API reads').to.be.greaterThan(0);
    expect(done.register).to.equal(30);
    expect(result.perApp.every((n) => n > 0)).to.equal(true);
    expect(result.live.expected).to.be.greaterThan(result.posts);
    expect(result.live.received).to.equal(result.live.expected);
  });
});
