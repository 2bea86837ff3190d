// Site-wide search under load: GET /api/v1/search on 100,000 posts (5,000 threads in 10 groups, one
// private and two closed, 2,000 members, 100 administrations), served by the real server process
// (`node server/main.ts`, NODE_ENV=production) on PostgreSQL and loaded by autocannon from this
// process; a bare Express route in a process of its own is the yardstick of the same run. Each query
// is measured on its own (p50/p95/p99 from every response's time), then all of them mixed.
// The database named by SEARCH_BENCH_DATABASE_URL (default retespi_search_bench on the local server;
// its name must contain "bench") is dropped and rebuilt: migrations, then rows written in bulk by SQL
// (generate_series over Italian sentences from the seeds' topics).
// `node bench/search.ts`; knobs: BENCH_SECONDS=10 BENCH_CONNECTIONS=10 SEARCH_BENCH_POSTS=100000.
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate } from '../models/migrate.ts';
import { openDatabase } from '../server/core/db.ts';
import { api, ROOT, start, stopAll } from './http.ts';

const DB_URL = process.env.SEARCH_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/retespi_search_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const POSTS = Number(process.env.SEARCH_BENCH_POSTS ?? 100_000);
const THREADS = Math.max(1, Math.round(POSTS / 20));
const PASSWORD = 'search-bench-password';

const dbName = decodeURIComponent(new URL(DB_URL).pathname.slice(1));
if (!/bench/.test(dbName) || !/^[a-z0-9_]+$/.test(dbName))
  throw new Error(
    `SEARCH_BENCH_DATABASE_URL names "${dbName}": the benchmark drops it, so its name must contain "bench"`,
  );
const serverUrl = Object.assign(new URL(DB_URL), { pathname: '/postgres' }).toString();

/** Sentences on the seeds' topics; a post is four of them, picked by its number, plus a place. */
const SENTENCES = [
  'Il Centro per l’impiego ha avviato nuovi tirocini extracurricolari con le imprese del territorio.',
  'Le attività di orientamento di primo livello si svolgono allo sportello su appuntamento.',
  'La dichiarazione di immediata disponibilità (DID) si può rendere anche online sul portale regionale.',
  'Il patto di servizio personalizzato va firmato entro trenta giorni dalla registrazione.',
  'L’osservatorio regionale del mercato del lavoro pubblica ogni trimestre i dati sugli avviamenti.',
  'Nel laboratorio di autovalutazione abbiamo confrontato gli standard di qualità dei servizi.',
  'Il gemellaggio tra le due province ha trasferito la buona pratica della presa in carico integrata.',
  'Gli operatori chiedono una formazione blended sui colloqui di profilazione qualitativa.',
  'Le misure anticrisi prevedono la cassa integrazione in deroga e percorsi di riqualificazione.',
  'Lo sportello unico Labor mette in cooperazione applicativa i sistemi informativi del lavoro.',
  'I livelli essenziali delle prestazioni (LEP) definiscono che cosa ogni CPI deve garantire.',
  'La rete degli osservatori condivide gli indicatori sulla disoccupazione di lunga durata.',
  'Abbiamo aggiornato la scheda anagrafica professionale secondo il decreto legislativo 150/2015.',
  'Il collocamento mirato segue le persone con disabilità nella ricerca di un lavoro adatto.',
  'Il bilancio di competenze aiuta a costruire il libretto formativo del cittadino.',
  'L’incontro tra domanda e offerta di lavoro migliora con la preselezione dei candidati.',
  'I giovani NEET del programma Garanzia Giovani ricevono un’offerta di tirocinio o formazione.',
  'La valutazione dei servizi si basa su questionari di soddisfazione degli utenti.',
  'Le imprese segnalano le vacancy al servizio di intermediazione del centro per l’impiego.',
  'Durante la crisi occupazionale sono cresciute le richieste di ammortizzatori sociali.',
  'Il seminario interregionale ha riunito 960 partecipanti tra operatori e dirigenti.',
  'La community di pratica scambia modelli di lettere, procedure e casi difficili.',
  'Per l’accoglienza degli stranieri servono mediatori culturali e materiali tradotti.',
  'Il monitoraggio delle attività dei CPI usa un cruscotto con grafici mensili.',
  'La Regione ha finanziato corsi di riqualificazione per lavoratori over 50.',
  'Il colloquio di orientamento specialistico dura circa un’ora e si chiude con un piano d’azione.',
  'Gli animatori della rete moderano le discussioni e preparano le sintesi settimanali.',
  'La normativa sull’apprendistato è cambiata di nuovo con l’ultima legge di bilancio.',
  'Nel nostro ufficio la presa in carico dei percettori di sostegno al reddito è integrata.',
  'Chi ha esperienza con l’autoimpiego e il microcredito per le nuove imprese?',
  'Le giornate porte aperte hanno fatto conoscere i servizi alle famiglie del quartiere.',
  'Proponiamo di raccogliere le buone pratiche in un archivio consultabile da tutti gli enti.',
];
const PLACES = [
  'Lucca',
  'Firenze',
  'Teramo',
  'Pescara',
  'Bari',
  'Lecce',
  'Torino',
  'Cuneo',
  'Bologna',
  'Modena',
  'Perugia',
  'Terni',
  'Ancona',
  'Macerata',
  'Napoli',
  'Salerno',
  'Palermo',
  'Catania',
  'Cagliari',
  'Sassari',
  'Trento',
  'Bolzano',
  'Udine',
  'Trieste',
  'Genova',
  'Savona',
  'Potenza',
  'Matera',
  'Campobasso',
  'Aosta',
];

