// PostgreSQL ends the app's connections under load (pg_terminate_backend: what a failover, a restart
// of the server or an administrator does): requests in flight answer or fail with a clean 503, none
// hangs, the process lives on and recovers by itself, every acknowledged write is there and its
// events are delivered. The first termination happens while the app's statements wait on a lock
// this test holds, so that it certainly hits requests in flight; the second one hits whatever runs.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../../server/config.ts';
import { TEST_DATABASE_URL } from '../../helpers/context.ts';
import {
  call,
  discussion,
  kill,
  reply,
  signIn,
  people,
  PASSWORD,
  stage,
  type App,
  type Stage,
  warnings,
} from '../../helpers/faults.ts';
import { until } from '../../helpers/wait.ts';

const it_ = JSON.parse(readFileSync(path.join(ROOT_DIR, 'server/locales/it/core.json'), 'utf8')) as {
  errors: { unavailable: string };
};
const UNAVAILABLE = it_.errors.unavailable;

type Outcome = {
  kind: 'write' | 'page' | 'read';
  status: number;
  type: string;
  text: string;
  retryAfter?: string;
  id?: number;
};

describe('faults: PostgreSQL connections terminated under load', function () {
  this.timeout(120_000);
  let s: Stage | undefined;
  let app: App | undefined;

  before(async function () {
    // pg_terminate_backend needs a PostgreSQL server: the PGlite pass has none of its own (its
    // TEST_POSTGRES_URL would only repeat this same test on the same server), so it runs once, here.
    if (!TEST_DATABASE_URL.startsWith('postgres')) this.skip();
    s = await stage('faults_terminate');
    app = s.app;
  });
  afterEach(async function () {
    // What the app logged, and the events it has not delivered, are the first things to read when this fails.
    if (this.currentTest?.state !== 'failed' || !app) return;
    console.log(warnings(app.output()));
    const waiting = await s!.db.query(
      `SELECT id, type, attempts, available_at - now() AS wait, last_error FROM domain_events WHERE dispatched_at IS NULL`,
    );
    console.log(waiting.rows);
  });
  after(async () => {
    await kill(app?.child);
    await s?.drop();
  });

  it('answers or fails with a clean 503, recovers within 10 s and keeps every acknowledged write', async () => {
    const { port, child } = app!;
    const db = s!.db;
    const { member, threadId } = await discussion(port);
    const cookie = await signIn(port, people.member.email, PASSWORD);

    const outcomes: Outcome[] = [];
    const failures: string[] = [];
    let loading = true;
    let n = 0;
    const one = async (kind: Outcome['kind']) => {
      const started = Date.now();
      try {
        const res =
          kind === 'write'
            ? await reply(port, member, threadId, ++n)
            : kind === 'page'
              ? await call(port, 'GET', `/discussioni/${threadId}`, { cookie })
              : await call(port, 'GET', `/api/v1/threads/${threadId}`, { token: member });
        const id = kind === 'write' && res.status === 201 ? (res.json().post as { id: number }).id : undefined;
        const retryAfter = res.headers['retry-after'];
        outcomes.push({ kind, status: res.status, type: res.type, text: res.text, retryAfter, id });
        return true;
      } catch (err) {
        // A hung request (over 30 s) or a refused connection (a crashed process): this worker stops.
        failures.push(`${kind} after ${Date.now() - started} ms: ${(err as Error).message}`);
        return false;
      }
    };
    /** `n` more outcomes; fails at once when the app process is gone. */
    const more = (what: string, count: number) => {
      const target = outcomes.length + count;
      return until(
        what,
        () => {
          if (child.exitCode !== null || child.signalCode !== null) throw new Error('the app process exited');
          return outcomes.length >= target;
        },
        30_000,
      );
    };
    const kinds = ['write', 'page', 'read', 'write', 'page', 'write'] as const;
    const workers = kinds.map(async (kind) => {
      while (loading && (await one(kind)));
    });
    const appBackends = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`;
    try {
      await more('some requests under load', 20);

      // 1. Hold the threads table, wait until the app's statements queue behind it, end their connections.
      await db.query('BEGIN');
      await db.query('LOCK TABLE threads IN ACCESS EXCLUSIVE MODE');
      await until(
        'requests waiting on the lock',
        async () =>
          (
            await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
              [s!.name],
            )
          ).rows[0]!.n >= 3,
        20_000,
      );
      const ended = (await db.query(appBackends, [s!.name])).rowCount;
      await db.query('ROLLBACK');
      expect(ended).to.be.at.least(3);

      // 2. Mid-load, wherever the requests are.
      await more('more requests under load', 20);
      await db.query(appBackends, [s!.name]);
      const terminated = Date.now();

      // Recovered by itself: health and a write answer again, within 10 s.
      await until(
        'the app to recover',
        async () =>
          (await call(port, 'GET', '/healthz')).status === 200 &&
          (await reply(port, member, threadId, ++n)).status === 201,
        10_000,
      );
      const recoveredMs = Date.now() - terminated;
      await more('requests after the recovery', 10);
      console.log(
        `      (recovered ${recoveredMs} ms after the termination; ${outcomes.length} requests, ` +
          `${outcomes.filter((o) => o.status === 503).length} of them 503)`,
      );
    } finally {
      loading = false;
      await Promise.all(workers);
    }

    expect(failures, 'hung or dropped requests').to.deep.equal([]);
    expect(child.exitCode, 'the app process exited').to.equal(null);
    const bad = outcomes.filter((o) => o.status !== 503 && (o.status < 200 || o.status > 299));
    expect(
      bad.map((o) => `${o.kind} ${o.status} ${o.text.slice(0, 300)}`),
      'neither a success nor a 503',
    ).to.deep.equal([]);
    const unavailable = outcomes.filter((o) => o.status === 503);
    // The first termination ended statements in flight: some requests certainly met it.
    expect(unavailable.length, 'requests that met a terminated connection').to.be.greaterThan(0);
    for (const o of unavailable) {
      expect(o.retryAfter).to.equal('5');
      if (o.kind === 'page') {
        expect(o.type).to.match(/^text\/html/);
        expect(o.text).to.include('<html lang="it">');
        expect(o.text).to.include(UNAVAILABLE);
        expect(o.text).not.to.match(/\bat \S+ \(|Error:|node_modules|\.ts:\d+/);
      } else {
        expect(o.type).to.match(/^application\/json/);
        expect(JSON.parse(o.text)).to.deep.equal({ error: { code: 'service_unavailable', message: UNAVAILABLE } });
      }
    }

    // Every acknowledged write is stored, and its event is delivered (the dispatcher lived through it).
    const acknowledged = outcomes.flatMap((o) => (o.id ? [o.id] : []));
    expect(acknowledged.length).to.be.greaterThan(10);
    const stored = await db.query<{ id: number }>('SELECT id FROM posts WHERE id = ANY($1::int[])', [acknowledged]);
    expect(stored.rows.map((r) => r.id).sort((a, b) => a - b)).to.deep.equal(acknowledged.sort((a, b) => a - b));
    const delivered = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM activities a JOIN domain_events e ON e.id = a.event_id
            WHERE e.type = 'post.created' AND (e.payload->>'postId')::int = ANY($1::int[])`,
          [acknowledged],
        )
      ).rows[0]!.n;
    await until(
      'the activity of every acknowledged post',
      async () => (await delivered()) === acknowledged.length,
      30_000,
    );
    // The dispatcher listens again for the wake-ups of new events (it polled meanwhile).
    await until(
      'the LISTEN connection to be reopened',
      async () =>
        (await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'`, [s!.name]))
          .rowCount === 1,
      10_000,
    );
  });
});
