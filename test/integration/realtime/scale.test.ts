// Scale-out with real processes: several `node server/main.ts` on one PostgreSQL database and one
// Redis. Live events cross processes through the Socket.IO Redis adapter, a process without Redis
// still serves pages and delivers its own events, delivery across processes comes back with Redis,
// and scheduled jobs run once. Runs on its own database (<test database>_scale), created and dropped
// here, because the rest of the suite empties the `public` schema of the test database. Without
// PostgreSQL or Redis it fails, saying what is missing. Every wait
// waits for something: a log line, a socket event, a row, a process exit.
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { digestPeriod } from '../../../server/features/notifications/notifications.digest.ts';
import { next, receivedUntil, subscribe } from '../../helpers/live.ts';
import { cli, missingPrerequisite, ownDatabaseUrl, startServer } from '../../helpers/process.ts';

type App = { name: string; url: string; child: ChildProcess; output: () => string };
type Activity = { room: string; type: string; object?: { title?: string } };
type Person = { id: number; email: string; token: string };

const serverUrl = (): string | undefined => {
  if (process.env.TEST_POSTGRES_URL) return process.env.TEST_POSTGRES_URL;
  const url = process.env.DATABASE_URL ?? '';
  return /^postgres(ql)?:\/\//.test(url) ? url : undefined;
};

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Resolves true when something accepts TCP connections on host:port. */
const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host, port });
    s.setTimeout(1000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });

