// `npm run bench`: the pages as a deployment serves them, on the regional-scale data set of
// `npm run bench:seed` (bench/seed.ts; the same BENCH_DATABASE_URL, PostgreSQL by default or
// `pglite`). The app runs as its own process (`node server/main.ts`, NODE_ENV=production, as the
// README tells a deployment to), and so does a bare Express 5 route (`res.send('ciao')`), the
// yardstick of the same run, measured first and last (the machine may be shared: both are printed,
// their mean is the yardstick). autocannon drives both from this process, one page at a time,
// anonymous and signed in as a demo member (through the real /accedi form; the API search with a
// bearer token). Each line: req/s, p50/p95/p99 of every response, % of the bare route, bytes per
// response. Then the app's RSS (VmRSS), and, in a short second pass on a NODE_ENV=development process
// (the only one that reports X-SQL-Statements), the SQL statements of each page. The table is printed
// and written, as Markdown, to bench/results.md.
// Knobs: BENCH_SECONDS=5 BENCH_CONNECTIONS=10 BENCH_DATABASE_URL (see bench/target.ts).
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../server/core/db.ts';
import { demoContent } from '../server/demo/data.ts';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import { api, ROOT, sessionCookie, spawnNode, start, stopAll } from './http.ts';
import { benchTarget, SEEDED_MARK } from './target.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const MEMBER = demoContent.members.find((m) => m.key === 'laura.mannucci')!;
const SEARCH = 'tirocini';
const target = benchTarget();
const COMMAND = `npm run bench${target.kind === 'PGlite' ? ' (BENCH_DATABASE_URL=pglite)' : ''}`;

const YARDSTICK = `
const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('ciao'));
const server = app.listen(0, '127.0.0.1', () => console.log('PORT=' + server.address().port));
`;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

type Page = { label: string; path: string; api?: boolean };
type Row = {
  page: string;
  who: 'anonymous' | 'signed in' | '';
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bytes: number;
  errors: number;
  sql?: number;
};

