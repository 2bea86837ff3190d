// Shared by the HTTP benchmarks: a fresh database with the demo content, the app on a local port,
// and autocannon over a list of routes printing one line of figures per route.
import http from 'node:http';
import autocannon from 'autocannon';
import { pino } from 'pino';
import type { Database } from '../models/db.ts';
import { migrate } from '../models/migrate.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/core/db.ts';
import type { Deps } from '../server/core/deps.ts';
import { EventBus } from '../server/core/events.ts';
import { createMailer } from '../server/core/mail.ts';
import { seedDemo } from '../server/demo/seed.ts';

export const settings = {
  url: process.env.DATABASE_URL || 'memory://',
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
};

/** A database reset to the migrated schema (the benchmark database is wiped) with the demo content. */
export async function demoDeps(): Promise<Deps> {
  const database: Database = await openDatabase(settings.url);
  if (database.kind === 'postgres') await database.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await migrate(database);
  const log = pino({ level: 'silent' });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: settings.url, RATE_LIMIT_WRITE_MAX: '1000000' });
  const deps = { config, log, database, bus: new EventBus(log), mailer: createMailer(config, database, log) };
  await seedDemo(deps);
  return deps;
}

/** Serves the app, runs autocannon on each route in turn and prints req/s, p50, p99 and errors. */
export async function benchRoutes(
  deps: Deps,
  routes: string[],
  extra = '',
  headers: Record<string, string> = {},
  close = true,
): Promise<void> {
  const server = http.createServer(createApp(deps)).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const width = Math.max(28, ...routes.map((r) => r.length + 2));
  console.log(`driver=${deps.database.kind}${extra} connections=${settings.connections} duration=${settings.seconds}s`);
  console.log(
    'route'.padEnd(width),
    'req/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'errors'.padStart(7),
  );
  for (const route of routes) {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${route}`,
      connections: settings.connections,
      duration: settings.seconds,
      headers,
    });
    console.log(
      route.padEnd(width),
      result.requests.average.toFixed(0).padStart(8),
      String(result.latency.p50).padStart(8),
      String(result.latency.p99).padStart(8),
      String(result.errors + result.non2xx).padStart(7),
    );
  }
  server.close();
  if (close) await deps.database.close();
}
