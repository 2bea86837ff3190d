// Page and API throughput with autocannon: `node bench/pages.ts` (PGlite in memory) or
// `DATABASE_URL=postgres://… node bench/pages.ts`. Prints requests/s and latency per route.
import http from 'node:http';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { migrate } from '../models/migrate.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/core/db.ts';
import { EventBus } from '../server/core/events.ts';
import { createMailer } from '../server/core/mail.ts';
import { seedDemo } from '../server/demo/seed.ts';

const url = process.env.DATABASE_URL || 'memory://';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const database = await openDatabase(url);
if (database.kind === 'postgres') await database.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
await migrate(database);
const log = pino({ level: 'silent' });
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url });
const deps = { config, log, database, bus: new EventBus(log), mailer: createMailer(config, database, log) };
await seedDemo(deps);
const [member] = await database.query<{ id: number }>('SELECT id FROM users ORDER BY id LIMIT 1');
const server = http.createServer(createApp(deps)).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const port = (server.address() as { port: number }).port;

const routes = ['/healthz', '/', '/membri', `/membri/${member!.id}`, '/enti', '/gruppi/comunita-spi', '/api/v1/users'];
console.log(`driver=${database.kind} connections=${connections} duration=${seconds}s`);
console.log('route'.padEnd(28), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
for (const route of routes) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}${route}`, connections, duration: seconds });
  console.log(
    route.padEnd(28),
    result.requests.average.toFixed(0).padStart(8),
    String(result.latency.p50).padStart(8),
    String(result.latency.p99).padStart(8),
    String(result.errors + result.non2xx).padStart(7),
  );
}
server.close();
await database.close();
