// The registry's areas under load, as a deployment serves them: the good-practice catalogue, its
// search, a practice page and the open data; Cerco / Offro with a post's matches (page and API); the
// competence repertory; a credential's public verification (page and API); a member's booklet and
// its PDF. The real server process (`node server/main.ts`, NODE_ENV=production, PostgreSQL) is loaded
// by autocannon from this process; a bare Express route in a process of its own is the yardstick of
// the same run, measured first and last (the machine may be shared). Each route is measured on its
// own: req/s and p50/p95/p99 from every response's time.
// The database named by REGISTRY_BENCH_DATABASE_URL (default retespi_registry_bench on the local
// server; its name must contain "bench") is dropped and rebuilt: the demo content (`demo:seed`, with
// the competence repertory, which loads itself as reference data), then a scaled registry written in
// bulk by SQL from the demo practices' and posts' own sentences: REGISTRY_BENCH_PRACTICES published
// practices (2,000) and REGISTRY_BENCH_POSTS active Cerco / Offro posts (5,000). A demo member then
// completes a demo course through the API, so the platform issues the credential that is verified.
// `node bench/registry.ts`; knobs: BENCH_SECONDS=5 BENCH_CONNECTIONS=10 REGISTRY_BENCH_PRACTICES=2000
// REGISTRY_BENCH_POSTS=5000, and PGOPTIONS (passed to the server's database sessions).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { demoContent } from '../server/demo/data.ts';
import { exchangePosts } from '../server/demo/exchange-data.ts';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import { readCourses } from '../server/features/courses/courses.files.ts';
import { insertExchangePosts, insertPractices, SENTENCES, type Sql } from './data.ts';
import { api, ROOT, sessionCookie, start, stopAll } from './http.ts';

const DB_URL = process.env.REGISTRY_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/retespi_registry_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PRACTICES = Number(process.env.REGISTRY_BENCH_PRACTICES ?? 2000);
const POSTS = Number(process.env.REGISTRY_BENCH_POSTS ?? 5000);
/** The big answers (the open data, the PDF) with fewer connections: each takes a core for a while. */
const FEW = Math.max(1, Math.min(CONNECTIONS, 2));

const dbName = decodeURIComponent(new URL(DB_URL).pathname.slice(1));
if (!/bench/.test(dbName) || !/^[a-z0-9_]+$/.test(dbName))
  throw new Error(
    `REGISTRY_BENCH_DATABASE_URL names "${dbName}": the benchmark drops it, so its name must contain "bench"`,
  );
const serverUrl = Object.assign(new URL(DB_URL), { pathname: '/postgres' }).toString();

/** The member whose booklet is read and who completes a course (Comune di Vibo Valentia). */
const MEMBER = demoContent.members.find((m) => m.key === 'rosa.pugliese')!;
/** The demo practice whose page is measured, and the demo post whose matches are. */
const PRACTICE_SLUG = 'trio-e-learning-toscana';
const POST_TITLE = exchangePosts.find((p) => p.key === 'cerco-accoglienza-integrata-sociale-lavoro')!.title;

async function runCli(args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${code}`);
}

/** The demo content, then the scaled registry in bulk. */
async function buildDatabase(env: Record<string, string>): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  let started = performance.now();
  await runCli(['demo:seed'], env);
  console.log(`demo content in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  const q = (text: string, params: unknown[] = []) => c.query(text, params);
  const sql: Sql = async (text, params) => (await c.query(text, params)).rows;
  await insertPractices(sql, PRACTICES);
  await insertExchangePosts(sql, POSTS);
  // What autovacuum would have done by now on a live site: statistics, visibility map.
  await q('VACUUM ANALYZE');
  const { rows } = await q(
    `SELECT (SELECT count(*) FROM practices WHERE status = 'published')::int AS "publishedPractices",
            (SELECT count(*) FROM exchange_posts WHERE closed_at IS NULL AND expires_at > now())::int AS "activePosts",
            (SELECT count(*) FROM competences)::int AS competences,
            (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM organizations)::int AS organizations`,
  );
  console.log(
    `registry ${JSON.stringify(rows[0])} written in ${((performance.now() - started) / 1000).toFixed(1)} s (${SENTENCES.length} sentences; PostgreSQL ${(await q('SHOW server_version')).rows[0].server_version})`,
  );
  await c.end();
}

const YARDSTICK = `
const express = require('express');
const app = express();
app.get('/pagina', (req, res) => res.send('<!doctype html><title>Rete SPI</title><p>' + 'Buone pratiche. '.repeat(200)));
const server = app.listen(0, '127.0.0.1', () => console.log('PORT=' + server.address().port));
`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

