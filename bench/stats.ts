// The monitoring figures at scale: computeStats (everything /admin/monitoraggio and GET
// /api/v1/stats answer) on 10,000 members and 500,000 posts spread over two years (25,000 threads in
// 50 groups), with courses, quizzes, practices, Cerco / Offro, conversations and events around them.
// The database named by STATS_BENCH_DATABASE_URL (default retespi_stats_bench on the local server; its
// name must contain "bench") is dropped and rebuilt: migrations, then rows written in bulk by
// multi-row INSERT … SELECT over generate_series (ids grow with time, as on a live site).
// Prints, for a month, a quarter, a year and five years, the median and slowest of 5 runs, then
// EXPLAIN ANALYZE of the heaviest statements on the year.
// `node bench/stats.ts`; knobs: STATS_BENCH_MEMBERS=10000 STATS_BENCH_POSTS=500000 STATS_BENCH_RUNS=5,
// STATS_BENCH_REUSE=1 (measure again on the database the last run left, without rebuilding it).
import pg from 'pg';
import { migrate } from '../models/migrate.ts';
import { openDatabase } from '../server/core/db.ts';
import { italianDay } from '../server/core/time.ts';
import { addDays, periodOf } from '../server/features/monitoring/monitoring.schema.ts';
import { computeStats } from '../server/features/monitoring/monitoring.stats.ts';

const DB_URL = process.env.STATS_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/retespi_stats_bench';
const MEMBERS = Number(process.env.STATS_BENCH_MEMBERS ?? 10_000);
const POSTS = Number(process.env.STATS_BENCH_POSTS ?? 500_000);
const RUNS = Number(process.env.STATS_BENCH_RUNS ?? 5);
const THREADS = Math.max(1, Math.round(POSTS / 20));
const GROUPS = 50;
const DAYS = 730;

const dbName = decodeURIComponent(new URL(DB_URL).pathname.slice(1));
if (!/bench/.test(dbName) || !/^[a-z0-9_]+$/.test(dbName))
  throw new Error(
    `STATS_BENCH_DATABASE_URL names "${dbName}": the benchmark drops it, so its name must contain "bench"`,
  );
const serverUrl = Object.assign(new URL(DB_URL), { pathname: '/postgres' }).toString();

/** An instant spread over the last DAYS days by row number: row n of total is the n-th oldest. */
const spread = (n: string, total: number | string) =>
  `now() - make_interval(secs => ((${total} - ${n})::float8 * ${DAYS * 86_400} / ${total}))`;

