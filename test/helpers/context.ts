// One database per test process (PGlite in memory by default, or the PostgreSQL server named by
// DATABASE_URL), migrated once and emptied between tests.
import { pino } from 'pino';
import type { Database } from '../../models/db.ts';
import { migrate } from '../../models/migrate.ts';
import { seedReferenceData } from '../../models/reference-data.ts';
import { createApp, type App } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { isPostgresUrl, openDatabase } from '../../server/core/db.ts';
import type { Deps } from '../../server/core/deps.ts';
import { EventBus } from '../../server/core/events.ts';
import { createMailer } from '../../server/core/mail.ts';
import { registerSubscribers } from '../../server/subscribers.ts';
import { countUndelivered } from '../../models/queries/events.ts';
import { createDispatcher, type Dispatcher } from '../../server/core/outbox.ts';
import { until } from './wait.ts';
import { missingPrerequisite } from './process.ts';

export const TEST_DATABASE_URL = process.env.DATABASE_URL || 'memory://';

let databasePromise: Promise<Database> | undefined;

async function prepare(url: string): Promise<Database> {
  const database = await openDatabase(url);
  if (isPostgresUrl(url)) {
    const [{ db } = { db: '' }] = await database.query<{ db: string }>('SELECT current_database() AS db');
    if (!/test/i.test(db))
      throw new Error(`Refusing to reset database "${db}": tests only run on a database whose name contains "test"`);
    await database.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  }
  await migrate(database);
  return database;
}

/**
 * A PostgreSQL server database, migrated, for tests of concurrent transactions (PGlite has one
 * connection and runs them in turn): the suite's own on a PostgreSQL run, TEST_POSTGRES_URL's on a
 * PGlite run (or a failure naming what is missing). `release` closes it when it is not the suite's.
 */
export async function serverDatabase(
  context: Mocha.Context,
): Promise<{ database: Database; release: () => Promise<void> }> {
  const url = TEST_DATABASE_URL.startsWith('postgres') ? TEST_DATABASE_URL : process.env.TEST_POSTGRES_URL;
  if (!url) missingPrerequisite(context, 'no PostgreSQL server: set TEST_POSTGRES_URL (or a postgres:// DATABASE_URL)');
  const own = url !== TEST_DATABASE_URL;
  const database = own ? await openDatabase(url) : await testDatabase();
  await migrate(database);
  return { database, release: async () => (own ? database.close() : undefined) };
}

/**
 * A brand-new, empty database (not migrated) for tests that fill one from scratch, such as a
 * restore: a fresh database on the PostgreSQL server when one is named (DATABASE_URL or
 * TEST_POSTGRES_URL), otherwise an in-memory PGlite. The server is preferred because every extra
 * PGlite instance in one process adds WebAssembly code churn, and Node 24's V8 has been seen to
 * abort under it (`jit_page_->allocations_.erase(addr) == 1`, nodejs/node#64500).
 * `drop` closes it and removes it from the server.
 */
export async function emptyDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const server = TEST_DATABASE_URL.startsWith('postgres') ? TEST_DATABASE_URL : process.env.TEST_POSTGRES_URL;
  if (!server) {
    const database = await openDatabase('memory://');
    return { database, drop: () => database.close() };
  }
  const name = `test_empty_${process.pid}_${++emptyCount}`;
  const admin = await openDatabase(server);
  try {
    await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openDatabase(url.toString());
  return {
    database,
    drop: async () => {
      await database.close();
      const again = await openDatabase(server);
      try {
        await again.exec(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await again.close();
      }
    },
  };
}
let emptyCount = 0;

export function testDatabase(): Promise<Database> {
  databasePromise ??= prepare(TEST_DATABASE_URL);
  return databasePromise;
}

/**
 * Empties every table. TRUNCATE locks the tables one by one, so on PostgreSQL it can deadlock with
 * a query the previous test left running (a socket handler still answering after its client went):
 * PostgreSQL then aborts one of the two, and when that is the TRUNCATE it is simply run again.
 */
/** Resolves with the number of TRUNCATEs it took. */
export async function resetDatabase(database: Database): Promise<number> {
  const tables = await database.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  if (!tables.length) return 0;
  const truncate = `TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`;
  for (let attempt = 1; ; attempt++) {
    try {
      await database.exec(truncate);
      await seedReferenceData(database);
      return attempt;
    } catch (err) {
      if ((err as { code?: string }).code !== DEADLOCK_DETECTED || attempt === 5) throw err;
    }
  }
}
const DEADLOCK_DETECTED = '40P01';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    RATE_LIMIT_AUTH_MAX: '10000',
    RATE_LIMIT_WRITE_MAX: '100000',
    ...overrides,
  });
}

export type TestContext = Deps & {
  app: App;
  dispatcher: Dispatcher;
  /** Waits until the outbox is empty: every event recorded so far has been delivered to every subscriber. */
  settle(): Promise<void>;
};

/** The previous test's context: its dispatcher stops (finishing what it delivers) before the tables are emptied. */
let previous: TestContext | undefined;

/** A fresh app on the shared, emptied test database. */
export async function testContext(configOverrides: Record<string, string> = {}): Promise<TestContext> {
  const database = await testDatabase();
  await previous?.dispatcher.stop();
  await resetDatabase(database);
  const config = testConfig(configOverrides);
  const log = pino({ level: 'silent' });
  const deps: Deps = { config, log, database, bus: new EventBus(log), mailer: createMailer(config, database, log) };
  registerSubscribers(deps);
  const dispatcher = createDispatcher(deps, { pollMs: 100 });
  await dispatcher.start();
  const settle = () =>
    until(
      'the outbox to be empty',
      async () => {
        await dispatcher.settle();
        return (await countUndelivered(database.db)) === 0;
      },
      30_000,
    );
  previous = { ...deps, app: createApp(deps), dispatcher, settle };
  return previous;
}
