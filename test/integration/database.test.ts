import { expect } from 'chai';
import { migrate, listMigrations } from '../../models/migrate.ts';
import { openDatabase } from '../../server/core/db.ts';
import { testDatabase, TEST_DATABASE_URL } from '../helpers/context.ts';
import { missingPrerequisite } from '../helpers/process.ts';

// Both drivers run the same migrations and the same queries. The suite as a whole runs on the
// driver named by DATABASE_URL; this file also checks the other one on the server named by
// TEST_POSTGRES_URL (and fails without one).
const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres')
  ? process.env.DATABASE_URL
  : process.env.TEST_POSTGRES_URL;

describe('database drivers', function () {
  this.timeout(60_000);

  const check = async (url: string) => {
    const database = url === TEST_DATABASE_URL ? await testDatabase() : await openDatabase(url);
    try {
      await migrate(database);
      expect(await migrate(database), 'a second run applies nothing').to.deep.equal([]);
      const applied = (await database.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map(
        (r) => r.name,
      );
      expect(applied).to.deep.equal(await listMigrations());
      const [row] = await database.query<{ ok: boolean }>(
        `SELECT to_tsvector('italian', 'tirocini formativi') @@ plainto_tsquery('italian', 'tirocinio') AS ok`,
      );
      expect(row!.ok).to.equal(true);
      const rolledBack = await database.db
        .transaction(async (tx) => {
          await tx.execute(`INSERT INTO organizations (slug, name) VALUES ('tx-test', 'Transazione')` as never);
          throw new Error('rollback');
        })
        .catch((e: Error) => e.message);
      expect(rolledBack).to.equal('rollback');
      expect(await database.query(`SELECT 1 FROM organizations WHERE slug = 'tx-test'`)).to.have.length(0);
      return database.kind;
    } finally {
      if (url !== TEST_DATABASE_URL) await database.close();
    }
  };

  it('PGlite (embedded): migrates, searches Italian text, rolls back transactions', async () => {
    expect(await check('memory://')).to.equal('pglite');
  });

  it('PostgreSQL server (node-postgres): the same', async function () {
    // Only reachable when DATABASE_URL or TEST_POSTGRES_URL names a server (CI must set one).
    if (!POSTGRES_URL)
      missingPrerequisite(this, 'no PostgreSQL server: set TEST_POSTGRES_URL (or a postgres:// DATABASE_URL)');
    expect(await check(POSTGRES_URL!)).to.equal('postgres');
  });
});