async function build() {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const database = await openDatabase(DB_URL);
  await migrate(database);
  const q = (text: string) => database.query(text);
  const started = performance.now();
  await q(`INSERT INTO organizations (slug, name, kind, region)
           SELECT 'cpi-' || i, 'Centro per l''impiego ' || i, 'cpi', 'Toscana' FROM generate_series(1, 200) i`);
  // Members over three years; 40 % signed in within the last 60 days.
  await q(`INSERT INTO users (name, email, handle, region, organization_id, role, created_at, last_login_at)
           SELECT 'Operatore ' || i, 'operatore' || i || '@bench.example.it', 'operatore' || i, 'Toscana', 1 + i % 200,
                  CASE WHEN i <= 20 THEN 'animator' ELSE 'member' END,
                  now() - make_interval(secs => ((${MEMBERS} - i)::float8 * ${3 * 365 * 86_400} / ${MEMBERS})),
                  CASE WHEN i % 5 < 2 THEN now() - make_interval(secs => (i % 60) * 86400) END
             FROM generate_series(1, ${MEMBERS}) i`);
  await q(`INSERT INTO groups (slug, name, visibility, created_at)
           SELECT 'gruppo-' || i, 'Gruppo ' || i, CASE WHEN i % 10 = 0 THEN 'private' WHEN i % 10 = 9 THEN 'closed' ELSE 'public' END,
                  now() - interval '3 years' FROM generate_series(1, ${GROUPS}) i`);
  await q(`INSERT INTO group_memberships (group_id, user_id, role, status)
           SELECT 1 + u % ${GROUPS}, u, 'member', 'active' FROM generate_series(1, ${MEMBERS}) u`);
  // Threads, then posts: post i is in thread 1 + (i - 1) % THREADS at position 1 + (i - 1) / THREADS;
  // the first THREADS posts open the threads. Busier groups: group = 1 + (thread² mod GROUPS).
  await q(`INSERT INTO threads (group_id, author_id, title, post_count, last_position, created_at, last_post_at)
           SELECT 1 + (i * i) % ${GROUPS}, 1 + i % ${MEMBERS}, 'Discussione ' || i, 20, 20, ${spread('i', POSTS)}, now()
             FROM generate_series(1, ${THREADS}) i`);
  await q(`INSERT INTO posts (thread_id, author_id, position, sort_path, body, body_html, created_at, deleted_at)
           SELECT 1 + (i - 1) % ${THREADS}, 1 + (i * 7) % ${MEMBERS}, 1 + (i - 1) / ${THREADS},
                  lpad((1 + (i - 1) / ${THREADS})::text, 6, '0'), 'Messaggio ' || i, '<p>Messaggio ' || i || '</p>',
                  ${spread('i', POSTS)}, CASE WHEN i % 89 = 0 THEN now() END
             FROM generate_series(1, ${POSTS}) i`);
  // Courses: 40, each member enrolled in two; half of them complete; four quiz attempts per enrolment.
  await q(
    `INSERT INTO courses (slug, title, status) SELECT 'corso-' || i, 'Corso ' || i, 'published' FROM generate_series(1, 40) i`,
  );
  await q(`INSERT INTO course_quizzes (course_id, slug, title) SELECT i, 'quiz', 'Quiz' FROM generate_series(1, 40) i`);
  await q(`INSERT INTO course_enrolments (course_id, user_id, status, enrolled_at, completed_at)
           SELECT 1 + (u + k * 7) % 40, u, 'active', ${spread('u', MEMBERS)},
                  CASE WHEN (u + k) % 2 = 0 THEN ${spread('u', MEMBERS)} + interval '20 days' END
             FROM generate_series(1, ${MEMBERS}) u, generate_series(0, 1) k`);
  await q(`INSERT INTO quiz_attempts (quiz_id, user_id, number, answers, results, score, max_score, passed, created_at)
           SELECT e.course_id, e.user_id, n, '{}', '[]', n * 2, 10, n >= 3, e.enrolled_at + make_interval(days => n)
             FROM course_enrolments e, generate_series(1, 2) n`);
  // Practices, reuses, stories; Cerco / Offro posts and the conversations they started; events.
  await q(`INSERT INTO practices (slug, title, status, organization_id, region, theme, published_at)
           SELECT 'pratica-' || i, 'Pratica ' || i, 'published', 1 + i % 200, 'Toscana', 'servizi-impiego', ${spread('i', 1000)}
             FROM generate_series(1, 1000) i`);
  await q(`INSERT INTO practice_reuses (practice_id, organization_id, status, created_at)
           SELECT 1 + i % 1000, 1 + (i * 3) % 200, 'reused', ${spread('i', 5000)} FROM generate_series(1, 5000) i
           ON CONFLICT DO NOTHING`);
  await q(`INSERT INTO practice_stories (practice_id, title, body, status, created_at)
           SELECT 1 + i % 1000, 'Storia', 'Testo', CASE WHEN i % 3 = 0 THEN 'pending' ELSE 'published' END, ${spread('i', 3000)}
             FROM generate_series(1, 3000) i`);
  await q(`INSERT INTO exchange_posts (kind, organization_id, title, description, theme, region, expires_at, created_at)
           SELECT CASE WHEN i % 2 = 0 THEN 'cerco' ELSE 'offro' END, 1 + i % 200, 'Annuncio ' || i, 'Testo', 'formazione', 'Toscana',
                  now() + interval '180 days', ${spread('i', 5000)} FROM generate_series(1, 5000) i`);
  await q(`INSERT INTO conversations (subject, origin, created_at)
           SELECT 'Oggetto', jsonb_build_object('kind', (ARRAY['exchange', 'match', 'profile', 'practice'])[1 + i % 4], 'links', '[]'::jsonb),
                  ${spread('i', 20000)} FROM generate_series(1, 20000) i`);
  await q(`INSERT INTO calendar_events (kind, title, starts_at, ends_at)
           SELECT 'workshop', 'Evento ' || i, ${spread('i', 600)}, ${spread('i', 600)} + interval '3 hours' FROM generate_series(1, 600) i`);
  await q(`INSERT INTO event_registrations (event_id, user_id, status, registered_at, attended)
           SELECT 1 + i % 600, 1 + (i * 13) % ${MEMBERS}, 'registered', ${spread('i', 60000)} - interval '10 days', i % 3 <> 0
             FROM generate_series(1, 60000) i ON CONFLICT DO NOTHING`);
  // What autovacuum would have done by now on a live site: statistics, visibility map.
  await database.exec('VACUUM ANALYZE');
  const [counts] =
    await q(`SELECT (SELECT count(*) FROM users)::int AS members, (SELECT count(*) FROM posts)::int AS posts,
                                   (SELECT count(*) FROM threads)::int AS threads, (SELECT count(*) FROM course_enrolments)::int AS enrolments,
                                   (SELECT count(*) FROM event_registrations)::int AS registrations`);
  const [version] = await q('SHOW server_version');
  console.log(
    `seeded ${JSON.stringify(counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s (PostgreSQL ${(version as { server_version: string }).server_version})`,
  );
  return database;
}

