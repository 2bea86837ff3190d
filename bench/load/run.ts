// The load test itself (`npm run load`, and test/integration/process/load.test.ts in short): two
// production processes on one PostgreSQL database and one Redis, N scripted members for D seconds
// spread over both, observer sockets on both, then the checks: no 5xx (nor 429, nor any answer
// the script did not expect), every acknowledged post in the database, and every acknowledged post
// delivered live to the sockets that should have it.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { checkRedis, createDatabase, databaseOn, startApp, stopApp, type App } from './apps.ts';
import { Client, Recorder } from './client.ts';
import { observe, type Observer } from './live.ts';

export type LoadOptions = {
  /** Simulated members (each registers, signs in, joins a group, then acts until the end). */
  members: number;
  /** How long the members act, in seconds (from the first member's start). */
  seconds: number;
  /** Public groups the members are spread over (each has one watched thread). */
  groups: number;
  /** Sockets subscribed to `feed`, per process. */
  feedSockets: number;
  /** Mean pause between one member's actions, in ms (each pause is 0.5×–1.5× this). */
  thinkMs: number;
  /** How long to wait, after the last request, for the live events still on their way. */
  drainSeconds: number;
  /** The PostgreSQL server (any database path is ignored) and the database to create and drop there. */
  serverUrl: string;
  databaseName: string;
  redisUrl: string;
  /** Progress lines (setup, phases); the report is returned, not printed. */
  log: (line: string) => void;
};

export type Check = { name: string; ok: boolean; detail: string };
export type ActionRow = {
  action: string;
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  unexpected: number;
};
export type LoadResult = {
  checks: Check[];
  rows: ActionRow[];
  /** Requests answered per second over the members' time, and that time in seconds. */
  throughput: number;
  elapsed: number;
  requests: number;
  /** Requests answered by each process. */
  perApp: number[];
  /** CPU seconds used while the members acted: this driver, and each app process (Linux; NaN elsewhere). */
  cpu: { driver: number; apps: number[] };
  posts: number;
  threads: number;
  /** Live deliveries expected and received; delivery times (ms from the POST) p50/p99. */
  live: {
    expected: number;
    received: number;
    p50: number;
    p99: number;
    sockets: number;
    /** The most written domain event types, with how many of each, for the report. */
    eventTypes: string[];
    /** E-mails written (the outbox table) by the end of the drain. */
    mails: number;
    /** Undelivered domain events when the members stopped and after the drain; the drain's length (s). */
    backlogAtEnd: number;
    backlogAfterDrain: number;
    drained: number;
  };
  report: string;
};

const PASSWORD = 'carico-di-prova-2026';
const REGIONS = ['Lazio', 'Lombardia', 'Campania', 'Sicilia', 'Toscana', 'Puglia', 'Veneto', 'Piemonte'];

/** Status each action answers when all is well: anything else is a failure of the run. */
const EXPECTED: Record<string, number> = {
  register: 201,
  token: 201,
  'login form': 200,
  login: 303,
  join: 200,
  'new thread': 201,
  reply: 201,
  react: 200,
  'home page': 200,
  'feed api': 200,
  'group page': 200,
  'group threads api': 200,
  'thread page': 200,
  'thread api': 200,
};

type Acked = { postId: number; threadId: number; kind: 'thread' | 'reply'; sentAt: number };

/**
 * The mix, as ranges of a roll of 0–100: home or feed 15, group 15, thread 25, new thread 8, reply
 * 25, reaction 12. FIRST_ROLLS falls in each range once.
 */
const FIRST_ROLLS = [10, 20, 40, 60, 70, 95];

