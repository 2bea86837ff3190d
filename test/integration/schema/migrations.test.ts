import { expect } from 'chai';
import { is, SQL } from 'drizzle-orm';
import { getTableConfig, PgDialect, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import * as schema from '../../../models/schema.ts';
import { testDatabase } from '../../helpers/context.ts';

// The SQL in models/migrations/ builds the database; models/schema.ts declares the same tables to
// Drizzle so that queries are typed. This test reads the catalog of the migrated test database
// (PGlite or PostgreSQL, whichever the suite runs on) and compares it with every table schema.ts
// exports: the set of tables; each column's type, nullability, default and identity; primary keys;
// foreign keys with their ON DELETE/ON UPDATE actions; unique column sets (a UNIQUE constraint or
// a plain unique index, both ways); the value lists of `text(…, { enum })` columns against the
// database's `CHECK (col IN (…))`; and the indexes schema.ts names, which must exist.
// Not compared, because schema.ts does not declare them: secondary indexes, expression or partial
// unique indexes (lower(email), … WHERE resolved_at IS NULL) and other CHECK constraints.
// The generated tsvector columns of full-text search are kept out of the Drizzle tables on purpose
// (models/schema/search.ts lists them in SEARCH_VECTORS): they are checked apart, as generated
// columns with a GIN index, and left out of the table comparison.
//
// Why not drizzle-kit: its programmatic `pushSchema` (drizzle-kit/api 0.31) runs its introspection
// queries through `db.execute(sql.raw(query))`, dropping their parameters, so it fails on both
// drivers ("bind message supplies 0 parameters" on PGlite, "there is no parameter $1" on pg; see
// drizzle-team/drizzle-orm#3535), and `drizzle-kit check` only checks drizzle-kit's own migration
// snapshots, which hand-written SQL migrations do not have.

/** What the comparison sees of one table, as readable strings so that a failure shows the drift. */
type TableShape = {
  columns: Record<string, string>;
  primaryKey: string;
  foreignKeys: string[];
  unique: string[];
  enums: Record<string, string>;
};

const list = (names: readonly string[]) => `(${names.join(', ')})`;
const sortedList = (names: readonly string[]) => list([...names].sort());
const ACTIONS: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/** A default as the catalog prints it, reduced to the literal: casts dropped, JSON canonical. */
function normalizeDefault(expression: string | null, type: string): string | null {
  if (expression === null) return null;
  let value = expression.trim();
  while (/::[\w ]+(\([\d, ]+\))?(\[\])?$/.test(value) && !/^\(.*\)$/.test(value)) {
    value = value.replace(/::[\w ]+(\([\d, ]+\))?(\[\])?$/, '');
  }
  if (/^\(.*\)$/.test(value)) value = value.slice(1, -1);
  if (type.startsWith('json') && /^'.*'$/s.test(value)) {
    value = `'${JSON.stringify(JSON.parse(value.slice(1, -1).replace(/''/g, "'")))}'`;
  }
  if (/^'.*'$/s.test(value) && /^(numeric|integer|smallint|bigint)/.test(type)) value = value.slice(1, -1);
  return value;
}

const dialect = new PgDialect();

/** The default a Drizzle column declares, written as SQL (JS-side `$defaultFn` is no database default). */
function declaredDefault(column: PgColumn): string | null {
  const value: unknown = column.default;
  if (value === undefined) return null;
  if (is(value, SQL)) return dialect.sqlToQuery(value).sql;
  const type = column.getSQLType();
  if (type.startsWith('json')) return `'${JSON.stringify(value)}'`;
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

/** One spelling per type: the catalog says `character varying(80)` where Drizzle says `varchar(80)`. */
const normalizeType = (type: string) =>
  type
    .replace(/,\s*/g, ',')
    .replace(/^character varying/, 'varchar')
    .replace(/^character\b/, 'char')
    .replace(/^timestamp(\(\d\))? without time zone$/, 'timestamp$1')
    .replace(/^time(\(\d\))? without time zone$/, 'time$1');

function describeColumn(type: string, notNull: boolean, defaultSql: string | null, identity: string): string {
  return [
    normalizeType(type),
    notNull ? 'not null' : 'null',
    defaultSql === null ? '' : `default ${defaultSql}`,
    identity,
  ]
    .filter(Boolean)
    .join(' ');
}

function declaredTables(): Record<string, TableShape> {
  const tables: Record<string, TableShape> = {};
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const primaryKey =
      config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
    const shape: TableShape = {
      columns: {},
      primaryKey: sortedList(primaryKey),
      foreignKeys: [],
      unique: [],
      enums: {},
    };
    for (const column of config.columns) {
      const identity = column.generatedIdentity
        ? `identity ${column.generatedIdentity.type === 'always' ? 'always' : 'by default'}`
        : '';
      const type = column.getSQLType();
      const notNull = column.notNull || primaryKey.includes(column.name);
      shape.columns[column.name] = describeColumn(
        type,
        notNull,
        normalizeDefault(declaredDefault(column), type),
        identity,
      );
      if (column.isUnique) shape.unique.push(list([column.name]));
      if (column.enumValues?.length && column.columnType === 'PgText')
        shape.enums[column.name] = sortedList(column.enumValues);
    }
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      shape.foreignKeys.push(
        `${list(ref.columns.map((c) => c.name))} → ${target}${list(ref.foreignColumns.map((c) => c.name))} on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`,
      );
    }
    for (const unique of config.uniqueConstraints) shape.unique.push(list(unique.columns.map((c) => c.name)));
    for (const index of config.indexes) {
      const columns = index.config.columns.map((c) => (is(c, SQL) ? null : (c as PgColumn).name));
      if (index.config.unique && !index.config.where && columns.every((c) => c !== null))
        shape.unique.push(list(columns as string[]));
    }
    shape.foreignKeys.sort();
    shape.unique.sort();
    tables[config.name] = shape;
  }
  return tables;
}

