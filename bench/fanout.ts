// Live fan-out: N authenticated sockets subscribed to one group, one thread posted, and the time
// until each socket has the `activity` event. `node bench/fanout.ts`. Real processes
// (`node server/main.ts`) on PostgreSQL (a throwaway database `retespi_fanout_bench` beside
// BENCH_DATABASE_URL), one process without Redis, then two processes sharing REDIS_URL with the
// sockets split between them. Prints p50/p95/p99/max per scenario and N, and the target.
// Knobs: BENCH_SIZES=100,1000,2000  BENCH_REPEATS=3  BENCH_USERS=50 (sockets share these people;
// every one follows the group, so each post also notifies them all)  BENCH_VERBOSE=1 (per post:
// figures, events seen, hrtime to line up with a profile)  BENCH_NODE_OPTIONS='--cpu-prof …'
// (passed to the app processes).
import { execSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createClient } from 'redis';
import { io as connect, type Socket } from 'socket.io-client';
import { api } from './http.ts';
import { killApps, startApp as startProductionApp, stopApp, type App } from './load/apps.ts';

const SOURCE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const DB_NAME = 'retespi_fanout_bench';
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,2000').split(',').map(Number);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const BATCH = 100;
const MISS_AFTER_MS = 5_000;
const TARGET = { n: 1000, p99: 250 };
const PASSWORD = 'fanout-bench-password';