/** A port nothing listens on (taken from the OS, then released). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 5000,
  every = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(every);
  }
}

/** Kills a child process (SIGKILL unless told otherwise) and waits for it to exit. */
async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** `redis-server` on a port, without persistence; resolves once it accepts connections. */
function startRedis(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start:\n${out}`));
    }, 10_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('error', (err) => (clearTimeout(timer), reject(err)));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`redis-server exited with ${code}:\n${out}`))));
  });
}

async function api<T = any>(base: string, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

describe('several app processes on one PostgreSQL and one Redis', function () {
  this.timeout(60_000);

  const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  const children: ChildProcess[] = [];
  const sockets: Socket[] = [];
  const timings: string[] = [];
  let scaleUrl = '';
  let scaleDb = '';
  let maintenanceUrl = '';
  let redisUrl = '';
  let dataDir = '';
  let pool: pg.Pool | undefined;
  let a: App;
  let b: App;
  let anna: Person; // animator: creates the groups and writes
  let bruno: Person; // member of both groups
  let carla: Person; // member of the public group only
  let publicSlug = '';
  let privateSlug = '';
  const redisServerInstalled = spawnSync('redis-server', ['--version']).status === 0;

  const appEnv = (redis: string): Record<string, string> => ({
    DATABASE_URL: scaleUrl,
    REDIS_URL: redis,
    SESSION_SECRET: 'scale-test-session-secret-0123456789',
    DEMO_CONTENT: 'never',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    RATE_LIMIT_AUTH_MAX: '100000',
    RATE_LIMIT_WRITE_MAX: '100000',
  });

  const startApp = async (name: string, redis: string): Promise<App> => {
    const { child, port, output } = await startServer(appEnv(redis));
    children.push(child);
    return { name, url: `http://127.0.0.1:${port}`, child, output };
  };

  /** Starts processes together; every one that started is recorded for after() even if another fails. */
  const startPair = async (names: [string, string], redis: string): Promise<[App, App]> => {
    const [first, second] = await Promise.allSettled([startApp(names[0], redis), startApp(names[1], redis)]);
    if (first.status === 'rejected') throw first.reason;
    if (second.status === 'rejected') throw second.reason;
    return [first.value, second.value];
  };

  const adapterAttached = (app: App, times = 1) =>
    until(
      `${app.name}: Redis adapter attached`,
      () => (app.output().match(/Redis adapter attached/g)?.length ?? 0) >= times,
      10_000,
    );

  /**
   * A browser-like client: reconnects on its own and subscribes to its rooms on every connect.
   * Resolves once connected and subscribed the first time.
   */
  const liveClient = (app: App, person: Person, rooms: string[]) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(app.url, {
        transports: ['websocket'],
        forceNew: true,
        auth: { token: person.token },
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
      });
      sockets.push(socket);
      const timer = setTimeout(
        () => reject(new Error(`socket to ${app.name} not subscribed to ${rooms.join(', ')}`)),
        8000,
      );
      socket.on('connect', async () => {
        const acks = await Promise.all(
          rooms.map((r) => subscribe(socket, r).catch((err: Error) => ({ ok: false, error: err.message }))),
        );
        if (acks.every((ack) => ack.ok)) {
          clearTimeout(timer);
          resolve(socket);
        }
      });
    });

  const createThread = (app: App, slug: string, title: string) =>
    api<{ thread: { id: number } }>(
      app.url,
      'POST',
      `/api/v1/groups/${slug}/threads`,
      { title, body: `Testo di «${title}».` },
      anna.token,
    );

  /** Creates a thread through `via` and measures how long until `socket` has its activity in `room`. */
  const delivered = async (via: App, socket: Socket, room: string, title: string, label: string) => {
    const started = performance.now();
    const arrives = next<Activity>(socket, 'activity', (x) => x.room === room && x.object?.title === title, 3000).then(
      () => performance.now() - started,
    );
    const { thread } = await createThread(
      via,
      room.startsWith('group:') ? room.slice('group:'.length) : publicSlug,
      title,
    );
    const ms = await arrives;
    timings.push(`${label}: ${ms.toFixed(0)} ms`);
    return { ms, threadId: thread.id };
  };

  before(async function () {
    this.timeout(90_000);
    const url = serverUrl();
    if (!url)
      return missingPrerequisite(this, 'no PostgreSQL server: set TEST_POSTGRES_URL (or a postgres:// DATABASE_URL)');
    // The shared Redis (127.0.0.1:6379 on CI, or TEST_REDIS_URL); the processes' channel prefix
    // comes from their database, so other deployments on it do not mix in. Without one, a Redis of
    // our own.
    redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const r = new URL(redisUrl);
    if (!(await reachable(r.hostname, Number(r.port || 6379)))) {
      if (process.env.TEST_REDIS_URL || !redisServerInstalled)
        return missingPrerequisite(this, `no Redis at ${redisUrl} (and no redis-server installed)`);
      const port = await freePort();
      children.push(await startRedis(port));
      redisUrl = `redis://127.0.0.1:${port}`;
    }

    maintenanceUrl = withDatabase(url, 'postgres');
    ({ url: scaleUrl, name: scaleDb } = ownDatabaseUrl(url, 'scale'));
    const admin = new pg.Client({ connectionString: maintenanceUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${scaleDb}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${scaleDb}"`);
    } finally {
      await admin.end();
    }
    pool = new pg.Pool({ connectionString: scaleUrl, max: 3 });
    // DROP DATABASE … WITH (FORCE) in after() ends any connection still open: not a test failure.
    pool.on('error', () => {});
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'retespi-scale-'));

    // Both processes start at once on the empty database: one migrates, the other waits for the
    // advisory lock and finds everything applied.
    [a, b] = await startPair(['A', 'B'], redisUrl);
    await Promise.all([adapterAttached(a), adapterAttached(b)]);
    const migrated = [a, b].filter((app) => app.output().includes('database migrated'));
    expect(migrated, 'exactly one process applies the migrations').to.have.length(1);

    // People and groups, through process A's API (and the CLI for the animator).
    const register = async (name: string, email: string) => {
      await api(a.url, 'POST', '/api/v1/auth/register', {
        name,
        email,
        password: 'password-di-prova',
        organization: 'Centro per l’impiego di Scala',
        jobTitle: 'Operatore',
        region: 'Toscana',
      });
    };
    const created = await cli(
      [
        'user:create',
        '--email',
        'anna@scala.test',
        '--name',
        'Anna Animatrice',
        '--password',
        'password-di-prova',
        '--role',
        'animator',
      ],
      { DATABASE_URL: scaleUrl },
    );
    expect(created.code, created.stderr).to.equal(0);
    await Promise.all([register('Bruno Bianchi', 'bruno@scala.test'), register('Carla Conti', 'carla@scala.test')]);
    const person = async (email: string): Promise<Person> => {
      const { token } = await api<{ token: string }>(a.url, 'POST', '/api/v1/auth/token', {
        email,
        password: 'password-di-prova',
      });
      const { user } = await api<{ user: { id: number } }>(a.url, 'GET', '/api/v1/me', undefined, token);
      return { id: user.id, email, token };
    };
    [anna, bruno, carla] = await Promise.all([
      person('anna@scala.test'),
      person('bruno@scala.test'),
      person('carla@scala.test'),
    ]);

    publicSlug = (
      await api(a.url, 'POST', '/api/v1/groups', { name: `Scala aperta ${run}`, visibility: 'public' }, anna.token)
    ).group.slug;
    privateSlug = (
      await api(a.url, 'POST', '/api/v1/groups', { name: `Scala riservata ${run}`, visibility: 'private' }, anna.token)
    ).group.slug;
    await api(a.url, 'POST', `/api/v1/groups/${publicSlug}/join`, {}, bruno.token);
    await api(b.url, 'POST', `/api/v1/groups/${publicSlug}/join`, {}, carla.token);
    const { user: brunoProfile } = await api<{ user: { handle: string } }>(
      a.url,
      'GET',
      '/api/v1/me',
      undefined,
      bruno.token,
    );
    await api(a.url, 'POST', `/api/v1/groups/${privateSlug}/invitations`, { handle: brunoProfile.handle }, anna.token);
    await api(b.url, 'POST', `/api/v1/groups/${privateSlug}/join`, {}, bruno.token);
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  after(async function () {
    this.timeout(30_000);
    for (const s of sockets.splice(0)) s.close();
    await Promise.all(children.map((c) => stop(c)));
    await pool?.end();
    if (maintenanceUrl) {
      const admin = new pg.Client({ connectionString: maintenanceUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${scaleDb}" WITH (FORCE)`).finally(() => admin.end());
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (timings.length) console.log(`      delivery times: ${timings.join('; ')}`);
  });

  it('delivers the activity of a post made through process A to a client of process B within a second', async () => {
    const onB = await liveClient(b, bruno, ['feed', `group:${publicSlug}`]);
    const feed = delivered(a, onB, 'feed', `Orari dello sportello ${run}`, 'A→B feed');
    const group = next<Activity>(
      onB,
      'activity',
      (x) => x.room === `group:${publicSlug}` && x.object?.title === `Orari dello sportello ${run}`,
      3000,
    );
    const { ms, threadId } = await feed;
    expect(ms).to.be.below(1000);
    expect(await group).to.include({ type: 'thread.created' });

    // A reply made through A reaches the open thread on B.
    const reader = await liveClient(b, bruno, [`thread:${threadId}`]);
    const started = performance.now();
    const arrives = next<{ threadId: number; postId: number }>(
      reader,
      'post:new',
      (p) => p.threadId === threadId,
      3000,
    );
    const { post } = await api<{ post: { id: number } }>(
      a.url,
      'POST',
      `/api/v1/threads/${threadId}/posts`,
      { body: 'Risposta da A' },
      anna.token,
    );
    expect(await arrives).to.deep.include({ threadId, postId: post.id });
    const replyMs = performance.now() - started;
    timings.push(`A→B post:new ${replyMs.toFixed(0)} ms`);
    expect(replyMs).to.be.below(1000);
  });

  it('never sends a private group’s activity to a non-member on another process', async () => {
    const insider = await liveClient(b, bruno, ['feed', `group:${privateSlug}`]);
    const stranger = await liveClient(b, carla, ['feed']);
    expect(await subscribe(stranger, `group:${privateSlug}`)).to.deep.equal({ ok: false, error: 'not_found' });
    const title = `Verbale riservato ${run}`;
    const marker = `Segnale pubblico ${run}`;
    // Everything the stranger receives until a later public thread (the marker) arrives.
    const strangerGot = receivedUntil(
      stranger,
      (event, x) => event === 'activity' && (x as Activity).object?.title === marker,
      5000,
    );
    const inFeed = next<Activity>(insider, 'activity', (x) => x.room === 'feed' && x.object?.title === title, 3000);
    const { ms } = await delivered(a, insider, `group:${privateSlug}`, title, 'A→B private group');
    await inFeed;
    expect(ms).to.be.below(1000);
    // The insider on the same process has both the feed and the group item: everything sent to the
    // rooms the stranger could be in has been sent. The marker, sent after, arrives after it.
    await createThread(a, publicSlug, marker);
    const got = (await strangerGot).map((r) => (r.payload as Activity).object?.title);
    expect(got).to.not.include(title);
  });

  it('counts the people with a group open across processes', async () => {
    const onA = await liveClient(a, bruno, []);
    const onB = await liveClient(b, carla, []);
    const seenA = next<{ room: string; count: number }>(
      onA,
      'presence',
      (p) => p.room === `group:${publicSlug}` && p.count === 2,
      5000,
    );
    const seenB = next<{ room: string; count: number }>(
      onB,
      'presence',
      (p) => p.room === `group:${publicSlug}` && p.count === 2,
      5000,
    );
    expect(await subscribe(onA, `group:${publicSlug}`)).to.include({ ok: true });
    expect(await subscribe(onB, `group:${publicSlug}`)).to.include({ ok: true });
    expect(await seenA).to.deep.equal({ room: `group:${publicSlug}`, count: 2 });
    expect(await seenB).to.deep.equal({ room: `group:${publicSlug}`, count: 2 });
  });

  it('without Redis keeps serving pages and delivers live events within the process, logging the fault', async () => {
    const closed = await freePort();
    const c = await startApp('C', `redis://127.0.0.1:${closed}`);
    try {
      expect((await fetch(`${c.url}/healthz`)).status).to.equal(200);
      expect((await fetch(`${c.url}/`)).status).to.equal(200);
      expect((await fetch(`${c.url}/gruppi/${publicSlug}`)).status).to.equal(200);
      const onC = await liveClient(c, bruno, [`group:${publicSlug}`]);
      const { ms } = await delivered(c, onC, `group:${publicSlug}`, `Senza Redis ${run}`, 'C→C without Redis');
      expect(ms).to.be.below(1000);
      await until('the Redis fault in the log', () => /Redis unreachable|Redis not available/.test(c.output()), 5000);
      expect(c.output()).not.to.contain('Redis adapter attached');
      // It still shuts down cleanly.
      await stop(c.child, 'SIGTERM');
      expect(c.child.exitCode).to.equal(0);
    } finally {
      await stop(c.child);
    }
  });

  it('delivers across processes again when Redis comes back', async function () {
    if (!redisServerInstalled)
      return missingPrerequisite(this, 'no redis-server to start and stop (the Redis recovery test needs one)');
    const port = await freePort();
    let redis: ChildProcess | undefined = await startRedis(port);
    children.push(redis);
    const url = `redis://127.0.0.1:${port}`;
    const [d, e] = await startPair(['D', 'E'], url);
    try {
      await Promise.all([adapterAttached(d), adapterAttached(e)]);
      const room = `group:${publicSlug}`;
      const onE = await liveClient(e, bruno, [room]);
      const onD = await liveClient(d, carla, [room]);
      expect((await delivered(d, onE, room, `Prima del guasto ${run}`, 'D→E before the outage')).ms).to.be.below(1000);

      // Redis dies: each process goes on alone.
      await stop(redis);
      await until('the fault in both logs', () => [d, e].every((app) => /Redis unreachable/.test(app.output())), 5000);
      for (const app of [d, e]) {
        expect((await fetch(`${app.url}/`)).status).to.equal(200);
        expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
      }
      expect((await delivered(d, onD, room, `Durante il guasto D ${run}`, 'D→D during the outage')).ms).to.be.below(
        1000,
      );
      expect((await delivered(e, onE, room, `Durante il guasto E ${run}`, 'E→E during the outage')).ms).to.be.below(
        1000,
      );

      // Redis returns on the same port: delivery across processes resumes by itself.
      redis = await startRedis(port);
      children.push(redis);
      const back = performance.now();
      let received = false;
      const crossed = next<Activity>(
        onE,
        'activity',
        (x) => x.room === room && Boolean(x.object?.title?.startsWith(`Ritorno ${run}`)),
        10_000,
      ).then(() => (received = true));
      for (let i = 1; !received && performance.now() - back < 10_000; i++) {
        await createThread(d, publicSlug, `Ritorno ${run} ${i}`);
        await Promise.race([crossed, sleep(500)]);
      }
      await crossed;
      timings.push(`D→E recovered ${(performance.now() - back).toFixed(0)} ms after Redis restarted`);
      expect((await delivered(d, onE, room, `Dopo il ripristino ${run}`, 'D→E after recovery')).ms).to.be.below(1000);
      await Promise.all([stop(d.child, 'SIGTERM'), stop(e.child, 'SIGTERM')]);
      expect([d.child.exitCode, e.child.exitCode]).to.deep.equal([0, 0]);
    } finally {
      await Promise.all([stop(d.child), stop(e.child), stop(redis)]);
    }
  });

  it('runs scheduled jobs once across processes', async () => {
    const { periodStart, from } = digestPeriod(new Date());
    // A and B both checked ~2 s after start: yesterday's digest was claimed and finished once.
    const runs = await until('the first digest check', async () => {
      const { rows } = await pool!.query<{ name: string; run_key: string; finished: boolean }>(
        'SELECT name, run_key, finished_at IS NOT NULL AS finished FROM job_runs',
      );
      return rows.length && rows.every((r) => r.finished) ? rows : undefined;
    });
    expect(runs).to.deep.equal([{ name: 'daily_digest', run_key: periodStart, finished: true }]);

    // Now with a digest to send: Bruno's notifications moved to yesterday, the day not yet done,
    // and two new processes starting together. One e-mail goes out.
    await pool!.query("UPDATE users SET email_frequency = 'daily' WHERE id = $1", [bruno.id]);
    const moved = await pool!.query('UPDATE notifications SET created_at = $2, emailed_at = NULL WHERE user_id = $1', [
      bruno.id,
      new Date(from.getTime() + 12 * 3600_000),
    ]);
    expect(moved.rowCount).to.be.greaterThan(0);
    await pool!.query('DELETE FROM job_runs');
    await pool!.query('DELETE FROM outbox');
    const [f, g] = await startPair(['F', 'G'], redisUrl);
    try {
      await until(
        'the digest run',
        async () =>
          (await pool!.query('SELECT 1 FROM job_runs WHERE run_key = $1 AND finished_at IS NOT NULL', [periodStart]))
            .rowCount,
        10_000,
      );
      // Both stopped: a process finishes a check in progress before it exits, so no mail can follow.
      await Promise.all([stop(f.child, 'SIGTERM'), stop(g.child, 'SIGTERM')]);
      expect([f.child.exitCode, g.child.exitCode]).to.deep.equal([0, 0]);
      const { rows: mails } = await pool!.query<{ subject: string }>(
        'SELECT subject FROM outbox WHERE to_address = $1',
        [bruno.email],
      );
      expect(mails).to.have.length(1);
      expect(mails[0]!.subject).to.match(/^Rete SPI: \d+ notific/);
      const { rows: digests } = await pool!.query(
        'SELECT 1 FROM digest_runs WHERE user_id = $1 AND period_start = $2',
        [bruno.id, periodStart],
      );
      expect(digests).to.have.length(1);
      const { rows: left } = await pool!.query(
        'SELECT 1 FROM notifications WHERE user_id = $1 AND emailed_at IS NULL',
        [bruno.id],
      );
      expect(left).to.deep.equal([]);
    } finally {
      await Promise.all([stop(f.child), stop(g.child)]);
    }
  });
});
