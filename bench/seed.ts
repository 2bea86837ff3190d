// The regional-scale data set every `npm run bench` line runs on: `npm run bench:seed`.
// The database (bench/target.ts: BENCH_DATABASE_URL, default retespi_bench on the local PostgreSQL
// server, or `pglite` for data/bench) is dropped and rebuilt: first the demo content through the CLI
// (`demo:seed`, which also imports the shipped courses), then, in bulk by SQL (INSERT … SELECT over
// generate_series, never the API): 300 administrations and 10,000 members, 300 groups (public,
// closed, private) with their memberships, 20,000 threads and 500,000 posts (ten threads of 1,500
// posts, ten of 101 — the thread page measured — and the rest 1–47 posts), the activity feed of all
// of it as the app records it, 2,000 practices, 200 courses (copies of the shipped ones, with
// modules, lessons, quizzes and files) with enrolments, and 5,000 articles. Threads and posts are
// written as the discussions service writes them: post_count = last_position = the posts' count,
// last_post_at the last post's time, positions 1…n, a reply to a reply nested one level under its
// parent (sort_path "000004.000005", depth 1), a reply to the first post top-level. The search columns
// are generated columns (migrations 0009 and 0012): PostgreSQL fills them as rows are written; the
// posts' and threads' GIN indexes are rebuilt once at the end instead of row by row. Then VACUUM
// ANALYZE, and the mark `npm run bench` looks for.
// Knobs: BENCH_SCALE (default 1; 0.1 builds a tenth, to try the script quickly).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../server/core/db.ts';
import { insertArticles, insertPractices, SENTENCES, THEMES, type Sql } from './data.ts';
import { ROOT } from './http.ts';
import { benchTarget, SEEDED_MARK } from './target.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
const N = {
  organizations: scaled(300),
  members: scaled(10_000),
  groups: scaled(300),
  threads: scaled(20_000),
  posts: scaled(500_000),
  practices: scaled(2_000),
  courses: scaled(200),
  articles: scaled(5_000),
};
/** Long threads (1,500 posts each) and the ~100-reply threads the thread page is measured on. */
const SPECIAL = Math.max(1, Math.min(10, Math.round(100 * SCALE)));
const LONG = { count: SPECIAL, posts: 1_500 };
const HUNDRED = { count: SPECIAL, posts: 101 };
/** Members of each group: one member in MEMBER_EVERY. */
const MEMBER_EVERY = 40;
const ENROLMENTS_PER_COURSE = 50;