const dbUrl = (name: string) => {
  const u = new URL(SOURCE_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- file descriptors: every socket is one fd here and one in a server process
const fdLimit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()) || Infinity;
const maxN = fdLimit - 300;
const sizes = SIZES.map((n) => Math.min(n, maxN)).filter((n, i, all) => n > 0 && all.indexOf(n) === i);
if (sizes.join() !== SIZES.join())
  console.log(`ulimit -n is ${fdLimit}: N lowered to ${sizes.join(', ')} (raise the limit for more)`);

// --- child processes: the app as production runs it (bench/load/apps.ts), with this run's database
const startApp = (extra: Record<string, string>): Promise<App> =>
  startProductionApp({
    DATABASE_URL: dbUrl(DB_NAME),
    SESSION_SECRET: 'fanout-bench-session-secret-0123456789',
    RATE_LIMIT_AUTH_MAX: '1000000',
    RATE_LIMIT_WRITE_MAX: '1000000',
    // N sockets from 50 people: far more per person than the default cap of 10.
    LIVE_MAX_SOCKETS_PER_USER: '100000',
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...extra,
  });

async function inBatches<T, R>(items: T[], size: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  return out;
}

// --- data: 50 people (registered through the API), one public group they all joined
type Fixture = { slug: string; tokens: string[]; posterToken: string };

async function createFixture(base: string): Promise<Fixture> {
  const emails = Array.from({ length: USERS }, (_, i) => `fanout${i}@bench.invalid`);
  await inBatches(emails, 4, (email, i) =>
    api(base, 'POST', '/api/v1/auth/register', {
      name: `Persona Bench ${i}`,
      email,
      password: PASSWORD,
      organization: 'Rete SPI Bench',
      jobTitle: 'Operatore',
      region: 'Lazio',
    }),
  );
  const db = new pg.Client({ connectionString: dbUrl(DB_NAME) });
  await db.connect();
  await db.query(`UPDATE users SET role = 'admin' WHERE email = $1`, [emails[0]]);
  await db.end();
  const tokens = await inBatches(
    emails,
    4,
    async (email, i) =>
      (
        await api<{ token: string }>(base, 'POST', '/api/v1/auth/token', {
          email,
          password: PASSWORD,
          name: 'fanout',
          // The poster, an administrator, creates the group: a token has admin scope only when asked.
          ...(i === 0 ? { scopes: ['read', 'write', 'admin'] } : {}),
        })
      ).token,
  );
  const posterToken = tokens[0]!;
  const { group } = await api<{ group: { slug: string } }>(
    base,
    'POST',
    '/api/v1/groups',
    { name: 'Banco di prova fan-out', description: 'Gruppo del benchmark', visibility: 'public' },
    posterToken,
  );
  await inBatches(tokens.slice(1), 10, (token) => api(base, 'POST', `/api/v1/groups/${group.slug}/join`, {}, token));
  return { slug: group.slug, tokens, posterToken };
}

// --- sockets
type Client = { socket: Socket; arrival: number };
const clients: Client[] = [];
let expected = '';
let received = 0;
let allIn: () => void = () => {};
const seen = new Map<string, number>();

function openClient(url: string, token: string, room: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
    const client: Client = { socket, arrival: NaN };
    if (process.env.BENCH_VERBOSE) socket.onAny((event: string) => seen.set(event, (seen.get(event) ?? 0) + 1));
    socket.on('activity', (payload: { room?: string; object?: { title?: string } }) => {
      const now = performance.now();
      if (payload.room !== room || payload.object?.title !== expected || !Number.isNaN(client.arrival)) return;
      client.arrival = now;
      if (++received === clients.length) allIn();
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
    socket.once('connect', async () => {
      try {
        const ack = (await socket.timeout(15_000).emitWithAck('subscribe', room)) as { ok: boolean; error?: string };
        if (!ack.ok) throw new Error(`subscribe ${room}: ${ack.error}`);
        resolve(client);
      } catch (err) {
        socket.close();
        reject(err);
      }
    });
  });
}

function closeClients() {
  for (const c of clients.splice(0)) c.socket.close();
}

/** One post; each socket's latency (NaN when it missed the event) and the HTTP response time. */
async function measure(
  poster: string,
  fixture: Fixture,
  label: string,
): Promise<{ latencies: number[]; http: number }> {
  for (const c of clients) c.arrival = NaN;
  received = 0;
  seen.clear();
  expected = `Fan-out ${label} ${Date.now()}`;
  const done = new Promise<void>((r) => (allIn = r));
  if (process.env.BENCH_VERBOSE) console.error(`    post ${label} at hrtime ${process.hrtime.bigint() / 1000n} µs`);
  const t0 = performance.now();
  await api(
    poster,
    'POST',
    `/api/v1/groups/${fixture.slug}/threads`,
    { title: expected, body: 'Un messaggio per misurare la consegna in tempo reale.' },
    fixture.posterToken,
  );
  const http = performance.now() - t0;
  await Promise.race([done, sleep(MISS_AFTER_MS - (performance.now() - t0))]);
  return { latencies: clients.map((c) => c.arrival - t0), http };
}

// --- statistics
const pct = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
type Row = {
  scenario: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
  http: number;
  missed: number;
};
const rows: Row[] = [];

async function runScenario(scenario: string, apps: App[], fixture: Fixture) {
  const room = `group:${fixture.slug}`;
  for (const n of sizes) {
    closeClients();
    await sleep(300);
    // Connect in batches, alternating processes: socket i goes to apps[i % apps.length].
    const started = performance.now();
    for (let i = 0; i < n; i += BATCH) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(BATCH, n - i) }, (_, j) =>
          openClient(apps[(i + j) % apps.length]!.url, fixture.tokens[(i + j) % fixture.tokens.length]!, room),
        ),
      );
      clients.push(...batch);
    }
    const connectMs = performance.now() - started;
    await sleep(1_000); // let the debounced presence broadcasts of the subscriptions settle
    await measure(apps[0]!.url, fixture, 'warm-up');
    const all: number[] = [];
    const https: number[] = [];
    let missed = 0;
    for (let r = 1; r <= REPEATS; r++) {
      await sleep(1_000); // the previous post's notifications and e-mails are done by now
      const { latencies, http } = await measure(apps[0]!.url, fixture, `${n}#${r}`);
      https.push(http);
      if (process.env.BENCH_VERBOSE) {
        const got = latencies.filter((l) => !Number.isNaN(l)).sort((a, b) => a - b);
        console.error(
          `    #${r}: POST ${http.toFixed(1)} ms, min ${got[0]?.toFixed(1)}, p50 ${pct(got, 0.5).toFixed(1)}, p99 ${pct(got, 0.99).toFixed(1)}, max ${got.at(-1)?.toFixed(1)}; events ${JSON.stringify(Object.fromEntries(seen))}`,
        );
      }
      for (const l of latencies) {
        if (Number.isNaN(l)) missed++;
        else all.push(l);
      }
    }
    all.sort((a, b) => a - b);
    https.sort((a, b) => a - b);
    const row = {
      scenario,
      n,
      p50: pct(all, 0.5),
      p95: pct(all, 0.95),
      p99: pct(all, 0.99),
      max: all.at(-1) ?? NaN,
      min: all[0] ?? NaN,
      http: pct(https, 0.5),
      missed,
    };
    rows.push(row);
    console.error(
      `  ${scenario} N=${n}: connected and subscribed in ${(connectMs / 1000).toFixed(1)} s; p99 ${row.p99.toFixed(1)} ms, missed ${missed}`,
    );
  }
  closeClients();
}

