// A thread of 1,000 replies: how fast its pages and API answer, first and last page.
// `node bench/thread.ts` (PGlite in memory) or `DATABASE_URL=postgres://… node bench/thread.ts`.
import http from 'node:http';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { migrate } from '../models/migrate.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/core/db.ts';
import { EventBus } from '../server/core/events.ts';
import { createMailer } from '../server/core/mail.ts';
import { renderMarkdown } from '../server/core/markdown.ts';
import { seedDemo } from '../server/demo/seed.ts';

const url = process.env.DATABASE_URL || 'memory://';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const REPLIES = 1000;

const database = await openDatabase(url);
if (database.kind === 'postgres') await database.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
await migrate(database);
const log = pino({ level: 'silent' });
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, RATE_LIMIT_WRITE_MAX: '1000000' });
const deps = { config, log, database, bus: new EventBus(log), mailer: createMailer(config, database, log) };
await seedDemo(deps);

// One thread with 1,000 replies: a third answer an earlier reply, so the order is really threaded.
const [{ id: groupId } = { id: 0 }] = await database.query<{ id: number }>(`SELECT id FROM groups WHERE slug = 'comunita-spi'`);
const authors = (await database.query<{ user_id: number }>('SELECT user_id FROM group_memberships WHERE group_id = $1', [groupId])).map((r) => r.user_id);
const [thread] = await database.query<{ id: number }>(
  `INSERT INTO threads (group_id, author_id, title, post_count, last_position) VALUES ($1, $2, 'Discussione lunga', $3, $3) RETURNING id`,
  [groupId, authors[0], REPLIES + 1],
);
const body = 'Un messaggio di prova con **un po\' di testo**, un elenco:\n\n- primo punto\n- secondo punto\n\ne una chiusura.';
const html = renderMarkdown(body);
const rows: { id: number; path: string; depth: number }[] = [];
const pad = (n: number) => String(n).padStart(6, '0');
for (let position = 1; position <= REPLIES + 1; position++) {
  const parent = position > 2 && position % 3 === 0 ? rows[Math.floor(Math.random() * rows.length)] : undefined;
  const nested = parent && parent.path !== pad(1);
  const path = nested ? `${parent!.path}.${pad(position)}` : pad(position);
  const depth = nested ? parent!.depth + 1 : 0;
  const [row] = await database.query<{ id: number }>(
    `INSERT INTO posts (thread_id, author_id, parent_id, position, depth, sort_path, body, body_html) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [thread!.id, authors[position % authors.length], parent?.id ?? null, position, depth, path, body, html],
  );
  rows.push({ id: row!.id, path, depth });
}

const server = http.createServer(createApp(deps)).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const port = (server.address() as { port: number }).port;
const routes = [`/discussioni/${thread!.id}`, `/discussioni/${thread!.id}?page=21`, `/api/v1/threads/${thread!.id}`, `/api/v1/threads/${thread!.id}?page=21`, '/gruppi/comunita-spi'];
console.log(`driver=${database.kind} replies=${REPLIES} connections=${connections} duration=${seconds}s`);
console.log('route'.padEnd(34), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
for (const route of routes) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}${route}`, connections, duration: seconds });
  console.log(
    route.padEnd(34),
    result.requests.average.toFixed(0).padStart(8),
    String(result.latency.p50).padStart(8),
    String(result.latency.p99).padStart(8),
    String(result.errors + result.non2xx).padStart(7),
  );
}
server.close();
await database.close();