const database = process.env.STATS_BENCH_REUSE === '1' ? await openDatabase(DB_URL) : await build();
const viewer = { id: 1, role: 'admin' as const };
const today = italianDay(new Date());
const periods: [string, string, string][] = [
  ['30 days (week)', addDays(today, -29), today],
  ['90 days (week)', addDays(today, -89), today],
  ['12 months (month)', addDays(today, -364), today],
  ['5 years (month)', addDays(today, -(5 * 365 - 1)), today],
];
console.log(`computeStats: ${RUNS} runs each (every figure of the dashboard, sequential statements on one pool)`);
console.log('period'.padEnd(20), 'median ms'.padStart(10), 'max ms'.padStart(10), 'posts in period'.padStart(16));
for (const [label, from, to] of periods) {
  const period = periodOf(from, to);
  const times: number[] = [];
  let posts = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const stats = await computeStats(database.db, period, viewer as never);
    times.push(performance.now() - t0);
    posts = stats.discussions.posts;
  }
  times.sort((a, b) => a - b);
  console.log(
    label.padEnd(20),
    times[Math.floor(times.length / 2)]!.toFixed(1).padStart(10),
    times[times.length - 1]!.toFixed(1).padStart(10),
    String(posts).padStart(16),
  );
}

// The plans of the statements that read most rows, on the year.
const year = periodOf(addDays(today, -364), today);
const from = year.from.toISOString();
const to = year.to.toISOString();
const plans: [string, string][] = [
  [
    'discussions per bucket and groups ranked (one pass)',
    `SELECT to_char(b, 'YYYY-MM-DD') AS bucket, group_id, count(*) FILTER (WHERE position = 1),
            count(*) FILTER (WHERE position > 1), count(DISTINCT author_id), count(DISTINCT thread_id)
       FROM (SELECT date_trunc('month', p.created_at AT TIME ZONE 'Europe/Rome') AS b, t.group_id, p.position, p.author_id, p.thread_id
               FROM posts p JOIN threads t ON t.id = p.thread_id AND t.deleted_at IS NULL
              WHERE p.deleted_at IS NULL AND p.created_at >= '${from}' AND p.created_at < '${to}') x
      GROUP BY GROUPING SETS ((b), (group_id))`,
  ],
  [
    'active members (30 days)',
    `SELECT count(*) FROM (SELECT id FROM users WHERE last_login_at >= '${to}'::timestamptz - interval '30 days' AND last_login_at < '${to}'
       UNION SELECT author_id FROM posts WHERE deleted_at IS NULL AND author_id IS NOT NULL
       AND created_at >= '${to}'::timestamptz - interval '30 days' AND created_at < '${to}') x`,
  ],
];
for (const [label, text] of plans) {
  const rows = await database.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`);
  const lines = rows.map((r) => r['QUERY PLAN']);
  console.log(`\nEXPLAIN ANALYZE — ${label} (12 months):`);
  for (const line of lines)
    if (/Scan|Execution Time|Planning Time|Aggregate|Join|Sort|Hash/.test(line)) console.log(`  ${line.trim()}`);
}
await database.close();
