// Article sections at 10,000 articles: `DATABASE_URL=postgres://… node bench/articles.ts` (the
// database is wiped) or `node bench/articles.ts` (PGlite in memory). Seeds 10,000 published articles
// over the four kinds and seven themes with two tags each, then prints the query time of section
// pages (first page, a page deep in the list by keyset, kind, theme + tag, year), the plan of the
// deep page, and autocannon figures for the pages and the feed.
import { performance } from 'node:perf_hooks';
import { listArticles, type ListFilter } from '../server/features/articles/articles.read.service.ts';
import { insertArticles } from './data.ts';
import { benchRoutes, demoDeps } from './lib.ts';

const COUNT = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const deps = await demoDeps();
const started = performance.now();
await insertArticles((text, params) => deps.database.query(text, params), COUNT);
const [{ n }] = (await deps.database.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')) as [
  { n: number },
];
console.log(
  `seeded ${n} articles in ${((performance.now() - started) / 1000).toFixed(1)} s (driver=${deps.database.kind})`,
);

// A cursor about 9,000 articles down the list: keyset pages cost the same at any depth.
const [{ id: deep }] = (await deps.database.query<{ id: number }>(
  `SELECT id FROM articles WHERE status = 'published' ORDER BY published_at DESC, id DESC OFFSET 9000 LIMIT 1`,
)) as [{ id: number }];
const cases: [string, Omit<ListFilter, 'limit' | 'order'>][] = [
  ['all, first page', {}],
  ['all, page after 9,000', { after: deep }],
  ['all, page before 9,000', { before: deep }],
  ['kind law', { kind: 'law' }],
  ['theme + tag', { theme: 'osservatori', tag: 'dati' }],
  ['year (this year)', { year: new Date().getFullYear() }],
  ['kind + theme + tag + year', { kind: 'news', theme: 'qualita', tag: 'lep', year: new Date().getFullYear() }],
];
console.log('\nsection query (20 rows + tags), ms over', ROUNDS, 'rounds');
console.log('case'.padEnd(28), 'mean'.padStart(7), 'p95'.padStart(7), 'rows'.padStart(5));
for (const [label, filter] of cases) {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    rows = (await listArticles(deps, { order: 'desc', limit: 20, ...filter })).items.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, x) => s + x, 0) / times.length;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  console.log(label.padEnd(28), mean.toFixed(2).padStart(7), p95.toFixed(2).padStart(7), String(rows).padStart(5));
}

const plan = await deps.database.query<{ 'QUERY PLAN': string }>(
  `EXPLAIN ANALYZE SELECT id FROM articles
    WHERE status = 'published' AND (published_at, id) < (SELECT c.published_at, c.id FROM articles c WHERE c.id = $1)
    ORDER BY published_at DESC, id DESC LIMIT 21`,
  [deep],
);
console.log('\nplan of the page after 9,000:');
for (const line of plan) console.log(' ', line['QUERY PLAN']);

console.log('');
await benchRoutes(deps, [
  '/notizie',
  `/notizie?dopo=${deep}`,
  '/notizie/normativa',
  '/notizie?tema=osservatori&tag=dati',
  '/notizie/feed.xml',
  '/api/v1/articles',
]);
process.exit(0);
