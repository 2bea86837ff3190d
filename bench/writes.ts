// Writes as a deployment serves them: replies posted through the API to the real server process
// (`node server/main.ts`, NODE_ENV=production, PostgreSQL database `retespi_writes_bench` beside
// BENCH_DATABASE_URL), loaded by autocannon from this process. Each reply is a transaction that
// also records its domain events; their delivery (activity, notifications, live) runs in the server
// after the response, so it takes CPU from the same process. A bare Express route answering a JSON
// POST, in a process of its own, is the yardstick measured in the same run.
// `node bench/writes.ts`; knobs: BENCH_SECONDS=10 BENCH_CONNECTIONS=10.
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { api, ROOT, start, stopAll } from './http.ts';

const SOURCE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'retespi_writes_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PASSWORD = 'writes-bench-password';

const dbUrl = (name: string) => Object.assign(new URL(SOURCE_URL), { pathname: `/${name}` }).toString();
const YARDSTICK = `
const express = require('express');
const app = express();
app.use(express.json());
app.post('/echo', (req, res) => res.status(201).json({ post: { body: req.body.body } }));
const server = app.listen(0, '127.0.0.1', () => console.log('PORT=' + server.address().port));
`;

async function measure(label: string, url: string, method: 'GET' | 'POST', token?: string, body?: unknown) {
  const r = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  console.log(
    label.padEnd(44),
    r.requests.average.toFixed(0).padStart(8),
    String(r.latency.p50).padStart(8),
    String(r.latency.p99).padStart(8),
    String(r.errors + r.non2xx).padStart(7),
  );
  return r.requests.average;
}

const admin = new pg.Client({ connectionString: SOURCE_URL });
await admin.connect();
try {
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  const env = { DATABASE_URL: dbUrl(DB_NAME), DEMO_CONTENT: 'never', LOG_LEVEL: 'warn' };
  for (const [email, role] of [
    ['animatrice@bench.example.it', 'animator'],
    ['operatore@bench.example.it', 'member'],
  ]) {
    const cli = spawn(
      process.execPath,
      [
        'server/cli.ts',
        'user:create',
        '--email',
        email!,
        '--name',
        `Bench ${role}`,
        '--password',
        PASSWORD,
        '--role',
        role!,
      ],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' },
    );
    await new Promise((resolve) => cli.on('exit', resolve));
  }
  const appPort = await start(['server/main.ts'], {
    ...env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SESSION_SECRET: 'writes-bench-session-secret-0123456789',
    RATE_LIMIT_AUTH_MAX: '1000000',
    RATE_LIMIT_WRITE_MAX: '100000000',
  });
  const barePort = await start(['-e', YARDSTICK], {
    NODE_ENV: 'production',
    NODE_PATH: path.join(ROOT, 'node_modules'),
  });
  const base = `http://127.0.0.1:${appPort}`;
  const token = async (email: string) =>
    (await api<{ token: string }>(base, 'POST', '/api/v1/auth/token', { email, password: PASSWORD })).token;
  const [animator, member] = [await token('animatrice@bench.example.it'), await token('operatore@bench.example.it')];
  const { group } = await api<{ group: { slug: string } }>(
    base,
    'POST',
    '/api/v1/groups',
    { name: 'Rete degli osservatori', visibility: 'public' },
    animator,
  );
  await api(base, 'POST', `/api/v1/groups/${group.slug}/join`, undefined, member);
  const { thread } = await api<{ thread: { id: number } }>(
    base,
    'POST',
    `/api/v1/groups/${group.slug}/threads`,
    { title: 'Dati di ottobre', body: 'Prime cifre.' },
    animator,
  );
  const reply = { body: 'Confermo i **dati di ottobre**: il SIL torna con il cruscotto.' };

  console.log(`writes: NODE_ENV=production, PostgreSQL, connections=${CONNECTIONS}, ${SECONDS}s per line`);
  console.log(
    'route'.padEnd(44),
    'req/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'errors'.padStart(7),
  );
  const bare = await measure(
    'bare Express POST /echo (yardstick)',
    `http://127.0.0.1:${barePort}/echo`,
    'POST',
    undefined,
    reply,
  );
  const writes = await measure(
    `POST /api/v1/threads/${thread.id}/posts`,
    `${base}/api/v1/threads/${thread.id}/posts`,
    'POST',
    member,
    reply,
  );
  await measure('GET /healthz', `${base}/healthz`, 'GET');
  // How far delivery lags behind: the events still waiting when the load stopped.
  const c = new pg.Client({ connectionString: dbUrl(DB_NAME) });
  await c.connect();
  const hasOutbox = (await c.query<{ exists: boolean }>(`SELECT to_regclass('domain_events') IS NOT NULL AS exists`))
    .rows[0]!.exists;
  const waiting = hasOutbox
    ? (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM domain_events WHERE dispatched_at IS NULL'))
        .rows[0]!.n
    : 'no outbox';
  const posts = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM posts')).rows[0]!.n;
  // ... and how long the server takes to deliver them all once the load has stopped.
  const stopped = performance.now();
  const undelivered = async () =>
    (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM domain_events WHERE dispatched_at IS NULL')).rows[0]!
      .n;
  while (hasOutbox && (await undelivered()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  const drainedIn = hasOutbox ? `${((performance.now() - stopped) / 1000).toFixed(1)} s` : 'n/a';
  await c.end();
  const events = { outbox: `${waiting} (all delivered ${drainedIn} later)`, posts };
  console.log(
    `replies/s as a share of the yardstick: ${((writes / bare) * 100).toFixed(1)} %; posts written: ${events.posts}; events not yet delivered when the load stopped: ${events.outbox}`,
  );
} finally {
  stopAll();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => {});
  await admin.end();
}
