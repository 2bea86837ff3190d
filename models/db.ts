// One query layer over two drivers: PGlite (embedded, in-process) and node-postgres (a server).
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface SqlClient {
  /** Runs raw SQL text that may hold several statements (migrations, backups). */
  exec(sqlText: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends SqlClient {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Lends one connection for work that must stay on it (session locks, multi-statement scripts). */
  withClient<T>(fn: (client: SqlClient) => Promise<T>): Promise<T>;
  /** This process's name on the database server (its connections' application_name). */
  instance: string;
  /**
   * Calls `onNotify` with the payload of every NOTIFY of `channel` (delivered on commit); resolves to
   * the way to stop. A listening connection lost is reopened, and `onNotify('')` then says that
   * notifications may have been missed meanwhile.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
