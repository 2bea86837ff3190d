// The CI failure of stop 21: a test's TRUNCATE deadlocked with a query the previous test had left
// running ("deadlock detected" in a beforeEach). The deadlock is forced here, not hoped for: another
// connection reads the table TRUNCATE locks last, TRUNCATE waits on it, then that connection reads
// the table TRUNCATE locked first. PostgreSQL aborts the TRUNCATE (it waited first); the reset runs
// it again and empties the tables.
import { expect } from 'chai';
import type { Database } from '../../../models/db.ts';
import { resetDatabase, serverDatabase } from '../../helpers/context.ts';
import { until } from '../../helpers/wait.ts';

describe('races: emptying the test database while a query is still running', function () {
  this.timeout(30_000);
  let database: Database;
  let release = async () => {};

  before(async function () {
    ({ database, release } = await serverDatabase(this));
  });
  after(() => release());

  it('runs the TRUNCATE again when PostgreSQL aborts it to break a deadlock', async () => {
    const tables = await database.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    );
    const first = tables[0]!.name;
    const last = tables.at(-1)!.name;
    await database.exec(
      `INSERT INTO organizations (slug, name) VALUES ('reset-${process.pid}', 'Reset ${process.pid}')`,
    );
    let reset: Promise<number> | undefined;
    const reader = database.withClient(async (c) => {
      await c.exec('BEGIN');
      try {
        await c.query(`SELECT 1 FROM "${last}" LIMIT 1`);
        reset = resetDatabase(database);
        reset.catch(() => {}); // awaited below
        await until('the TRUNCATE to wait on the reader', async () => {
          const [row] = await database.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'TRUNCATE%'`,
          );
          return row!.n > 0;
        });
        await c.query(`SELECT 1 FROM "${first}" LIMIT 1`);
      } finally {
        await c.exec('COMMIT');
      }
    });
    await reader;
    expect(await reset, 'TRUNCATEs run: the first was aborted as a deadlock').to.equal(2);
    const [row] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
    expect(row!.n).to.equal(0);
  });
});