/** What the run needs from the data set, read before the app starts (PGlite has one opener at a time). */
async function survey() {
  if (target.kind === 'PGlite' && !existsSync(target.name)) throw new Error('run npm run bench:seed first');
  let database;
  try {
    database = await openDatabase(target.url);
  } catch (err) {
    if ((err as { code?: string }).code === '3D000') throw new Error('run npm run bench:seed first', { cause: err });
    throw err;
  }
  try {
    const one = async <T>(text: string): Promise<T> => {
      const [row] = await database.query<T>(text);
      if (!row) throw new Error(`the data set has nothing for: ${text}`);
      return row;
    };
    const mark = await one<{ mark: string | null }>(
      `SELECT obj_description(to_regclass('posts'), 'pg_class') AS mark`,
    ).catch(() => ({ mark: null }));
    if (!mark.mark?.startsWith(SEEDED_MARK))
      throw new Error(`${target.kind} ${target.name} is not the benchmark's data set: run npm run bench:seed first`);
    const thread = await one<{ id: number; posts: number }>(
      `SELECT t.id, t.post_count AS posts FROM threads t JOIN groups g ON g.id = t.group_id
        WHERE g.visibility = 'public' AND t.deleted_at IS NULL ORDER BY abs(t.post_count - 101), t.id LIMIT 1`,
    );
    const group = await one<{ slug: string; threads: number }>(
      `SELECT g.slug, count(t.id)::int AS threads FROM groups g JOIN threads t ON t.group_id = g.id
        WHERE g.id = (SELECT group_id FROM threads WHERE id = ${thread.id}) GROUP BY g.slug`,
    );
    const lesson = await one<{ course: string; lesson: string }>(
      `SELECT c.slug AS course, l.slug AS lesson FROM courses c
         JOIN course_modules m ON m.course_id = c.id JOIN course_lessons l ON l.module_id = m.id
        WHERE c.status = 'published' AND c.slug NOT LIKE '%-edizione-%'
        ORDER BY c.id, m.position, l.position LIMIT 1`,
    );
    const theme = await one<{ theme: string; n: number }>(
      `SELECT theme, count(*)::int AS n FROM practices WHERE status = 'published' GROUP BY theme ORDER BY n DESC, theme LIMIT 1`,
    );
    const counts = await one<Record<string, number>>(
      `SELECT (SELECT count(*) FROM users)::int AS members, (SELECT count(*) FROM groups)::int AS groups,
              (SELECT count(*) FROM threads)::int AS threads, (SELECT count(*) FROM posts)::int AS posts,
              (SELECT count(*) FROM practices)::int AS practices, (SELECT count(*) FROM courses)::int AS courses,
              (SELECT count(*) FROM articles)::int AS articles`,
    );
    const { version } = await one<{ version: string }>(`SELECT current_setting('server_version') AS version`);
    return { thread, group, lesson, theme, counts, version, mark: mark.mark };
  } finally {
    await database.close();
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Starts the app (LOG_LEVEL=warn prints no port: it gets one) and waits until /healthz answers. */
async function startApp(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawnNode(['server/main.ts'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d).slice(-8_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d).slice(-8_000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app did not answer on ${base}:\n${out}`);
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const rssMb = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
};

/** Loads one URL for SECONDS with CONNECTIONS; every response's time and size. */
async function measure(url: string, headers: Record<string, string> = {}): Promise<Omit<Row, 'page' | 'who'>> {
  // autocannon stops at the deadline with requests still in flight, which the app still serves: one
  // request first, answered only once that backlog is gone, so it is not charged to this line.
  await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  let bytes = 0;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
    instance.on('response', (_client, _status, resBytes, ms) => {
      times.push(ms);
      bytes += resBytes;
    });
  });
  times.sort((a, b) => a - b);
  return {
    rps: r.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    bytes: times.length ? bytes / times.length : 0,
    errors: r.errors + r.non2xx,
  };
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(1));
const kb = (b: number) => (b / 1024).toFixed(1);

const dataDir = await mkdtemp(path.join(tmpdir(), 'retespi-bench-run-'));
try {
  const startLoad = load();
  const data = await survey();
  const pages: Page[] = [
    { label: `thread page (${data.thread.posts - 1} replies, 50 shown)`, path: `/discussioni/${data.thread.id}` },
    { label: 'home page', path: '/' },
    { label: `group page (${data.group.threads} threads)`, path: `/gruppi/${data.group.slug}` },
    { label: 'course page', path: `/corsi/${data.lesson.course}` },
    { label: 'lesson', path: `/corsi/${data.lesson.course}/lezioni/${data.lesson.lesson}` },
    { label: 'practice catalogue, theme filter', path: `/buone-pratiche?tema=${data.theme.theme}` },
    { label: 'news (/notizie)', path: '/notizie' },
    { label: 'activity (/attivita)', path: '/attivita' },
    { label: 'search page', path: `/cerca?q=${SEARCH}` },
    { label: 'search API', path: `/api/v1/search?q=${SEARCH}`, api: true },
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${osType()} ${release()}, Node ${process.version}, ${target.kind} ${data.version}`;
  console.log(`${COMMAND}: ${machine}`);
  console.log(`data set: ${JSON.stringify(data.counts)} (${data.mark})`);
  console.log(`load average at the start ${startLoad} (the machine is shared)`);

  const appEnv = {
    DATABASE_URL: target.url,
    DATA_DIR: dataDir,
    DEMO_CONTENT: 'never',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghij',
    RATE_LIMIT_AUTH_MAX: '1000000',
    RATE_LIMIT_LOGIN_ACCOUNT_MAX: '1000000',
    RATE_LIMIT_WRITE_MAX: '100000000',
    // The anonymous pages' cache is on in production (60 s); PAGE_CACHE_SECONDS=0 measures without it.
    ...(process.env.PAGE_CACHE_SECONDS ? { PAGE_CACHE_SECONDS: process.env.PAGE_CACHE_SECONDS } : {}),
  };
  const app = await startApp({ ...appEnv, NODE_ENV: 'production' });
  const barePort = await start(['-e', YARDSTICK], {
    NODE_ENV: 'production',
    NODE_PATH: path.join(ROOT, 'node_modules'),
  });
  const bare = `http://127.0.0.1:${barePort}/`;
  const signIn = async (base: string) => ({
    cookie: await sessionCookie(base, MEMBER.email, DEMO_PASSWORD),
    token: (
      await api<{ token: string }>(base, 'POST', '/api/v1/auth/token', { email: MEMBER.email, password: DEMO_PASSWORD })
    ).token,
  });
  const member = await signIn(app.base);
  const headersFor = (page: Page, who: Row['who'], m: { cookie: string; token: string }): Record<string, string> =>
    who === 'anonymous' ? {} : page.api ? { authorization: `Bearer ${m.token}` } : { cookie: m.cookie };

  // Every page once, anonymous and signed in, before the load: a 4xx/5xx stops the run here.
  for (const page of pages)
    for (const who of ['anonymous', 'signed in'] as const) {
      const res = await fetch(`${app.base}${page.path}`, { headers: headersFor(page, who, member) });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET ${page.path} (${who}) → ${res.status}`);
    }

  const rows: Row[] = [];
  const WIDTH = 42;
  const print = (r: Row, bareMean?: number) =>
    console.log(
      r.page.slice(0, WIDTH).padEnd(WIDTH),
      r.who.padEnd(10),
      r.rps.toFixed(0).padStart(7),
      ms(r.p50).padStart(7),
      ms(r.p95).padStart(7),
      ms(r.p99).padStart(7),
      (bareMean ? `${((100 * r.rps) / bareMean).toFixed(2)} %` : '').padStart(8),
      kb(r.bytes).padStart(7),
      String(r.errors).padStart(6),
    );
  console.log(
    `\nNODE_ENV=production, ${CONNECTIONS} connections, ${SECONDS} s per line, one page at a time (bare route first and last)`,
  );
  console.log(
    'page'.padEnd(WIDTH),
    'who'.padEnd(10),
    'req/s'.padStart(7),
    'p50 ms'.padStart(7),
    'p95 ms'.padStart(7),
    'p99 ms'.padStart(7),
    '% bare'.padStart(8),
    'KB'.padStart(7),
    'errors'.padStart(6),
  );
  const bareBefore: Row = { page: 'bare Express 5 route (before)', who: '', ...(await measure(bare)) };
  print(bareBefore);
  for (const page of pages)
    for (const who of ['anonymous', 'signed in'] as const) {
      const row: Row = {
        page: page.label,
        who,
        ...(await measure(`${app.base}${page.path}`, headersFor(page, who, member))),
      };
      rows.push(row);
      print(row, bareBefore.rps);
    }
  const bareAfter: Row = { page: 'bare Express 5 route (after)', who: '', ...(await measure(bare)) };
  print(bareAfter);
  const bareMean = (bareBefore.rps + bareAfter.rps) / 2;
  const rss = rssMb(app.child.pid!);
  const endLoad = load();
  console.log(`app RSS after the runs: ${rss.toFixed(0)} MB; load average at the end ${endLoad}`);
  await stopApp(app.child);

  // The SQL statements of each page: a NODE_ENV=development process reports them (X-SQL-Statements);
  // each page is loaded once to warm its caches, then counted.
  const dev = await startApp({ ...appEnv, NODE_ENV: 'development' });
  const devMember = await signIn(dev.base);
  for (const row of rows) {
    const page = pages.find((p) => p.label === row.page)!;
    const get = async () => {
      const res = await fetch(`${dev.base}${page.path}`, { headers: headersFor(page, row.who, devMember) });
      await res.arrayBuffer();
      return res.headers.get('x-sql-statements');
    };
    await get();
    const n = await get();
    row.sql = n === null ? undefined : Number(n);
  }
  await stopApp(dev.child);

  // The table, with the ratio to the mean of the bare route's two measures.
  const header = ['Page', 'Who', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '% of bare', 'KB', 'SQL', 'errors'];
  const line = (r: Row, ratio = true) => [
    r.page,
    r.who,
    r.rps.toFixed(0),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    ratio ? `${((100 * r.rps) / bareMean).toFixed(2)} %` : '',
    kb(r.bytes),
    r.sql === undefined ? '' : String(r.sql),
    String(r.errors),
  ];
  const table = [line(bareBefore, false), ...rows.map((r) => line(r)), line(bareAfter, false)];
  console.log(
    `\nbare route: ${bareBefore.rps.toFixed(0)} req/s before, ${bareAfter.rps.toFixed(0)} after, mean ${bareMean.toFixed(0)}`,
  );
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const cell = (v: string, i: number) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!));
  for (const r of [header, ...table]) console.log(r.map(cell).join('  '));
  console.log(`app RSS after the runs ${rss.toFixed(0)} MB`);

  const git = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    } catch {
      return '?';
    }
  })();
  const md = [
    '# Benchmark results (`npm run bench`)',
    '',
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${git}`,
    `- Command: \`npm run bench:seed && ${COMMAND}\` (BENCH_SECONDS=${SECONDS}, BENCH_CONNECTIONS=${CONNECTIONS})`,
    `- Machine: ${machine}; **shared** with other work: load average ${startLoad} at the start, ${endLoad} at the end`,
    `- Data set (\`bench/seed.ts\`): ${Object.entries(data.counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}`,
    `- The app: its own process, \`node server/main.ts\`, NODE_ENV=production, LOG_LEVEL=warn, driven by autocannon from the benchmark's process; the yardstick: a bare Express 5 route (\`res.send('ciao')\`) in a process of its own, ${bareBefore.rps.toFixed(0)} req/s before the pages and ${bareAfter.rps.toFixed(0)} after (mean ${bareMean.toFixed(0)}, the "% of bare" column's denominator)`,
    `- Signed in: ${MEMBER.name} (demo member) through the /accedi form, the session cookie sent with every request; the search API with a bearer token`,
    `- SQL: statements per request read from \`X-SQL-Statements\` in a second, short pass on a NODE_ENV=development process (production does not report them), each page warmed once`,
    `- App RSS after the runs: **${rss.toFixed(0)} MB**`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...table.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  await writeFile(path.join(ROOT, 'bench', 'results.md'), md);
  console.log('written to bench/results.md');
} catch (err) {
  if (err instanceof Error && /npm run bench:seed first/.test(err.message)) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
} finally {
  stopAll();
  await rm(dataDir, { recursive: true, force: true });
}
