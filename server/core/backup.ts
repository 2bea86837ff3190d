// Logical backup and restore through the query layer, so it works the same on PGlite and on a
// PostgreSQL server: every table's rows as JSON, restored in foreign-key order in one transaction.
import { readFile, writeFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Database } from '../../models/db.ts';
import { migrate } from '../../models/migrate.ts';
import { REFERENCE_TABLES } from '../../models/reference-data.ts';
import { recountGroupMembers } from '../../models/queries/groups.ts';

export const BACKUP_FORMAT = 'rete-spi-backup';
const SKIP = new Set(['schema_migrations']);

type BackupFile = {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: Record<string, unknown[]>;
};

export class BackupError extends Error {}

/** Rows of a raw query, whichever driver ran it (both return `{ rows }`). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** Public tables ordered so that every table comes after the tables it references. */
export async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  const tables = (
    await database.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )
  )
    .map((r) => r.name)
    .filter((n) => !SKIP.has(n));
  const edges = await database.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) {
    const child = e.child.replace(/^public\.|"/g, '');
    const parent = e.parent.replace(/^public\.|"/g, '');
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/**
 * Each table's stored columns: generated ones (the search vectors) are computed by the database,
 * so a backup leaves them out and a restore may not write them.
 */
async function storedColumns(database: Database): Promise<Map<string, string[]>> {
  const rows = await database.query<{ table: string; column: string }>(
    `SELECT table_name AS table, column_name AS column FROM information_schema.columns
      WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
  );
  const columns = new Map<string, string[]>();
  for (const r of rows) columns.set(r.table, [...(columns.get(r.table) ?? []), r.column]);
  return columns;
}

const columnList = (names: string[]) =>
  sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );

export async function backup(database: Database, file: string): Promise<Record<string, number>> {
  const tables: Record<string, unknown[]> = {};
  const counts: Record<string, number> = {};
  // Read outside the transaction: PGlite has one connection, which the transaction holds.
  const order = await tablesInDependencyOrder(database);
  const columns = await storedColumns(database);
  const data = await database.db.transaction(async (tx) => {
    // One snapshot for all tables, so the backup is consistent while the app keeps running.
    if (database.kind === 'postgres') await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    for (const table of order) {
      const result = await tx.execute(
        sql`SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM (SELECT ${columnList(columns.get(table) ?? [])} FROM ${sql.identifier(table)}) t`,
      );
      const raw = rowsOf<{ rows: unknown }>(result)[0]!.rows;
      tables[table] = typeof raw === 'string' ? JSON.parse(raw) : (raw as unknown[]);
      counts[table] = tables[table]!.length;
    }
    const migrations = await tx.execute(sql`SELECT name FROM schema_migrations ORDER BY name`);
    return rowsOf<{ name: string }>(migrations).map((r) => r.name);
  });
  const content: BackupFile = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    migrations: data,
    tables,
  };
  // Password hashes, e-mail addresses and live sessions: readable by the owner only.
  await writeFile(file, JSON.stringify(content), { mode: 0o600 });
  return counts;
}

/** Restores a backup into an empty database (migrated first); refuses to mix with existing data. */
export async function restore(database: Database, file: string): Promise<Record<string, number>> {
  let content: BackupFile;
  try {
    content = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new BackupError(`Impossibile leggere il backup / cannot read the backup ${file}: ${(err as Error).message}`);
  }
  if (content?.format !== BACKUP_FORMAT || typeof content.tables !== 'object') {
    throw new BackupError(`${file} non è un backup di Rete SPI / is not a Rete SPI backup`);
  }
  await migrate(database);
  const known = new Set(
    (await database.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
  );
  const newer = content.migrations.filter((m) => !known.has(m));
  if (newer.length)
    throw new BackupError(
      `Il backup viene da una versione più recente / the backup needs migrations: ${newer.join(', ')}`,
    );

  const order = await tablesInDependencyOrder(database);
  const unknownTables = Object.keys(content.tables).filter((t) => !order.includes(t));
  if (unknownTables.length) throw new BackupError(`Tabelle sconosciute / unknown tables: ${unknownTables.join(', ')}`);

  const counts: Record<string, number> = {};
  const columns = await storedColumns(database);
  await database.db.transaction(async (tx) => {
    for (const table of order) {
      if (REFERENCE_TABLES.has(table)) continue;
      const result = await tx.execute(sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(table)}) AS used`);
      if (rowsOf<{ used: boolean }>(result)[0]!.used) {
        throw new BackupError(
          `Il database non è vuoto (tabella ${table}) / the database is not empty (table ${table})`,
        );
      }
    }
    // The defaults the migration step wrote give way to the backup's own rows.
    for (const table of REFERENCE_TABLES) await tx.execute(sql`DELETE FROM ${sql.identifier(table)}`);
    for (const table of order) {
      const rows = content.tables[table] ?? [];
      counts[table] = rows.length;
      if (!rows.length) continue;
      await tx.execute(
        sql`INSERT INTO ${sql.identifier(table)} (${columnList(columns.get(table) ?? [])})
              SELECT ${columnList(columns.get(table) ?? [])} FROM jsonb_populate_recordset(NULL::${sql.identifier(table)}, ${JSON.stringify(rows)}::jsonb)`,
      );
    }
    // Counts kept by triggers counted the restored rows once more: count them afresh.
    await recountGroupMembers(tx);
    // Identity columns continue after the highest restored id.
    const identities = await tx.execute(
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`,
    );
    for (const row of rowsOf<{ table_name: string; column_name: string }>(identities)) {
      if (SKIP.has(row.table_name)) continue;
      await tx.execute(
        sql`SELECT setval(pg_get_serial_sequence(${`public.${row.table_name}`}, ${row.column_name}),
              coalesce((SELECT max(${sql.identifier(row.column_name)}) FROM ${sql.identifier(row.table_name)}), 0) + 1, false)`,
      );
    }
  });
  return counts;
}
