// Rate limits shared through Redis by real processes: two `node server/main.ts` on one PostgreSQL
// database and one redis-server of this test's own share one count of failed sign-ins per account
// and one count of writes per person, so two processes do not allow twice the limit. Then Redis
// dies: pages and writes go on, limits are counted in each process's memory, and nothing answers
// 500 or hangs; Redis comes back on the same port and live events cross processes again.
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { next } from '../../helpers/live.ts';
import { cli, createOwnDatabase, missingPrerequisite, startServer, type Run } from '../../helpers/process.ts';
import { freePort, redisServerInstalled, startRedisServer, stopProcess } from '../../helpers/redis-server.ts';
import { until } from '../../helpers/wait.ts';

type App = { name: string; url: string; child: ChildProcess; output: () => string };
type Reply = { status: number; body: any; ms: number };
type Activity = { room: string; object?: { title?: string } };

const ACCOUNT_MAX = 3;
// Anonymous writes (registration, tokens, sign-ins) share one count per address: kept below this.
const WRITE_MAX = 12;
const PASSWORD = 'password-di-prova';

/** One request; its status, JSON body and how long it took (never throws on a status). */
async function call(base: string, method: string, url: string, body?: unknown, token?: string): Promise<Reply> {
  const started = performance.now();
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // a page, not JSON
  }
  return { status: res.status, body: parsed, ms: performance.now() - started };
}