async function buildDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const database = await openDatabase(DB_URL);
  await migrate(database);
  const started = performance.now();
  const q = (text: string, params: unknown[] = []) => database.query(text, params);
  await q(
    `INSERT INTO organizations (slug, name, kind, region)
     SELECT 'cpi-' || i, 'Centro per l''impiego di ' || ($1::text[])[1 + i % 30] || ' ' || i, 'cpi', 'Toscana'
       FROM generate_series(1, 100) i`,
    [PLACES],
  );
  await q(
    `INSERT INTO users (name, email, handle, job_title, region, organization_id)
     SELECT 'Operatore ' || i, 'operatore' || i || '@bench.example.it', 'operatore' || i,
            (ARRAY['Orientatore', 'Operatrice dell''accoglienza', 'Analista del mercato del lavoro', 'Responsabile CPI'])[1 + i % 4],
            'Toscana', 1 + i % 100
       FROM generate_series(1, 2000) i`,
  );
  // Ten groups: seven public, two closed, one private; every member of the first 200 in each.
  await q(
    `INSERT INTO groups (slug, name, description, visibility)
     SELECT 'gruppo-' || i, 'Gruppo ' || i, 'Un gruppo di lavoro.',
            CASE WHEN i = 10 THEN 'private' WHEN i >= 8 THEN 'closed' ELSE 'public' END
       FROM generate_series(1, 10) i`,
  );
  await q(
    `INSERT INTO group_memberships (group_id, user_id, role, status)
     SELECT g, u, 'member', 'active' FROM generate_series(1, 10) g, generate_series(1, 200) u`,
  );
  const pick = (n: string, k: number) => `($1::text[])[1 + ((${n} * ${k}) % array_length($1::text[], 1))]`;
  await q(
    `INSERT INTO threads (group_id, author_id, title, post_count, last_position)
     SELECT 1 + i % 10, 1 + i % 2000, left(${pick('i', 7)}, 90), ceil(${POSTS}::numeric / ${THREADS}), ceil(${POSTS}::numeric / ${THREADS})
       FROM generate_series(1, ${THREADS}) i`,
    [SENTENCES],
  );
  await q(
    `INSERT INTO posts (thread_id, author_id, position, sort_path, body, body_html, hidden_at, deleted_at)
     SELECT 1 + (i - 1) % ${THREADS}, 1 + i % 2000, 1 + (i - 1) / ${THREADS}, lpad((1 + (i - 1) / ${THREADS})::text, 6, '0'),
            b.body, '<p>' || b.body || '</p>',
            CASE WHEN i % 97 = 0 THEN now() END, CASE WHEN i % 89 = 0 THEN now() END
       FROM generate_series(1, ${POSTS}) i
      CROSS JOIN LATERAL (SELECT ${pick('i', 31)} || ' ' || ${pick('i', 17)} || ' A ' || ($2::text[])[1 + (i * 13) % 30]
                                 || ' ' || ${pick('i', 11)} || ' ' || ${pick('i + 5', 3)} AS body) b`,
    [SENTENCES, PLACES],
  );
  // What autovacuum would have done by now on a live site: statistics, visibility map.
  await database.exec('VACUUM ANALYZE');
  const [counts] = await q(
    `SELECT (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM threads)::int AS threads,
            pg_size_pretty(pg_relation_size('posts_search_idx')) AS index`,
  );
  console.log(
    `seeded ${JSON.stringify(counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s (PostgreSQL ${(await q('SHOW server_version'))[0]!.server_version})`,
  );
  await database.close();
}