// --- main
const admin = new pg.Client({ connectionString: dbUrl('postgres') });
await admin.connect();
const dropDb = () => admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    closeClients();
    killApps();
    await dropDb().catch(() => {});
    await admin.end().catch(() => {});
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanup().then(() => process.exit(130)));

const loadAtStart = os.loadavg()[0]!;
let failed = false;
try {
  await dropDb();
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  console.error(
    `fan-out bench: PostgreSQL ${DB_NAME}, ${USERS} people, ${REPEATS} posts per N after a warm-up, sizes ${sizes.join(', ')}`,
  );

  // Single process, no Redis. Its first start migrates the database; the fixture is made through it.
  const app = await startApp({});
  const fixture = await createFixture(app.url);
  await runScenario('1 process', [app], fixture);
  await stopApp(app);

  // Two processes sharing Redis; the post goes through the first.
  const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  redis.on('error', () => {});
  const redisUp = await redis.connect().then(
    async () => (await redis.quit(), true),
    () => false,
  );
  if (!redisUp) {
    console.error(`Redis not reachable at ${REDIS_URL}: two-process scenario skipped`);
  } else {
    const apps = await Promise.all([startApp({ REDIS_URL }), startApp({ REDIS_URL })]);
    // Attaching the adapter disconnects the sockets already there: wait for it first.
    await Promise.all(
      apps.map((a) =>
        Promise.race([
          a.adapter,
          sleep(15_000).then(() => Promise.reject(new Error('Redis adapter not attached in 15 s'))),
        ]),
      ),
    );
    await runScenario('2 processes + Redis', apps, fixture);
    await Promise.all(apps.map(stopApp));
  }

  // --- report
  const f = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1));
  console.log(
    `fan-out of one new thread's \`activity\` to N sockets on group:<slug> (ms from the POST; ${REPEATS} posts × N sockets per row)`,
  );
  console.log(
    'scenario'.padEnd(22),
    'N'.padStart(6),
    'p50'.padStart(8),
    'p95'.padStart(8),
    'p99'.padStart(8),
    'max'.padStart(8),
    'min'.padStart(8),
    'POST'.padStart(8),
    'missed'.padStart(7),
  );
  for (const r of rows) {
    console.log(
      r.scenario.padEnd(22),
      String(r.n).padStart(6),
      f(r.p50).padStart(8),
      f(r.p95).padStart(8),
      f(r.p99).padStart(8),
      f(r.max).padStart(8),
      f(r.min).padStart(8),
      f(r.http).padStart(8),
      String(r.missed).padStart(7),
    );
  }
  console.log(
    '(min = first socket served; POST = median HTTP response time of the post; missed = no event within 5 s)',
  );
  console.log(
    `machine: ${os.availableParallelism()} CPUs, load average (1 min) ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end — other work on the machine skews the tail`,
  );
  const target = rows.find((r) => r.scenario === '1 process' && r.n === TARGET.n);
  if (!target) console.log(`target p99 ≤ ${TARGET.p99} ms at N = ${TARGET.n}, one process: NOT MEASURED`);
  else {
    const met = target.p99 <= TARGET.p99 && target.missed === 0;
    console.log(
      `target p99 ≤ ${TARGET.p99} ms at N = ${TARGET.n}, one process: p99 = ${f(target.p99)} ms, missed ${target.missed} → ${met ? 'MET' : 'NOT MET'}`,
    );
  }
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