describe('rate limits shared by several processes through Redis', function () {
  this.timeout(60_000);

  const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  const children: ChildProcess[] = [];
  const sockets: Socket[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;
  let dbUrl = '';
  let dataDir = '';
  let redisPort = 0;
  let redis: ChildProcess | undefined;
  let a: App;
  let b: App;
  let anna = ''; // animator's token: creates the group and writes
  let bruno = ''; // member's token: watches the feed
  let slug = '';

  const startApp = async (name: string): Promise<App> => {
    const { child, port, output } = await startServer({
      DATABASE_URL: dbUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SESSION_SECRET: 'shared-limits-test-secret-0123456789',
      DEMO_CONTENT: 'never',
      DATA_DIR: dataDir,
      RATE_LIMIT_LOGIN_ACCOUNT_MAX: String(ACCOUNT_MAX),
      RATE_LIMIT_WRITE_MAX: String(WRITE_MAX),
      RATE_LIMIT_AUTH_MAX: '1000',
    });
    children.push(child);
    return { name, url: `http://127.0.0.1:${port}`, child, output };
  };

  const newThread = (app: App, title: string) =>
    call(app.url, 'POST', `/api/v1/groups/${slug}/threads`, { title, body: `Testo di «${title}».` }, anna);

  before(async function () {
    this.timeout(150_000);
    const url = process.env.DATABASE_URL ?? '';
    // Two processes need one database server: the PostgreSQL pass covers this; the PGlite pass
    // (DATABASE_URL empty) has no server the processes could share, so the suite runs once per CI run.
    if (!/^postgres(ql)?:\/\//.test(url)) return this.skip();
    if (!redisServerInstalled()) return missingPrerequisite(this, 'no redis-server to start and stop');

    redisPort = await freePort();
    redis = await startRedisServer(redisPort);
    children.push(redis);

    ({ url: dbUrl, drop: dropDatabase } = await createOwnDatabase(url, 'limits'));
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'retespi-limits-'));

    // The animator from the command line, at the same time as both processes start (whoever comes
    // first migrates; the others wait for its lock); the member registers through the API.
    const [made, ...started] = await Promise.allSettled([
      cli(
        [
          'user:create',
          '--email',
          'anna@limiti.test',
          '--name',
          'Anna Animatrice',
          '--password',
          PASSWORD,
          '--role',
          'animator',
        ],
        { DATABASE_URL: dbUrl },
      ),
      startApp('A'),
      startApp('B'),
    ]);
    for (const s of [made, ...started]) if (s.status === 'rejected') throw s.reason;
    const cliRun = (made as PromiseFulfilledResult<Run>).value;
    expect(cliRun.code, cliRun.stderr).to.equal(0);
    [a, b] = started.map((s) => (s as PromiseFulfilledResult<App>).value) as [App, App];
    // Counting starts once both count in Redis (and their live layers are linked through it).
    for (const app of [a, b]) {
      await until(
        `${app.name}: rate limits and live adapter on Redis`,
        () => /rate limits are shared/.test(app.output()) && /Redis adapter attached/.test(app.output()),
        15_000,
      );
    }
    const token = async (email: string) => {
      const r = await call(a.url, 'POST', '/api/v1/auth/token', { email, password: PASSWORD });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      return (r.body as { token: string }).token;
    };
    const registered = await call(b.url, 'POST', '/api/v1/auth/register', {
      name: 'Bruno Bianchi',
      email: 'bruno@limiti.test',
      password: PASSWORD,
      organization: 'Centro per l’impiego di Limiti',
      jobTitle: 'Operatore',
      region: 'Toscana',
    });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    anna = await token('anna@limiti.test');
    bruno = await token('bruno@limiti.test');
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  after(async function () {
    // Dropping the database is a checkpoint of the server: 10 s and more measured beside busy cores.
    this.timeout(90_000);
    for (const s of sockets.splice(0)) s.close();
    await Promise.all(children.map((c) => stopProcess(c)));
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts failed sign-ins to one account once across both processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= ACCOUNT_MAX; i++) {
      const app = i % 2 ? b : a;
      const r = await call(app.url, 'POST', '/api/v1/auth/token', {
        email: 'bruno@limiti.test',
        password: 'sbagliata',
      });
      statuses.push(r.status);
      if (r.status === 429) expect(r.body.error.code).to.equal('rate_limited');
    }
    // Per process the last one would be only the second failure there.
    expect(statuses).to.deep.equal([...Array(ACCOUNT_MAX).fill(401), 429]);
    // Even the right password, on either process, waits for the window now.
    for (const app of [a, b]) {
      const r = await call(app.url, 'POST', '/api/v1/auth/token', { email: 'bruno@limiti.test', password: PASSWORD });
      expect(r.status, app.name).to.equal(429);
    }
  });

  it('counts one person’s writes once across both processes', async () => {
    const group = await call(a.url, 'POST', '/api/v1/groups', { name: `Limiti ${run}`, visibility: 'public' }, anna);
    expect(group.status, JSON.stringify(group.body)).to.equal(201);
    slug = group.body.group.slug;
    const statuses: number[] = [];
    for (let i = 1; i <= WRITE_MAX; i++)
      statuses.push((await newThread(i % 2 ? b : a, `Scrittura ${i} ${run}`)).status);
    // The group was the first write: WRITE_MAX - 1 threads pass, alternating; the next fails on both.
    expect(statuses).to.deep.equal([...Array(WRITE_MAX - 1).fill(201), 429]);
    expect((await newThread(a, `Oltre ${run}`)).status).to.equal(429);
  });

  it('keeps serving without Redis, limits counted per process, and delivers live across processes when it returns', async function () {
    this.timeout(90_000);
    // A member of A's live feed; a thread created through B reaches it while Redis is up.
    const watcher = connect(a.url, {
      transports: ['websocket'],
      forceNew: true,
      auth: { token: bruno },
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    sockets.push(watcher);
    await new Promise<void>((resolve, reject) => {
      watcher.once('connect', resolve);
      watcher.once('connect_error', reject);
    });
    expect(await watcher.timeout(3000).emitWithAck('subscribe', 'feed')).to.include({ ok: true });
    const arrives = (title: string, ms: number) =>
      next<Activity>(watcher, 'activity', (x) => x.room === 'feed' && x.object?.title === title, ms);

    // Redis dies. Anna's writes are used up in Redis (previous test): her writes on A are counted
    // in A's memory now, from zero, and stop at the limit there.
    await stopProcess(redis);
    const replies: Reply[] = [];
    for (let i = 0; i <= WRITE_MAX; i++) replies.push(await newThread(a, `Senza Redis ${i} ${run}`));
    expect(replies.map((r) => r.status)).to.deep.equal([...Array(WRITE_MAX).fill(201), 429]);
    for (const app of [a, b]) {
      const page = await call(app.url, 'GET', '/');
      replies.push(page);
      expect(page.status, `${app.name} home page`).to.equal(200);
      const login = await call(app.url, 'POST', '/api/v1/auth/token', {
        email: 'anna@limiti.test',
        password: 'sbagliata',
      });
      replies.push(login);
      expect(login.status, `${app.name} wrong password`).to.equal(401);
    }
    expect(Math.max(...replies.map((r) => r.ms)), 'slowest answer without Redis (ms)').to.be.below(3000);
    await until('the fault in both logs', () => [a, b].every((app) => /Redis unreachable/.test(app.output())), 10_000);

    // Redis returns on the same port: once A listens and B publishes again, B's thread reaches A's
    // socket, with no restart.
    redis = await startRedisServer(redisPort);
    children.push(redis);
    const back = performance.now();
    const reconnected = (app: App, role: string) =>
      (app.output().match(new RegExp(`"role":"${role}"[^\\n]*"msg":"Redis connected"`, 'g'))?.length ?? 0) >= 2;
    await until(
      'A subscribed and B publishing on Redis again',
      () => reconnected(a, 'sub') && reconnected(b, 'pub'),
      30_000,
    );
    const title = `Dopo il ritorno ${run}`;
    const got = arrives(title, 5000);
    const r = await newThread(b, title);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    await got;
    console.log(
      `      live delivery across processes again ${(performance.now() - back).toFixed(0)} ms after Redis returned`,
    );
    // And the counts are shared again.
    await until(
      'rate limits on Redis again',
      () => [a, b].every((app) => (app.output().match(/rate limits are shared/g)?.length ?? 0) >= 2),
      10_000,
    );
  });

  it('answers within a few seconds and stops cleanly while Redis hangs', async function () {
    this.timeout(60_000);
    // Redis still holds its connections but answers nothing (a stalled server or network).
    redis!.kill('SIGSTOP');
    try {
      const write = await newThread(b, `Redis bloccato ${run}`);
      expect(write.status, JSON.stringify(write.body)).to.equal(201);
      const page = await call(b.url, 'GET', '/');
      expect(page.status).to.equal(200);
      expect(Math.max(write.ms, page.ms), 'slowest answer while Redis hangs (ms)').to.be.below(3000);
      // A stop does not wait for Redis's answer to QUIT (the process's own deadline is 9 s, exit 1).
      const started = performance.now();
      const exited = new Promise<number | null>((resolve) => a.child.once('exit', (code) => resolve(code)));
      a.child.kill('SIGTERM');
      const code = await exited;
      const ms = performance.now() - started;
      console.log(`      stopped in ${ms.toFixed(0)} ms with Redis hanging`);
      expect(code).to.equal(0);
      expect(ms).to.be.below(5000);
    } finally {
      redis!.kill('SIGCONT');
    }
  });
});