type ColumnRow = {
  table: string;
  column: string;
  type: string;
  not_null: boolean;
  default: string | null;
  identity: string;
  generated: string;
};
type ConstraintRow = {
  table: string;
  type: 'p' | 'f' | 'u' | 'c';
  columns: string[];
  ref_table: string | null;
  ref_columns: string[] | null;
  on_delete: string;
  on_update: string;
  definition: string;
};
type IndexRow = {
  table: string;
  name: string;
  columns: string[];
  unique: boolean;
  partial: boolean;
  expressions: boolean;
  constraint: boolean;
  method: string;
};

/** The same shape, read from the catalog of the migrated database (PostgreSQL 15 and PGlite alike). */
async function actualTables(
  database: Awaited<ReturnType<typeof testDatabase>>,
): Promise<{ tables: Record<string, TableShape>; indexNames: Set<string>; searchColumns: string[] }> {
  const columns = await database.query<ColumnRow>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity::text AS identity,
           a.attgenerated::text AS generated
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> 'schema_migrations'
     ORDER BY c.relname, a.attnum`);
  const names = (keys: string, rel: string) =>
    `ARRAY(SELECT att.attname::text FROM unnest(${keys}) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute att ON att.attrelid = ${rel} AND att.attnum = k.num ORDER BY k.ord)`;
  const constraints = await database.query<ConstraintRow>(`
    SELECT c.relname AS table, con.contype::text AS type, ${names('con.conkey', 'con.conrelid')} AS columns,
           ref.relname AS ref_table, CASE WHEN con.contype = 'f' THEN ${names('con.confkey', 'con.confrelid')} END AS ref_columns,
           con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, pg_get_constraintdef(con.oid) AS definition
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_class ref ON ref.oid = con.confrelid
     WHERE con.contype IN ('p', 'f', 'u', 'c')`);
  const indexes = await database.query<IndexRow>(`
    SELECT t.relname AS table, i.relname AS name, ${names('ix.indkey::int2[]', 'ix.indrelid')} AS columns,
           ix.indisunique AS unique, ix.indpred IS NOT NULL AS partial, ix.indexprs IS NOT NULL AS expressions,
           EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid) AS constraint,
           am.amname AS method
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_am am ON am.oid = i.relam
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'`);

  const tables: Record<string, TableShape> = {};
  const table = (name: string) =>
    (tables[name] ??= { columns: {}, primaryKey: '()', foreignKeys: [], unique: [], enums: {} });
  const searchColumns: string[] = [];
  for (const c of columns) {
    if (schema.SEARCH_VECTORS[c.table] === c.column) {
      searchColumns.push(`${c.table}.${c.column} ${c.type}${c.generated === 's' ? ' generated' : ''}`);
      continue;
    }
    const identity = c.identity === 'a' ? 'identity always' : c.identity === 'd' ? 'identity by default' : '';
    table(c.table).columns[c.column] = describeColumn(
      c.type,
      c.not_null,
      normalizeDefault(c.default, c.type),
      identity,
    );
  }
  for (const con of constraints) {
    if (!tables[con.table]) continue;
    const shape = table(con.table);
    if (con.type === 'p') shape.primaryKey = sortedList(con.columns);
    if (con.type === 'u') shape.unique.push(list(con.columns));
    if (con.type === 'f') {
      shape.foreignKeys.push(
        `${list(con.columns)} → ${con.ref_table}${list(con.ref_columns ?? [])} on delete ${ACTIONS[con.on_delete]} on update ${ACTIONS[con.on_update]}`,
      );
    }
    // CHECK (col IN ('a', 'b')), which PostgreSQL prints as col = ANY (ARRAY['a'::text, 'b'::text]).
    const inList =
      con.type === 'c' && con.columns.length === 1 ? /= ANY \(+ARRAY\[(.*)\]\)/.exec(con.definition) : null;
    if (inList)
      shape.enums[con.columns[0]!] = sortedList(
        [...inList[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")),
      );
  }
  for (const ix of indexes) {
    if (tables[ix.table] && ix.unique && !ix.constraint && !ix.partial && !ix.expressions)
      table(ix.table).unique.push(list(ix.columns));
  }
  for (const shape of Object.values(tables)) {
    shape.foreignKeys.sort();
    shape.unique.sort();
  }
  for (const ix of indexes) {
    const column = schema.SEARCH_VECTORS[ix.table];
    if (column && ix.columns.length === 1 && ix.columns[0] === column && ix.method === 'gin')
      searchColumns.push(`${ix.table}.${column} gin`);
  }
  return { tables, indexNames: new Set(indexes.map((ix) => ix.name)), searchColumns: searchColumns.sort() };
}

describe('migrations and models/schema.ts', () => {
  it('build the same tables, columns, keys, unique column sets and enum checks', async function () {
    this.timeout(60_000);
    const declared = declaredTables();
    const { tables: actual, indexNames, searchColumns } = await actualTables(await testDatabase());

    expect(Object.keys(actual).sort(), 'tables').to.deep.equal(Object.keys(declared).sort());
    // Every table that differs, at once: "+" lines are what schema.ts declares, "-" what the migrations built.
    const differing = Object.keys(declared).filter(
      (name) => JSON.stringify(actual[name]) !== JSON.stringify(declared[name]),
    );
    const only = (tables: Record<string, TableShape>) =>
      Object.fromEntries(differing.map((name) => [name, tables[name]]));
    expect(only(actual), 'migrations (actual) against schema.ts (expected)').to.deep.equal(only(declared));
    const expectedSearch = Object.entries(schema.SEARCH_VECTORS).flatMap(([t, c]) => [
      `${t}.${c} gin`,
      `${t}.${c} tsvector generated`,
    ]);
    expect(searchColumns, 'generated tsvector columns with their GIN index').to.deep.equal(expectedSearch.sort());
    for (const value of Object.values(schema)) {
      if (!is(value, PgTable)) continue;
      for (const index of getTableConfig(value).indexes) {
        expect(indexNames.has(index.config.name ?? ''), `index ${index.config.name} declared in schema.ts`).to.equal(
          true,
        );
      }
    }
  });
});
