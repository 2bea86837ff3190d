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
  // A connection lent out (a transaction between two statements, a migration) is no longer the
  // pool's to watch: dropped then, its 'error' event would have no listener and end the process.
  // The statement in progress or the next one fails instead (a 503, see core/http.ts), and the
  // connection, no longer queryable, leaves the pool when it is given back.
  pool.on('connect', (client) => {
    client.on('error', (err) => console.warn(`PostgreSQL connection lost while in use (${err.message})`));
  });
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
      // A connection of its own: LISTEN holds it for as long as the process listens. Lost (a
      // terminated backend, a restarted server), it is opened again, 1 s later, then 2, 4 … up to
      // 30 s while that fails; meanwhile the dispatcher's polling delivers what the wake-ups miss.
      let current: pg.Client | undefined;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      let delay = 1000;
      const open = async (reopening: boolean) => {
        const listener = new pg.Client({ connectionString: url });
        listener.on('notification', (n) => onNotify(n.payload ?? ''));
        listener.on('error', (err) => lost(listener, err));
        listener.on('end', () => lost(listener));
        try {
          await listener.connect();
          await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (err) {
          listener.end().catch(() => {});
          throw err;
        }
        if (stopped) return void listener.end().catch(() => {});
        current = listener;
        delay = 1000;
        // Whatever was notified while the connection was away is unknown (a page cache empties).
        if (reopening) onNotify('');
      };
      const reopen = () => {
        retry = setTimeout(() => {
          open(true).catch((err: Error) => {
            console.warn(`PostgreSQL LISTEN connection not reopened (${err.message}); retrying`);
            if (!stopped) reopen();
          });
        }, delay);
        retry.unref();
        delay = Math.min(delay * 2, 30_000);
      };
      const lost = (listener: pg.Client, err?: Error) => {
        if (stopped || listener !== current) return;
        current = undefined;
        console.warn(`PostgreSQL LISTEN connection lost (${err?.message ?? 'ended'}); reopening it, polling continues`);
        listener.end().catch(() => {});
        reopen();
      };
      await open(false);
      return async () => {
        stopped = true;
        clearTimeout(retry);
        await current?.end().catch(() => {});
      };
    },
    close: () => pool.end(),
  };
}
