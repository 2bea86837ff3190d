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
import { practices as demoPractices } from '../server/demo/practices-data.ts';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import { readCourses } from '../server/features/courses/courses.files.ts';
import { api, ROOT, start, stopAll } from './http.ts';

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

// --- Text for the scaled registry: the demo's own sentences ----------------------------------------

const plain = (md: string) =>
  md
    .replace(/\*\*|\*|`|^#+\s*|^\s*-\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
/** Sentences of the demo practices and posts (long enough to say something). */
const SENTENCES = [
  ...new Set(
    [
      ...demoPractices.flatMap((p) => [p.summary, p.description, p.objectives, p.results, p.targetUsers]),
      ...exchangePosts.map((p) => p.description),
    ]
      .flatMap((text) => plain(text).split(/(?<=[.!?])\s+(?=[A-ZÀÈÉÌÒÙ«“])/u))
      .filter((s) => s.length >= 40 && s.length <= 400),
  ),
];
/** Titles: the demo practices' and their components' ("Modello A …"). */
const TITLES = [
  ...new Set([...demoPractices.map((p) => p.title), ...demoPractices.flatMap((p) => p.components.map((c) => c.title))]),
].filter((t) => t.length <= 160);
/** What posts are about: the demo posts' titles and the practices' components, sought or offered. */
const POST_TITLES = [
  ...new Set([
    ...exchangePosts.map((p) => p.title),
    ...demoPractices.flatMap((p) =>
      p.components.map((c) => `${c.title.charAt(0).toLowerCase()}${c.title.slice(1)}`.slice(0, 140)),
    ),
  ]),
];
const FIELDS = {
  targetUsers: demoPractices.map((p) => p.targetUsers),
  objectives: demoPractices.map((p) => p.objectives),
  results: demoPractices.map((p) => p.results),
  indicators: demoPractices.map((p) => JSON.stringify(p.indicators)),
  components: demoPractices.map((p) => JSON.stringify(p.components)),
  kit: demoPractices.map((p) => JSON.stringify(p.kit)),
  tags: [...new Set(demoPractices.flatMap((p) => p.tags))],
};
const THEMES = [
  'servizi-impiego',
  'formazione',
  'inclusione-sociale',
  'prima-infanzia',
  'e-government',
  'orientamento',
  'invecchiamento-attivo',
  'osservatori',
];
const LEVELS = ['national', 'regional', 'provincial', 'municipal', 'local'];

/** `arr[1 + (n * k) % len]`: a deterministic pick from a text[] parameter. */
const pick = (param: string, n: string, k: number) =>
  `(${param}::text[])[1 + ((${n} * ${k}) % array_length(${param}::text[], 1))]`;

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
  // The people who write: demo members with an administration (a post speaks for the author's).
  const { rows: people } = await q(
    `SELECT array_agg(u.id ORDER BY u.id) AS ids, array_agg(u.organization_id ORDER BY u.id) AS orgs,
            array_agg(o.region ORDER BY u.id) AS regions
       FROM users u JOIN organizations o ON o.id = u.organization_id`,
  );
  const { rows: codes } = await q(`SELECT array_agg(code ORDER BY code) AS codes FROM competences`);
  const who = (n: string) => `(1 + (${n} * 7) % array_length($2::int[], 1))`;
  await q(
    `INSERT INTO practices (slug, status, title, summary, description, description_html, organization_id,
                            contact_user_id, created_by, region, territorial_level, theme, target_users,
                            objectives, results, indicators, resources, costs, reuse_requirements, licence,
                            started_on, components, kit, tags, version, validation_score, reuse_count,
                            submitted_at, validated_at, published_at, competence_codes, created_at, updated_at)
     SELECT 'pratica-scalata-' || i, 'published',
            left(${pick('$1', 'i', 1)} || ' – ' || (($4::text[])[${who('i')}]), 200),
            d.s1, d.s1 || ' ' || d.s2 || E'\n\n' || d.s3 || ' ' || d.s4 || E'\n\n' || d.s5,
            '<p>' || d.s1 || ' ' || d.s2 || '</p><p>' || d.s3 || ' ' || d.s4 || '</p><p>' || d.s5 || '</p>',
            ($3::int[])[${who('i')}], ($2::int[])[${who('i')}], ($2::int[])[${who('i')}],
            ($4::text[])[${who('i')}], ${pick('$6', 'i', 3)}, ${pick('$7', 'i', 5)},
            ${pick('$8', 'i', 11)}, ${pick('$9', 'i', 13)}, ${pick('$10', 'i', 17)},
            ${pick('$11', 'i', 19)}::jsonb, d.s6, 'Costi di personale interno e di configurazione.',
            'Un referente e la convenzione tra amministrazioni.', 'CC BY 4.0',
            date '2015-01-01' + (i % 3000), ${pick('$12', 'i', 23)}::jsonb, ${pick('$13', 'i', 29)}::jsonb,
            ARRAY[${pick('$14', 'i', 31)}, ${pick('$14', 'i', 37)}], 1 + i % 3, 2 + (i % 9) / 4.0, i % 7,
            now() - (i % 700 + 20) * interval '1 day', now() - (i % 700 + 10) * interval '1 day',
            now() - (i % 700) * interval '1 day' - i * interval '1 second',
            ARRAY[${pick('$15', 'i', 41)}, ${pick('$15', 'i', 43)}],
            now() - (i % 700 + 30) * interval '1 day', now() - (i % 700) * interval '1 day'
       FROM generate_series(1, ${PRACTICES}) i
      CROSS JOIN LATERAL (SELECT ${pick('$5', 'i', 3)} AS s1, ${pick('$5', 'i', 7)} AS s2, ${pick('$5', 'i', 11)} AS s3,
                                 ${pick('$5', 'i + 1', 13)} AS s4, ${pick('$5', 'i + 2', 17)} AS s5,
                                 ${pick('$5', 'i + 3', 19)} AS s6) d`,
    [
      TITLES,
      people[0].ids,
      people[0].orgs,
      people[0].regions,
      SENTENCES,
      LEVELS,
      THEMES,
      FIELDS.targetUsers,
      FIELDS.objectives,
      FIELDS.results,
      FIELDS.indicators,
      FIELDS.components,
      FIELDS.kit,
      FIELDS.tags,
      codes[0].codes,
    ],
  );
  await q(
    `INSERT INTO exchange_posts (kind, author_id, organization_id, title, description, description_html, theme,
                                 region, expires_at, created_at, updated_at)
     SELECT CASE WHEN i % 2 = 0 THEN 'cerco' ELSE 'offro' END, ($2::int[])[${who('i')}], ($3::int[])[${who('i')}],
            left(CASE WHEN i % 2 = 0 THEN 'Cerchiamo ' ELSE 'Offriamo ' END || ${pick('$1', 'i', 3)}, 160),
            d.s1 || ' ' || d.s2 || E'\n\n' || d.s3, '<p>' || d.s1 || ' ' || d.s2 || '</p><p>' || d.s3 || '</p>',
            ${pick('$6', 'i', 5)}, ($4::text[])[${who('i')}],
            now() + (30 + i % 150) * interval '1 day',
            now() - (i % 90) * interval '1 day' - i * interval '1 second', now() - (i % 90) * interval '1 day'
       FROM generate_series(1, ${POSTS}) i
      CROSS JOIN LATERAL (SELECT ${pick('$5', 'i', 5)} AS s1, ${pick('$5', 'i + 1', 7)} AS s2,
                                 ${pick('$5', 'i + 2', 11)} AS s3) d`,
    [POST_TITLES, people[0].ids, people[0].orgs, people[0].regions, SENTENCES, THEMES],
  );
  // What autovacuum would have done by now on a live site: statistics, visibility map.
  await q('VACUUM ANALYZE');
  const { rows } = await q(
    `SELECT (SELECT count(*) FROM practices WHERE status = 'published')::int AS "publishedPractices",
            (SELECT count(*) FROM exchange_posts WHERE closed_at IS NULL AND expires_at > now())::int AS "activePosts",
            (SELECT count(*) FROM competences)::int AS competences,
            (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM organizations)::int AS organizations`,
  );
  console.log(
    `registry ${JSON.stringify(rows[0])} written in ${((performance.now() - started) / 1000).toFixed(1)} s (${SENTENCES.length} sentences, ${TITLES.length} titles; PostgreSQL ${(await q('SHOW server_version')).rows[0].server_version})`,
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

/** Signs in through the login form; resolves with the session cookie. */
async function sessionCookie(base: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${base}/accedi`);
  const jar = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const cookie = jar(form).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on /accedi');
  const res = await fetch(`${base}/accedi`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`POST /accedi → ${res.status}`);
  const session = jar(res).join('; ');
  return session || cookie;
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