export const percentile = (sorted: number[], q: number): number =>
  sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]! : NaN;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pickOne = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const { log } = opts;
  const databaseUrl = databaseOn(opts.serverUrl, opts.databaseName);
  await checkRedis(opts.redisUrl);
  const dropDatabase = await createDatabase(opts.serverUrl, opts.databaseName);
  const apps: App[] = [];
  const observers: Observer[] = [];
  try {
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: opts.redisUrl,
      // A prefix of its own (channels, rate-limit keys): other deployments on the same Redis never see
      // these events or counts, and the counts expire with their window.
      REDIS_PREFIX: `retespi-load-${process.pid}-${Date.now().toString(36)}`,
      SESSION_SECRET: 'load-test-session-secret-0123456789abcdef',
      // The limits guard a real site against one runaway client; here every member comes from
      // 127.0.0.1, so the per-address ones would stop the test, not protect anything.
      RATE_LIMIT_AUTH_MAX: '1000000',
      RATE_LIMIT_LOGIN_ACCOUNT_MAX: '1000000',
      RATE_LIMIT_WRITE_MAX: '1000000',
      RATE_LIMIT_TOKEN_MAX: '1000000',
      LIVE_MAX_SOCKETS_PER_USER: '1000',
    };
    // The first start migrates the database; the second finds it ready.
    log('starting process 1 (migrates the database)…');
    apps.push(await startApp(env));
    log('starting process 2…');
    apps.push(await startApp(env));
    const urls = apps.map((a) => a.url);
    await Promise.all(
      apps.map((a, i) =>
        Promise.race([
          a.adapter,
          sleep(30_000).then(() => {
            throw new Error(`process ${i + 1}: Socket.IO Redis adapter not attached in 30 s`);
          }),
        ]),
      ),
    );

    // --- fixture: an animator who opens the groups and their watched threads, and an observer
    const setup = new Recorder();
    const must = async <T>(
      client: Client,
      method: string,
      route: string,
      json: unknown,
      status: number,
      app = 0,
    ): Promise<T> => {
      const res = await client.request('setup', method, route, { json, app });
      if (res.status !== status) throw new Error(`setup ${method} ${route} → ${res.status}: ${res.text.slice(0, 300)}`);
      return res.body as T;
    };
    const account = async (email: string, name: string): Promise<Client> => {
      const client = new Client(urls, setup);
      const person = {
        name,
        email,
        password: PASSWORD,
        organization: 'Prove di carico',
        jobTitle: 'Operatore',
        region: 'Lazio',
      };
      await must(client, 'POST', '/api/v1/auth/register', person, 201);
      return client;
    };
    const animator = await account('animatore@carico.invalid', 'Animatrice Carico');
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE users SET role = 'animator' WHERE email = $1`, ['animatore@carico.invalid']);
    } finally {
      await db.end();
    }
    animator.token = (
      await must<{ token: string }>(
        animator,
        'POST',
        '/api/v1/auth/token',
        { email: 'animatore@carico.invalid', password: PASSWORD },
        201,
      )
    ).token;
    const observer = await account('osservatore@carico.invalid', 'Osservatore Carico');
    observer.token = (
      await must<{ token: string }>(
        observer,
        'POST',
        '/api/v1/auth/token',
        { email: 'osservatore@carico.invalid', password: PASSWORD },
        201,
      )
    ).token;

    type GroupState = { slug: string; watched: number; threads: number[]; posts: number[] };
    /** The posts of each thread, for replies to a post (a parent must be in the same thread). */
    const threadPosts = new Map<number, number[]>();
    const groups: GroupState[] = [];
    for (let g = 0; g < opts.groups; g++) {
      const { group } = await must<{ group: { slug: string } }>(
        animator,
        'POST',
        '/api/v1/groups',
        {
          name: `Carico ${g + 1}: sportelli e tirocini`,
          description: 'Gruppo della prova di carico',
          visibility: 'public',
        },
        201,
      );
      const { thread, post } = await must<{ thread: { id: number }; post: { id: number } }>(
        animator,
        'POST',
        `/api/v1/groups/${group.slug}/threads`,
        { title: `Discussione seguita ${g + 1}`, body: 'Raccogliamo qui le esperienze degli sportelli.' },
        201,
      );
      groups.push({ slug: group.slug, watched: thread.id, threads: [thread.id], posts: [post.id] });
      threadPosts.set(thread.id, [post.id]);
    }

    // --- observers: on each process, feed sockets and one socket per watched thread
    for (let app = 0; app < apps.length; app++) {
      for (let i = 0; i < opts.feedSockets; i++) observers.push(await observe(urls[app]!, app, observer.token, 'feed'));
      for (const g of groups) observers.push(await observe(urls[app]!, app, observer.token, `thread:${g.watched}`));
    }
    log(
      `${apps.length} processes, ${groups.length} groups, ${observers.length} observer sockets; ${opts.members} members for ${opts.seconds} s…`,
    );

    // --- the members
    const recorder = new Recorder();
    const acked: Acked[] = [];
    const cpuAtStart = { driver: process.cpuUsage(), apps: await Promise.all(apps.map(cpuSeconds)) };
    const t0 = performance.now();
    const deadline = t0 + opts.seconds * 1000;
    const ramp = Math.min(10_000, (opts.seconds * 1000) / 4);
    const think = () => sleep(opts.thinkMs * (0.5 + Math.random()));
    let seq = 0;

    const member = async (i: number) => {
      await sleep((i / opts.members) * ramp);
      const browser = i % 2 === 0;
      const client = new Client(urls, recorder);
      const email = `membro${i}@carico.invalid`;
      const reg = await client.request('register', 'POST', '/api/v1/auth/register', {
        json: {
          name: `Membro Carico ${i}`,
          email,
          password: PASSWORD,
          organization: `Centro per l'impiego ${i % 20}`,
          jobTitle: 'Operatore',
          region: REGIONS[i % REGIONS.length],
        },
      });
      if (reg.status !== 201) return;
      if (browser) {
        const form = await client.request('login form', 'GET', '/accedi');
        if (form.status !== 200 || !client.csrf) return;
        const login = await client.request('login', 'POST', '/accedi', {
          form: { _csrf: client.csrf, email, password: PASSWORD },
        });
        if (login.status !== 303) return;
        // A new session after sign-in: its CSRF token comes with the first page.
        if ((await client.request('home page', 'GET', '/')).status !== 200) return;
      } else {
        const res = await client.request('token', 'POST', '/api/v1/auth/token', {
          json: { email, password: PASSWORD, name: 'prova di carico' },
        });
        if (res.status !== 201) return;
        client.token = (res.body as { token: string }).token;
      }
      const mine = groups[i % groups.length]!;
      if ((await client.request('join', 'POST', `/api/v1/groups/${mine.slug}/join`, { json: {} })).status !== 200)
        return;

      // Every member does at least one action, the first one picked by its number (all six kinds
      // come up in any run of six members or more); then they are drawn at random until the end.
      for (let n = 0; n === 0 || performance.now() < deadline; n++) {
        await think();
        if (n > 0 && performance.now() >= deadline) break;
        const roll = n === 0 ? FIRST_ROLLS[i % FIRST_ROLLS.length]! : Math.random() * 100;
        const anyGroup = pickOne(groups);
        if (roll < 15) {
          await client.request(browser ? 'home page' : 'feed api', 'GET', browser ? '/' : '/api/v1/feed');
        } else if (roll < 30) {
          await (browser
            ? client.request('group page', 'GET', `/gruppi/${anyGroup.slug}`)
            : client.request('group threads api', 'GET', `/api/v1/groups/${anyGroup.slug}/threads`));
        } else if (roll < 55) {
          const id = pickOne(anyGroup.threads);
          await (browser
            ? client.request('thread page', 'GET', `/discussioni/${id}`)
            : client.request('thread api', 'GET', `/api/v1/threads/${id}`));
        } else if (roll < 63) {
          const n = ++seq;
          const sentAt = performance.now();
          const res = await client.request('new thread', 'POST', `/api/v1/groups/${mine.slug}/threads`, {
            json: {
              title: `Tirocini e colloqui: esperienza ${n}`,
              body: `Nel nostro centro abbiamo provato un nuovo modo di accogliere le persone (${n}). Che ne pensate?`,
            },
          });
          const body = res.body as { thread?: { id?: number }; post?: { id?: number } } | undefined;
          if (res.status === 201 && body?.thread?.id && body.post?.id) {
            acked.push({ postId: body.post.id, threadId: body.thread.id, kind: 'thread', sentAt });
            mine.threads.push(body.thread.id);
            mine.posts.push(body.post.id);
            threadPosts.set(body.thread.id, [body.post.id]);
          }
        } else if (roll < 88) {
          const threadId = Math.random() < 0.5 ? mine.watched : pickOne(mine.threads);
          const parentId = Math.random() < 0.3 ? pickOne(threadPosts.get(threadId)!) : undefined;
          const sentAt = performance.now();
          const res = await client.request('reply', 'POST', `/api/v1/threads/${threadId}/posts`, {
            json: { body: `Risposta di prova: da noi funziona così (${++seq}).`, ...(parentId ? { parentId } : {}) },
          });
          const body = res.body as { post?: { id?: number; threadId?: number } } | undefined;
          if (res.status === 201 && body?.post?.id) {
            acked.push({ postId: body.post.id, threadId, kind: 'reply', sentAt });
            mine.posts.push(body.post.id);
            threadPosts.get(threadId)!.push(body.post.id);
          }
        } else {
          await client.request('react', 'POST', `/api/v1/posts/${pickOne(mine.posts)}/reactions`, {
            json: { kind: Math.random() < 0.5 ? 'utile' : 'grazie' },
          });
        }
      }
    };
    await Promise.all(Array.from({ length: opts.members }, (_, i) => member(i)));
    const elapsed = (performance.now() - t0) / 1000;
    const driverCpu = process.cpuUsage(cpuAtStart.driver);
    const cpu = {
      driver: (driverCpu.user + driverCpu.system) / 1e6,
      apps: (await Promise.all(apps.map(cpuSeconds))).map((s, i) => s - cpuAtStart.apps[i]!),
    };
    log(`members done in ${elapsed.toFixed(1)} s; ${recorder.samples.length} requests; waiting for live events…`);

    // --- what each acknowledged post should have produced on the sockets
    type Expectation = { observer: Observer; has: () => number | undefined; sentAt: number };
    const expectations: Expectation[] = [];
    for (const a of acked) {
      for (const o of observers) {
        if (o.room === 'feed') {
          // The post's own activity: a reaction milestone on it (also object post:<id>) does not count.
          const key = a.kind === 'thread' ? `thread.created thread:${a.threadId}` : `post.created post:${a.postId}`;
          expectations.push({ observer: o, has: () => o.activities.get(key), sentAt: a.sentAt });
        } else if (a.kind === 'reply' && o.room === `thread:${a.threadId}`) {
          expectations.push({ observer: o, has: () => o.postNews.get(a.postId), sentAt: a.sentAt });
          expectations.push({
            observer: o,
            has: () => o.activities.get(`post.created post:${a.postId}`),
            sentAt: a.sentAt,
          });
        }
      }
    }
    const missing = () => expectations.filter((e) => e.has() === undefined);
    // Events still in the outbox when the members stop: the live lag, in events rather than ms.
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const backlog = async () =>
      Number(
        (await check.query<{ n: string }>('SELECT count(*) AS n FROM domain_events WHERE dispatched_at IS NULL'))
          .rows[0]!.n,
      );
    const backlogAtEnd = await backlog();
    const drainStart = performance.now();
    const drainUntil = drainStart + opts.drainSeconds * 1000;
    while (missing().length && performance.now() < drainUntil) await sleep(200);
    const drained = (performance.now() - drainStart) / 1000;
    const missed = missing();
    const backlogAfterDrain = await backlog();
    const eventTypes = (
      await check.query<{ type: string; n: string; pending: string }>(
        `SELECT type, count(*) AS n, count(*) FILTER (WHERE dispatched_at IS NULL) AS pending
           FROM domain_events GROUP BY type ORDER BY count(*) DESC LIMIT 8`,
      )
    ).rows.map((r) => `${r.type} ${r.n}${Number(r.pending) ? ` (${r.pending} undelivered)` : ''}`);
    // Without SMTP_URL the e-mails go to the outbox table: one per notification of someone who asked
    // for immediate e-mails (the default), written while the event that caused it is delivered.
    const mails = Number((await check.query<{ n: string }>('SELECT count(*) AS n FROM outbox')).rows[0]!.n);
    const delivery = expectations
      .map((e) => (e.has() ?? NaN) - e.sentAt)
      .filter((ms) => !Number.isNaN(ms))
      .sort((x, y) => x - y);

    // --- the database
    let absent: Acked[];
    try {
      const { rows } = await check.query<{ id: number; thread_id: number }>(
        'SELECT id, thread_id FROM posts WHERE id = ANY($1::int[])',
        [acked.map((a) => a.postId)],
      );
      const stored = new Map(rows.map((r) => [r.id, r.thread_id]));
      absent = acked.filter((a) => stored.get(a.postId) !== a.threadId);
    } finally {
      await check.end();
    }

    // --- figures and checks
    const samples = recorder.samples;
    const actions = [...new Set(samples.map((s) => s.action))].sort(
      (x, y) => Object.keys(EXPECTED).indexOf(x) - Object.keys(EXPECTED).indexOf(y),
    );
    const rows: ActionRow[] = actions.map((action) => {
      const mine = samples.filter((s) => s.action === action);
      const times = mine.map((s) => s.ms).sort((x, y) => x - y);
      return {
        action,
        count: mine.length,
        perSecond: mine.length / elapsed,
        p50: percentile(times, 0.5),
        p99: percentile(times, 0.99),
        max: times.at(-1) ?? NaN,
        unexpected: mine.filter((s) => s.status !== EXPECTED[action]).length,
      };
    });
    const serverErrors = samples.filter((s) => s.status >= 500);
    const limited = samples.filter((s) => s.status === 429);
    const unexpected = samples.filter((s) => s.status !== EXPECTED[s.action] && s.status < 500 && s.status !== 429);
    const sample = (status: (s: number) => boolean) =>
      recorder.refusals
        .filter((r) => status(r.status))
        .slice(0, 3)
        .map((r) => `${r.action} → ${r.status} ${r.body}`)
        .join(' | ');
    const perApp = apps.map((_, i) => samples.filter((s) => s.app === i).length);
    const disconnected = observers.filter((o) => o.disconnects > 0).length;
    const posts = acked.length;
    const checks: Check[] = [
      {
        name: 'no 5xx answers',
        ok: serverErrors.length === 0,
        detail: serverErrors.length ? `${serverErrors.length}: ${sample((s) => s >= 500)}` : '0',
      },
      {
        name: 'no 429 (the limits are set for the load)',
        ok: limited.length === 0,
        detail: limited.length ? `${limited.length}: ${sample((s) => s === 429)}` : '0',
      },
      {
        name: 'every request answered',
        ok: recorder.failures.length === 0,
        detail: recorder.failures.length
          ? `${recorder.failures.length} unanswered, e.g. ${recorder.failures[0]!.action}: ${recorder.failures[0]!.error}`
          : '0 unanswered',
      },
      {
        name: 'every answer the expected status',
        ok: unexpected.length === 0,
        detail: unexpected.length
          ? `${unexpected.length}: ${sample((s) => s >= 400 && s < 500 && s !== 429)}`
          : '0 unexpected',
      },
      {
        name: 'both processes served members',
        ok: perApp.every((n) => n > 0),
        detail: perApp.map((n, i) => `process ${i + 1}: ${n}`).join(', '),
      },
      {
        name: 'posts were acknowledged',
        ok: posts > 0,
        detail: `${posts} (${acked.filter((a) => a.kind === 'thread').length} new threads, ${acked.filter((a) => a.kind === 'reply').length} replies)`,
      },
      {
        name: 'every acknowledged post is in the database',
        ok: absent.length === 0,
        detail: absent.length ? `${absent.length} missing, e.g. post ${absent[0]!.postId}` : `${posts} of ${posts}`,
      },
      {
        name: 'every acknowledged post reached its sockets live',
        ok: missed.length === 0 && expectations.length > 0,
        detail: missed.length
          ? `${missed.length} of ${expectations.length} deliveries missing after a ${opts.drainSeconds} s drain (sockets disconnected: ${disconnected})`
          : `${expectations.length} deliveries to ${observers.length} sockets on ${apps.length} processes`,
      },
    ];
    const throughput = samples.length / elapsed;
    const result: Omit<LoadResult, 'report'> = {
      checks,
      rows,
      throughput,
      elapsed,
      requests: samples.length,
      perApp,
      cpu,
      posts,
      threads: acked.filter((a) => a.kind === 'thread').length,
      live: {
        expected: expectations.length,
        received: expectations.length - missed.length,
        p50: percentile(delivery, 0.5),
        p99: percentile(delivery, 0.99),
        sockets: observers.length,
        eventTypes,
        mails,
        backlogAtEnd,
        backlogAfterDrain,
        drained,
      },
    };
    return { ...result, report: formatReport(result, opts) };
  } finally {
    for (const o of observers) o.socket.close();
    await Promise.all(apps.map(stopApp));
    await dropDatabase().catch((err: Error) => log(`could not drop ${opts.databaseName}: ${err.message}`));
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (NaN where there is none). */
async function cpuSeconds(app: App): Promise<number> {
  try {
    const stat = await readFile(`/proc/${app.child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), counted from the state (field 3); 100 ticks a second.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const f1 = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1));

function formatReport(r: Omit<LoadResult, 'report'>, opts: LoadOptions): string {
  const lines: string[] = [];
  lines.push(
    `${opts.members} members, ${opts.seconds} s, 2 processes (production) on PostgreSQL + Redis; mean think time ${opts.thinkMs} ms`,
  );
  lines.push(
    `${r.requests} requests in ${r.elapsed.toFixed(1)} s = ${r.throughput.toFixed(1)} req/s (process 1: ${r.perApp[0]}, process 2: ${r.perApp[1]}); ${r.posts} posts acknowledged`,
  );
  lines.push(
    `CPU while the members acted: process 1 ${f1(r.cpu.apps[0]!)} s, process 2 ${f1(r.cpu.apps[1]!)} s, this driver ${f1(r.cpu.driver)} s (of ${r.elapsed.toFixed(1)} s × ${os.availableParallelism()} cores)`,
  );
  lines.push('');
  lines.push(
    [
      'action'.padEnd(18),
      'count'.padStart(7),
      'req/s'.padStart(7),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'max ms'.padStart(8),
      'unexpected'.padStart(10),
    ].join(' '),
  );
  for (const row of r.rows)
    lines.push(
      [
        row.action.padEnd(18),
        String(row.count).padStart(7),
        row.perSecond.toFixed(1).padStart(7),
        f1(row.p50).padStart(8),
        f1(row.p99).padStart(8),
        f1(row.max).padStart(8),
        String(row.unexpected).padStart(10),
      ].join(' '),
    );
  lines.push('');
  lines.push(
    `live: ${r.live.received}/${r.live.expected} deliveries to ${r.live.sockets} sockets; ms from the POST p50 ${f1(r.live.p50)}, p99 ${f1(r.live.p99)}`,
  );
  lines.push(
    `outbox: ${r.live.backlogAtEnd} events undelivered when the members stopped, ${r.live.backlogAfterDrain} after waiting ${r.live.drained.toFixed(1)} s`,
  );
  lines.push(`events written: ${r.live.eventTypes.join(', ')}; e-mails written: ${r.live.mails}`);
  lines.push('');
  for (const c of r.checks) lines.push(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  return lines.join('\n');
}