type Row = { label: string; connections: number; rps: number; p50: number; p95: number; p99: number; kb: number };
const rows: Row[] = [];
/** A connection to the benchmark's database that watches for queries still running. */
let watcher: pg.Client | undefined;
const WIDTH = 52;

/** Loads one request with `connections` and prints req/s, p50/p95/p99 of every response, size, errors. */
async function measure(
  label: string,
  url: string,
  opts: { connections?: number; headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string } = {},
): Promise<Row> {
  const connections = opts.connections ?? CONNECTIONS;
  if (watcher) await settle(watcher);
  const times: number[] = [];
  let bytes = 0;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: SECONDS,
        method: opts.method ?? 'GET',
        headers: { ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
        ...(opts.body ? { body: opts.body } : {}),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client, _status, resBytes, ms) => {
      times.push(ms);
      bytes += resBytes;
    });
  });
  times.sort((a, b) => a - b);
  const ms = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(1));
  const row = {
    label,
    connections,
    rps: r.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    kb: times.length ? bytes / times.length / 1024 : 0,
  };
  rows.push(row);
  console.log(
    label.padEnd(WIDTH),
    String(connections).padStart(5),
    row.rps.toFixed(0).padStart(7),
    ms(row.p50).padStart(8),
    ms(row.p95).padStart(8),
    ms(row.p99).padStart(8),
    row.kb.toFixed(1).padStart(8),
    String(r.errors + r.non2xx).padStart(7),
  );
  if (r.errors + r.non2xx > 0) console.log(`  ^ ${r.errors} errors, ${r.non2xx} non-2xx answers`);
  return row;
}

/**
 * Waits until the server has finished what the last load left queued: no query of the benchmark's
 * database running for two polls in a row (a slow route's backlog would otherwise be charged to the next).
 */