const REGIONS = [
  'Abruzzo',
  'Basilicata',
  'Calabria',
  'Campania',
  'Emilia-Romagna',
  'Friuli-Venezia Giulia',
  'Lazio',
  'Liguria',
  'Lombardia',
  'Marche',
  'Molise',
  'Piemonte',
  'Puglia',
  'Sardegna',
  'Sicilia',
  'Toscana',
  'Trentino-Alto Adige',
  'Umbria',
  "Valle d'Aosta",
  'Veneto',
];
const FIRST = ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Andrea', 'Sara', 'Paolo', 'Elena', 'Davide'];
const FIRST2 = ['Anna', 'Giorgio', 'Silvia', 'Stefano', 'Valentina', 'Matteo', 'Laura', 'Roberto', 'Marta'];
const LAST = ['Rossi', 'Bianchi', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo'];
const LAST2 = ['Conti', 'De Luca', 'Costa', 'Giordano', 'Mancini', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri'];
const JOBS = [
  'Orientatrice',
  'Operatore dell’accoglienza',
  'Analista del mercato del lavoro',
  'Responsabile del Centro per l’impiego',
  'Consulente per le imprese',
  'Operatrice del collocamento mirato',
];
const GROUP_TOPICS = [
  'Accoglienza e profilazione',
  'Tirocini e imprese',
  'Collocamento mirato',
  'Osservatorio del mercato del lavoro',
  'Garanzia Giovani',
  'Orientamento specialistico',
  'Sistemi informativi',
  'Crisi aziendali e ammortizzatori',
  'Formazione degli operatori',
  'Incontro domanda e offerta',
];

const target = benchTarget();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function runCli(args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${code}`);
}

/** A fresh, empty database (PostgreSQL) or directory (PGlite). */
async function recreate(): Promise<void> {
  if (target.kind === 'PGlite') {
    await rm(target.name, { recursive: true, force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: target.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${target.name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${target.name}`);
  await admin.end();
}

/** Thread sizes: LONG and HUNDRED first, then the rest of the posts spread over 1…47 per thread. */
function threadSizes(): number[] {
  const sizes: number[] = [];
  for (let i = 0; i < LONG.count && sizes.length < N.threads; i++) sizes.push(LONG.posts);
  for (let i = 0; i < HUNDRED.count && sizes.length < N.threads; i++) sizes.push(HUNDRED.posts);
  const restThreads = N.threads - sizes.length;
  let rest = N.posts - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; i < restThreads; i++) {
    const left = restThreads - i;
    const mean = rest / left;
    // A spread around the mean, paired so that it sums to nothing, clamped to what is left.
    const spread = Math.min(Math.floor(mean) - 1, (i * 7919) % 23);
    const n = i === restThreads - 1 ? rest : Math.round(mean + (i % 2 ? -spread : spread));
    const size = Math.max(1, Math.min(n, rest - (left - 1)));
    sizes.push(size);
    rest -= size;
  }
  return sizes;
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'retespi-bench-seed-'));
const started = performance.now();
console.log(
  `bench:seed → ${target.kind} ${target.name} (scale ${SCALE}); load average at the start ${load()} (machine shared)`,
);
try {
  let t = performance.now();
  await recreate();
  console.log(`${target.kind === 'PGlite' ? 'directory emptied' : 'database dropped and created'} in ${seconds(t)} s`);
  t = performance.now();
  await runCli(['demo:seed'], { DATABASE_URL: target.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  console.log(`demo content (demo:seed, with the shipped courses) in ${seconds(t)} s`);

  const database = await openDatabase(target.url);
  const q: Sql = (text, params) => database.query(text, params);
  const step = async (label: string, run: () => Promise<unknown>) => {
    const s = performance.now();
    await run();
    console.log(`  ${label.padEnd(52)} ${seconds(s).padStart(6)} s`);
  };
  const ids = async (sqlText: string) => (await q<{ ids: number[] }>(sqlText))[0]!.ids ?? [];
  t = performance.now();

  await step(`${N.organizations} administrations, ${N.members} members`, async () => {
    await q(
      `INSERT INTO organizations (slug, name, kind, region, verified)
       SELECT 'bench-cpi-' || i, 'Centro per l''impiego ' || i || ' – ' || ($1::text[])[1 + i % 20], 'cpi',
              ($1::text[])[1 + i % 20], true
         FROM generate_series(1, ${N.organizations}) i`,
      [REGIONS],
    );
    const orgs = await ids(`SELECT array_agg(id ORDER BY id) AS ids FROM organizations WHERE slug LIKE 'bench-cpi-%'`);
    await q(
      `INSERT INTO users (name, email, handle, job_title, region, organization_id, bio, created_at)
       SELECT n.first || ' ' || n.last, 'membro' || i || '@bench.example.it', 'membro-bench-' || i,
              ($5::text[])[1 + i % array_length($5::text[], 1)], ($6::text[])[1 + ((i - 1) % ${N.organizations}) % 20],
              ($7::int[])[1 + (i - 1) % ${N.organizations}],
              'Lavoro in un Centro per l''impiego. ' || ($8::text[])[1 + (i * 7) % array_length($8::text[], 1)],
              now() - (i % 900) * interval '1 day'
         FROM generate_series(1, ${N.members}) i
        CROSS JOIN LATERAL (SELECT ($1::text[])[1 + i % 10] || CASE WHEN i % 3 = 0 THEN ' ' || ($2::text[])[1 + i % 9] ELSE '' END AS first,
                                   ($3::text[])[1 + (i / 10) % 10] || CASE WHEN i % 4 = 0 THEN ' ' || ($4::text[])[1 + (i / 7) % 9] ELSE '' END AS last) n`,
      [FIRST, FIRST2, LAST, LAST2, JOBS, REGIONS, orgs, SENTENCES],
    );
  });
  const members = await ids(`SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE handle LIKE 'membro-bench-%'`);
  const demoMembers = await ids(
    `SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE handle NOT LIKE 'membro-bench-%'`,
  );

  await step(`${N.groups} groups and their memberships`, async () => {
    // Nine in ten public, one in five closed, one in ten private (i = 1 is public).
    await q(
      `INSERT INTO groups (slug, name, description, theme, visibility, created_by, created_at)
       SELECT 'bench-gruppo-' || i, ($1::text[])[1 + i % 10] || ' – ' || ($2::text[])[1 + (i / 10) % 20] || ' ' || i,
              ($4::text[])[1 + (i * 3) % array_length($4::text[], 1)], ($5::text[])[1 + i % array_length($5::text[], 1)],
              CASE WHEN i % 10 = 0 THEN 'private' WHEN i % 10 IN (5, 9) THEN 'closed' ELSE 'public' END,
              ($3::int[])[1 + (i * 37) % array_length($3::int[], 1)], now() - (1000 - i % 900) * interval '1 day'
         FROM generate_series(1, ${N.groups}) i`,
      [GROUP_TOPICS, REGIONS, members, SENTENCES, THEMES],
    );
    await q(
      `INSERT INTO group_memberships (group_id, user_id, role, status, created_at)
       SELECT id, created_by, 'owner', 'active', created_at FROM groups WHERE slug LIKE 'bench-gruppo-%'`,
    );
    // One member in MEMBER_EVERY per group, a moderator now and then, some requests still pending in
    // closed groups; the demo members in the first twenty groups (so signed-in pages have groups).
    await q(
      `INSERT INTO group_memberships (group_id, user_id, role, status, created_at)
       SELECT g.id, ($1::int[])[k], CASE WHEN k % 97 = 0 THEN 'moderator' ELSE 'member' END,
              CASE WHEN g.visibility = 'closed' AND k % 10 = 0 THEN 'pending' ELSE 'active' END,
              g.created_at + (k % 300) * interval '1 day'
         FROM (SELECT id, visibility, created_at, row_number() OVER (ORDER BY id) AS n FROM groups
                WHERE slug LIKE 'bench-gruppo-%') g
         JOIN generate_series(1, array_length($1::int[], 1)) k ON (k + g.n * 7) % ${MEMBER_EVERY} = 0
       UNION ALL
       SELECT g.id, d, 'member', 'active', now() - interval '30 days'
         FROM groups g CROSS JOIN unnest($2::int[]) d
        WHERE g.slug LIKE 'bench-gruppo-%' AND g.id IN (SELECT id FROM groups WHERE slug LIKE 'bench-gruppo-%' ORDER BY id LIMIT 20)
       ON CONFLICT DO NOTHING`,
      [members, demoMembers],
    );
  });
  const groups = await ids(`SELECT array_agg(id ORDER BY id) AS ids FROM groups WHERE slug LIKE 'bench-gruppo-%'`);

  const sizes = threadSizes();
  const [{ threadBase, postBase }] = (await q<{ threadBase: number; postBase: number }>(
    `SELECT coalesce((SELECT max(id) FROM threads), 0) AS "threadBase", coalesce((SELECT max(id) FROM posts), 0) AS "postBase"`,
  )) as [{ threadBase: number; postBase: number }];
  await step(`${N.threads} threads`, async () => {
    // Explicit ids (the identity is moved past them below), so the posts can name their parents.
    // The long and the ~100-reply threads are in the first group (public); the rest spread over all.
    await q(
      `INSERT INTO threads (id, group_id, author_id, title, pinned, post_count, last_position, last_post_at, created_at)
       SELECT ${threadBase} + i,
              CASE WHEN i <= ${LONG.count + HUNDRED.count} THEN ($2::int[])[1] ELSE ($2::int[])[1 + (i * 13) % array_length($2::int[], 1)] END,
              ($3::int[])[1 + (i * 31) % array_length($3::int[], 1)],
              left(($4::text[])[1 + (i * 7) % array_length($4::text[], 1)], 90) || ' (' || i || ')',
              i % 997 = 0, s.n, s.n, c.at + (s.n - 1) * interval '7 minutes', c.at
         FROM unnest($1::int[]) WITH ORDINALITY AS s(n, i)
        CROSS JOIN LATERAL (SELECT now() - ((i * 37) % 700 + 12) * interval '1 day' - (i % 1440) * interval '1 minute' AS at) c`,
      [sizes, groups, members, SENTENCES],
    );
    await q(`SELECT setval(pg_get_serial_sequence('threads', 'id'), (SELECT max(id) FROM threads))`);
  });

  // The posts' and threads' search indexes, built once at the end rather than row by row.
  const searchIndexes = await q<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE indexname IN ('posts_search_idx', 'threads_search_idx')`,
  );
  for (const { name } of searchIndexes) await q(`DROP INDEX ${name}`);
  const chunk = 2_000;
  await step(`${N.posts} posts`, async () => {
    for (let from = 0; from < sizes.length; from += chunk) {
      await q(
        `INSERT INTO posts (id, thread_id, author_id, parent_id, position, depth, sort_path, body, body_html, created_at)
         SELECT ${postBase} + t.off + p, t.id,
                CASE WHEN p = 1 THEN t.author_id ELSE ($1::int[])[1 + (t.id * 31 + p * 17) % array_length($1::int[], 1)] END,
                CASE WHEN p > 2 AND p % 5 = 0 THEN ${postBase} + t.off + p - 1
                     WHEN p > 1 AND p % 7 = 0 THEN ${postBase} + t.off + 1 END,
                p, CASE WHEN p > 2 AND p % 5 = 0 THEN 1 ELSE 0 END,
                CASE WHEN p > 2 AND p % 5 = 0 THEN lpad((p - 1)::text, 6, '0') || '.' ELSE '' END || lpad(p::text, 6, '0'),
                b.s1 || ' ' || b.s2 || CASE WHEN p % 3 = 0 THEN E'\\n\\n' || b.s3 ELSE '' END,
                '<p>' || b.s1 || ' ' || b.s2 || '</p>' || CASE WHEN p % 3 = 0 THEN '<p>' || b.s3 || '</p>' ELSE '' END,
                t.created_at + (p - 1) * interval '7 minutes'
           FROM (SELECT id, author_id, created_at, post_count,
                        sum(post_count) OVER (ORDER BY id) - post_count AS off
                   FROM threads WHERE id > ${threadBase}) t
          CROSS JOIN LATERAL generate_series(1, t.post_count) p
          CROSS JOIN LATERAL (SELECT ($2::text[])[1 + (t.id * 7 + p * 3) % array_length($2::text[], 1)] AS s1,
                                     ($2::text[])[1 + (t.id * 11 + p * 13) % array_length($2::text[], 1)] AS s2,
                                     ($2::text[])[1 + (t.id + p * 29) % array_length($2::text[], 1)] AS s3) b
          WHERE t.id > ${threadBase + from} AND t.id <= ${threadBase + from + chunk}`,
        [members, SENTENCES],
      );
    }
    await q(`SELECT setval(pg_get_serial_sequence('posts', 'id'), (SELECT max(id) FROM posts))`);
  });
  await step('search indexes of posts and threads', async () => {
    for (const { def } of searchIndexes) await q(def);
  });

  await step('activity feed (as the activity subscriber records it)', async () => {
    await q(
      `INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
       SELECT 'user.registered', id, 'user', id, name, '/membri/' || id, 'public', created_at
         FROM users WHERE handle LIKE 'membro-bench-%'`,
    );
    await q(
      `INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, group_id, audience, created_at)
       SELECT 'group.created', created_by, 'group', id, name, '/gruppi/' || slug, id, 'group', created_at
         FROM groups WHERE slug LIKE 'bench-gruppo-%'`,
    );
    await q(
      `INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, group_id, thread_id, audience, created_at)
       SELECT 'thread.created', author_id, 'thread', id, title, '/discussioni/' || id, group_id, id, 'group', created_at
         FROM threads WHERE id > ${threadBase}`,
    );
    await q(
      `INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, group_id, thread_id, audience, created_at)
       SELECT 'post.created', p.author_id, 'post', p.id, t.title, '/messaggi/' || p.id, t.group_id, t.id, 'group', p.created_at
         FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.id > ${threadBase} AND p.position > 1
        ORDER BY p.created_at`,
    );
  });

  await step(`${N.practices} practices`, () => insertPractices(q, N.practices));

  const shipped = await ids(`SELECT array_agg(id ORDER BY id) AS ids FROM courses`);
  const copies = Math.max(0, Math.ceil((N.courses - shipped.length) / Math.max(1, shipped.length)));
  await step(`${N.courses} courses (copies of the shipped ones) and enrolments`, async () => {
    /** A table's written columns (not the id, not generated ones such as search_vector). */
    const columns = async (table: string) =>
      (
        await q<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = $1 AND column_name <> 'id' AND is_generated = 'NEVER'
            ORDER BY ordinal_position`,
          [table],
        )
      ).map((c) => c.name);
    const copy = async (table: string, from: string, replace: Record<string, string>) => {
      const cols = await columns(table);
      await q(
        `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => replace[c] ?? `x.${c}`).join(', ')} ${from}`,
        [shipped],
      );
    };
    // Course n of the copies of course c: slug "<c>-edizione-<n>", at most N.courses in all.
    await copy(
      'courses',
      `FROM courses x CROSS JOIN generate_series(1, ${copies}) n WHERE x.id = ANY($1::int[])
         AND (array_position($1::int[], x.id) - 1) * ${copies} + n <= ${N.courses - shipped.length}`,
      {
        slug: `x.slug || '-edizione-' || n`,
        title: `x.title || ' (edizione ' || (n + 1) || ')'`,
        source: `'web'`,
        published_at: `x.published_at - n * interval '3 days'`,
      },
    );
    const copyOf = `JOIN courses nc ON nc.slug LIKE c.slug || '-edizione-%' AND c.id = ANY($1::int[])`;
    await copy('course_modules', `FROM course_modules x JOIN courses c ON c.id = x.course_id ${copyOf}`, {
      course_id: 'nc.id',
    });
    await copy(
      'course_lessons',
      `FROM course_lessons x JOIN courses c ON c.id = x.course_id ${copyOf}
        JOIN course_modules m ON m.id = x.module_id JOIN course_modules nm ON nm.course_id = nc.id AND nm.slug = m.slug`,
      { course_id: 'nc.id', module_id: 'nm.id' },
    );
    for (const table of ['course_quizzes', 'course_animators', 'course_files'])
      await copy(table, `FROM ${table} x JOIN courses c ON c.id = x.course_id ${copyOf}`, { course_id: 'nc.id' });
    await q(
      `INSERT INTO course_enrolments (course_id, user_id, status, enrolled_at, last_seen_at)
       SELECT c.id, ($1::int[])[1 + (c.id * 97 + k * 199) % array_length($1::int[], 1)], 'active',
              now() - (k % 60 + 1) * interval '1 day', now() - (k % 30) * interval '1 day'
         FROM courses c CROSS JOIN generate_series(1, ${ENROLMENTS_PER_COURSE}) k
       ON CONFLICT DO NOTHING`,
      [members],
    );
  });

  await step(`${N.articles} articles`, async () => {
    await insertArticles(q, N.articles, 'bench-articolo');
    await q(
      `INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
       SELECT 'article.published', author_id, 'article', id, title, '/notizie/' || slug, 'public', published_at
         FROM articles WHERE slug LIKE 'bench-articolo-%'`,
    );
  });

  // What autovacuum would have done by now on a live site: statistics, visibility map.
  await step('VACUUM ANALYZE', () => database.exec('VACUUM ANALYZE'));
  const [counts] = await q(
    `SELECT (SELECT count(*) FROM users)::int AS members, (SELECT count(*) FROM organizations)::int AS administrations,
            (SELECT count(*) FROM groups)::int AS groups, (SELECT count(*) FROM group_memberships)::int AS memberships,
            (SELECT count(*) FROM threads)::int AS threads, (SELECT count(*) FROM posts)::int AS posts,
            (SELECT count(*) FROM threads WHERE post_count > 1000)::int AS "threadsOver1000",
            (SELECT count(*) FROM activities)::int AS activities,
            (SELECT count(*) FROM practices WHERE status = 'published')::int AS practices,
            (SELECT count(*) FROM courses)::int AS courses, (SELECT count(*) FROM course_lessons)::int AS lessons,
            (SELECT count(*) FROM course_enrolments)::int AS enrolments,
            (SELECT count(*) FROM articles)::int AS articles`,
  );
  const [{ version }] = (await q<{ version: string }>(`SELECT current_setting('server_version') AS version`)) as [
    { version: string },
  ];
  const stamp = `${SEEDED_MARK} ${new Date().toISOString()} scale ${SCALE}`;
  await database.exec(`COMMENT ON TABLE posts IS '${stamp}'`);
  await database.close();
  console.log(`bulk data in ${seconds(t)} s: ${JSON.stringify(counts)}`);
  console.log(
    `${target.kind} ${version}, ${target.name}: done in ${seconds(started)} s; load average at the end ${load()}`,
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
