// Rows of a table read as json inside another statement (json_agg(t), to_json(t)), turned back into
// what Drizzle returns for that table: keys by the schema's names and values through each column's
// own mapping (timestamps become dates again). A page can so read a record and its parts in one
// statement and still hand the rest of the code the same rows as separate queries would.
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

export function rowFromJson<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}

export function rowsFromJson<T extends PgTable>(table: T, json: Record<string, unknown>[]): T['$inferSelect'][] {
  return json.map((row) => rowFromJson(table, row));
}
