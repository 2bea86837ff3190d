// Opens the database named by the configuration: PGlite for file:// and memory://, node-postgres
// for postgres:// URLs. Both expose the same Drizzle query layer and raw SQL helpers.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, Db, SqlClient } from '../../models/db.ts';
import * as schema from '../../models/schema.ts';

export type { Database, Db, Tx, DbOrTx } from '../../models/db.ts';

/**
 * The SQL statements issued inside `statementCounter.run({ statements: 0 }, …)`: through Drizzle
 * (its logger sees every statement, a transaction's BEGIN and COMMIT included) and through the raw
 * helpers. Outside such a run nothing is counted. The query budget of each page is checked with it.
 */
export const statementCounter = new AsyncLocalStorage<{ statements: number }>();
const countStatement = () => {
  const store = statementCounter.getStore();
  if (store) store.statements++;
};
const logger = { logQuery: countStatement };

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** `webOnly`: this process does not deliver domain events (its connections say so, see core/outbox.ts). */
export async function openDatabase(url: string, opts: { webOnly?: boolean } = {}): Promise<Database> {
  return isPostgresUrl(url) ? openPostgres(url, opts.webOnly ?? false) : openPglite(url);
}

async function openPglite(url: string): Promise<Database> {
  let dataDir: string | undefined;
  if (url.startsWith('file://')) {
    dataDir = url.slice('file://'.length);
    await mkdir(dataDir, { recursive: true });
  } else if (url !== 'memory://' && url !== '') {
    throw new Error(`DATABASE_URL non riconosciuto / not understood: ${url} (use postgres://, file:// or memory://)`);
  }
  // Loaded only when used: PGlite's WebAssembly build adds ~200 MB to a process's memory on import,
  // which a deployment on a PostgreSQL server would carry for nothing.
  const [{ PGlite }, { pg_trgm }, { unaccent }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('drizzle-orm/pglite'),
  ]);
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
  const sqlClient: SqlClient = {
    async exec(text) {
      countStatement();
      await client.exec(text);
    },
    async query<T>(text: string, params: unknown[] = []) {
      countStatement();
      return (await client.query<T>(text, params)).rows;
    },
  };
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema, logger }) as unknown as Db,
    ...sqlClient,
    withClient: (fn) => fn(sqlClient),
    instance: '',
    async listen(channel, onNotify) {
      const stop = await client.listen(channel, (payload) => onNotify(payload ?? ''));
      return () => stop();
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string, webOnly: boolean): Promise<Database> {
  // Dates come back as JS Date objects; bigint counts as numbers (they stay far below 2^53).
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  // Each process names its connections, so the events it writes can be told from other processes'.
  const instance = `retespi-${webOnly ? 'web-' : ''}${process.pid}-${randomBytes(4).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: instance });
  // An idle connection dropped by the server (restart, failover, a terminated backend) is an
  // 'error' on the pool; the pool replaces the connection, and the process must not crash.
  pool.on('error', (err) => console.warn(`PostgreSQL connection lost (${err.message}); it will be replaced`));
  const wrap = (c: pg.Pool | pg.PoolClient): SqlClient => ({
    async exec(text) {
      countStatement();
      await c.query(text);
    },
    async query<T>(text: string, params: unknown[] = []) {
      countStatement();
      return (await c.query(text, params)).rows as T[];
    },
  });
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema, logger }) as unknown as Db,
    ...wrap(pool),
    async withClient(fn) {
      const c = await pool.connect();
      try {
        return await fn(wrap(c));
      } finally {
        c.release();
      }
    },
    instance,
    async listen(channel, onNotify) {
      // A connection of its own: LISTEN holds it for as long as the process listens.
      const listener = new pg.Client({ connectionString: url });
      listener.on('error', (err) =>
        console.warn(`PostgreSQL LISTEN connection lost (${err.message}); polling continues`),
      );
      listener.on('notification', (n) => onNotify(n.payload ?? ''));
      await listener.connect();
      await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return () => listener.end().catch(() => {});
    },
    close: () => pool.end(),
  };
}
