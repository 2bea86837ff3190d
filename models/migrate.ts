// Versioned SQL migrations: files NNNN_name.sql applied in order, each in its own transaction,
// recorded in schema_migrations. An advisory lock keeps concurrent starts from racing.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database, SqlClient } from './db.ts';
import { seedReferenceData } from './reference-data.ts';

export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
const LOCK_KEY = 724_100_001;

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
}

/** Applies every migration not yet recorded; returns the names applied now. */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  return database.withClient((client) => migrateOn(client, dir));
}

async function migrateOn(database: SqlClient, dir: string): Promise<string[]> {
  // Lock first: two processes running CREATE TABLE IF NOT EXISTS at once can still collide in the
  // catalog (duplicate key in pg_type) on an empty database.
  await database.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await database.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const name of await listMigrations(dir)) {
      if (done.has(name)) continue;
      const body = await readFile(path.join(dir, name), 'utf8');
      const quoted = name.replace(/'/g, "''");
      await database.exec(`BEGIN;\n${body}\n;INSERT INTO schema_migrations (name) VALUES ('${quoted}');\nCOMMIT;`);
      applied.push(name);
    }
    await seedReferenceData(database);
    return applied;
  } catch (err) {
    await database.exec('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await database.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