const YARDSTICK = `
const express = require('express');
const app = express();
app.get('/search', (req, res) => res.json({ results: [], facets: {}, total: 0, q: req.query.q }));
const server = app.listen(0, '127.0.0.1', () => console.log('PORT=' + server.address().port));
`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Loads `paths` (each connection cycles through them) and prints req/s and p50/p95/p99 of every response. */
async function measure(label: string, base: string, paths: string[], headers: Record<string, string> = {}) {
  const times: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers,
        requests: paths.map((p) => ({ method: 'GET', path: p })),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  console.log(
    label.padEnd(46),
    r.requests.average.toFixed(0).padStart(7),
    percentile(times, 50).toFixed(1).padStart(8),
    percentile(times, 95).toFixed(1).padStart(8),
    percentile(times, 99).toFixed(1).padStart(8),
    String(r.errors + r.non2xx).padStart(7),
  );
  return percentile(times, 95);
}

const QUERIES = [
  'tirocini',
  'attivita orientamento',
  '"centro per l’impiego"',
  'Lucca',
  'lavoro',
  'gemellaggio -osservatorio',
];
const searchPath = (q: string) => `/api/v1/search?q=${encodeURIComponent(q)}`;

try {
  await buildDatabase();
  const env = { DATABASE_URL: DB_URL, DEMO_CONTENT: 'never', LOG_LEVEL: 'warn' };
  const cli = spawn(
    process.execPath,
    [
      'server/cli.ts',
      'user:create',
      '--email',
      'membro@bench.example.it',
      '--name',
      'Membro Bench',
      '--password',
      PASSWORD,
      '--role',
      'member',
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' },
  );
  await new Promise((resolve) => cli.on('exit', resolve));
  const appPort = await start(['server/main.ts'], {
    ...env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SESSION_SECRET: 'search-bench-session-secret-0123456789',
    RATE_LIMIT_AUTH_MAX: '1000000',
  });
  const barePort = await start(['-e', YARDSTICK], {
    NODE_ENV: 'production',
    NODE_PATH: path.join(ROOT, 'node_modules'),
  });
  const base = `http://127.0.0.1:${appPort}`;
  const { token } = await api<{ token: string }>(base, 'POST', '/api/v1/auth/token', {
    email: 'membro@bench.example.it',
    password: PASSWORD,
  });
  // Put the member in the private and a closed group: their searches take the membership path of the rule.
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  await c.query(
    `INSERT INTO group_memberships (group_id, user_id, role, status)
     SELECT g.id, u.id, 'member', 'active' FROM groups g, users u WHERE u.email = 'membro@bench.example.it' AND g.slug IN ('gruppo-8', 'gruppo-10')`,
  );
  for (const q of QUERIES) {
    const body = await api<{ total: number; facets: Record<string, number> }>(base, 'GET', searchPath(q));
    console.log(`  ${q}: ${body.total} matches (${JSON.stringify(body.facets)})`);
  }
  await c.end();

  console.log(
    `search: NODE_ENV=production, PostgreSQL, ${POSTS} posts, connections=${CONNECTIONS}, ${SECONDS}s per line`,
  );
  console.log(
    'route'.padEnd(46),
    'req/s'.padStart(7),
    'p50 ms'.padStart(8),
    'p95 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'errors'.padStart(7),
  );
  await measure('bare Express GET /search (yardstick)', `http://127.0.0.1:${barePort}`, ['/search?q=tirocini']);
  const p95s: number[] = [];
  for (const q of QUERIES) p95s.push(await measure(`search ${q}`, base, [searchPath(q)]));
  p95s.push(await measure('search, all queries mixed (anonymous)', base, QUERIES.map(searchPath)));
  p95s.push(
    await measure('search, all queries mixed (member, private group)', base, QUERIES.map(searchPath), {
      authorization: `Bearer ${token}`,
    }),
  );
  p95s.push(await measure('search, page 3 of "tirocini"', base, [`${searchPath('tirocini')}&page=3`]));
  console.log(`worst p95: ${Math.max(...p95s).toFixed(1)} ms (target < 50 ms)`);
} finally {
  stopAll();
}