async function settle(db: pg.Client): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < 1200 && quiet < 2; i++) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    quiet = rows[0]!.n === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Completes, through the API, the first demo course the member has not completed (every lesson, each
 * quiz with its right answers read from the course's files); resolves with the course's slug.
 */
async function completeACourse(base: string, token: string): Promise<string> {
  for (const course of await readCourses(path.join(ROOT, 'courses'))) {
    const route = `/api/v1/courses/${course.slug}`;
    const progress = await fetch(`${base}${route}/progress`, { headers: { authorization: `Bearer ${token}` } });
    if (progress.ok && ((await progress.json()) as { progress?: { completed?: boolean } }).progress?.completed)
      continue;
    await api(base, 'POST', `${route}/enroll`, {}, token);
    for (const lesson of course.lessons) await api(base, 'POST', `${route}/lessons/${lesson.slug}/complete`, {}, token);
    let done = false;
    for (const quiz of course.quizzes) {
      const answers = Object.fromEntries(
        quiz.questions.map((qn) => [
          qn.id,
          qn.kind === 'text' ? qn.expected[0]! : qn.kind === 'multiple' ? qn.answer : qn.answer[0]!,
        ]),
      );
      const attempt = await api<{ progress?: { completed?: boolean } }>(
        base,
        'POST',
        `${route}/quizzes/${quiz.slug}/attempts`,
        { answers },
        token,
      );
      done = Boolean(attempt.progress?.completed);
    }
    if (!done) throw new Error(`${course.slug}: not completed after every lesson and quiz`);
    return course.slug;
  }
  throw new Error(`${MEMBER.email} has completed every demo course already`);
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'retespi-registry-bench-'));
try {
  const env = { DATABASE_URL: DB_URL, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  await buildDatabase(env);
  const appPort = await start(['server/main.ts'], {
    ...env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DEMO_CONTENT: 'never',
    SESSION_SECRET: 'registry-bench-session-secret-0123456789',
    RATE_LIMIT_AUTH_MAX: '1000000',
    RATE_LIMIT_WRITE_MAX: '100000000',
    // Settings for the server's PostgreSQL sessions, e.g. "-c max_parallel_workers_per_gather=0".
    ...(process.env.PGOPTIONS ? { PGOPTIONS: process.env.PGOPTIONS } : {}),
  });
  const barePort = await start(['-e', YARDSTICK], {
    NODE_ENV: 'production',
    NODE_PATH: path.join(ROOT, 'node_modules'),
  });
  const base = `http://127.0.0.1:${appPort}`;
  const yardstick = `http://127.0.0.1:${barePort}/pagina`;

  // The member: a token for the API, a session for the booklet's pages (which take no bearer token).
  const { token } = await api<{ token: string }>(base, 'POST', '/api/v1/auth/token', {
    email: MEMBER.email,
    password: DEMO_PASSWORD,
  });
  const cookie = await sessionCookie(base, MEMBER.email, DEMO_PASSWORD);
  const issued = async () =>
    (
      await api<{ issued: { id: string; kind: string; url: string }[] }>(
        base,
        'GET',
        '/api/v1/credentials',
        undefined,
        token,
      )
    ).issued;
  const before = new Set((await issued()).map((i) => i.id));
  const course = await completeACourse(base, token);
  // The credential comes from a subscriber of course.completed, after the commit.
  let credential: { id: string; url: string } | undefined;
  for (let i = 0; i < 100 && !credential; i++) {
    if (i) await new Promise((r) => setTimeout(r, 100));
    credential = (await issued()).find((c) => c.kind === 'course' && !before.has(c.id));
  }
  if (!credential) throw new Error(`no credential issued for ${course}`);
  const { token: jwt } = await api<{ token: string }>(base, 'GET', `/api/v1/credentials/${credential.id}`);
  const verified = await api<{ verified?: boolean; valid?: boolean }>(base, 'POST', '/api/v1/credentials/verify', {
    credential: jwt,
  });
  console.log(
    `${MEMBER.name} completed ${course}; credential ${credential.id}: ${JSON.stringify(verified).slice(0, 80)}…`,
  );

  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  watcher = c;
  const post = (await c.query<{ id: number }>('SELECT id FROM exchange_posts WHERE title = $1', [POST_TITLE])).rows[0]!
    .id;
  // The demo's events (its history, the course just completed) delivered before the load starts.
  const undelivered = async () =>
    (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM domain_events WHERE dispatched_at IS NULL')).rows[0]!
      .n;
  for (let i = 0; i < 600 && (await undelivered()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
  const matches = await api<{ matches: { url: string; score: number }[] }>(
    base,
    'GET',
    `/api/v1/exchange/${post}/matches`,
  );
  console.log(
    `post ${post} "${POST_TITLE.slice(0, 50)}…" → ${matches.matches.map((m) => `${m.url} ${m.score}`).join(', ')}`,
  );

  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(
    `registry: NODE_ENV=production, PostgreSQL, ${PRACTICES} practices + demo, ${POSTS} posts + demo, ${SECONDS}s per line${process.env.PGOPTIONS ? `, PGOPTIONS=${process.env.PGOPTIONS}` : ''}; load average ${load()}`,
  );
  console.log(
    'route'.padEnd(WIDTH),
    'conns'.padStart(5),
    'req/s'.padStart(7),
    'p50 ms'.padStart(8),
    'p95 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'KB/resp'.padStart(8),
    'errors'.padStart(7),
  );
  const member = { cookie };
  await measure('bare Express GET /pagina (yardstick, before)', yardstick);
  await measure('GET /buone-pratiche', `${base}/buone-pratiche`);
  await measure('GET /buone-pratiche?q=tirocini', `${base}/buone-pratiche?q=tirocini`);
  await measure(`GET /buone-pratiche/${PRACTICE_SLUG}`, `${base}/buone-pratiche/${PRACTICE_SLUG}`);
  await measure('GET /buone-pratiche/dati.json', `${base}/buone-pratiche/dati.json`, { connections: FEW });
  await measure('GET /cerco-offro', `${base}/cerco-offro`);
  await measure('GET /cerco-offro/:id (with its matches)', `${base}/cerco-offro/${post}`);
  await measure('GET /api/v1/exchange/:id/matches', `${base}/api/v1/exchange/${post}/matches`);
  // One request at a time: the route's own cost, without the queue.
  await measure('GET /api/v1/exchange/:id/matches (one at a time)', `${base}/api/v1/exchange/${post}/matches`, {
    connections: 1,
  });
  await measure('GET /competenze', `${base}/competenze`);
  await measure('GET /competenze/SPI.ACC.01', `${base}/competenze/SPI.ACC.01`);
  await measure('GET /credenziali/:id', `${base}${credential.url}`);
  await measure('POST /api/v1/credentials/verify', `${base}/api/v1/credentials/verify`, {
    method: 'POST',
    body: JSON.stringify({ credential: jwt }),
  });
  await measure('GET /libretto (signed in)', `${base}/libretto`, { headers: member });
  await measure('GET /libretto/libretto.pdf (signed in)', `${base}/libretto/libretto.pdf`, {
    headers: member,
    connections: FEW,
  });
  await measure('bare Express GET /pagina (yardstick, after)', yardstick);
  console.log(`load average at the end ${load()}`);
  await c.end();
} finally {
  stopAll();
  await rm(dataDir, { recursive: true, force: true });
}
