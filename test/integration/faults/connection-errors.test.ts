// Which database errors are a lost connection (a 503, see core/http.ts), on errors the real driver
// and Drizzle raise: a terminated backend, a refused connection, a query on a dead client; and
// errors of the statement itself, which are not.
import { expect } from 'chai';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { isConnectionLost } from '../../../server/core/errors.ts';
import { TEST_DATABASE_URL } from '../../helpers/context.ts';
import { until } from '../../helpers/wait.ts';

const failure = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
};

describe('faults: lost database connections told from other errors', function () {
  let victim: pg.Client | undefined;
  let admin: pg.Client | undefined;

  before(async function () {
    // Needs a PostgreSQL server to terminate a backend on: the PostgreSQL pass only (see terminated-connections).
    if (!TEST_DATABASE_URL.startsWith('postgres')) this.skip();
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  after(async () => {
    await victim?.end().catch(() => {});
    await admin?.end();
  });

  it('a terminated backend (57P01), through Drizzle, and the next query on that client', async () => {
    victim = new pg.Client({ connectionString: TEST_DATABASE_URL, application_name: 'faults-victim' });
    victim.on('error', () => {});
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const sleeping = failure(() => drizzle(victim!).execute(sql`SELECT pg_sleep(20)`));
    await until(
      'the sleep to run',
      async () =>
        (await admin!.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep%'`, [pid]))
          .rowCount === 1,
    );
    await admin!.query('SELECT pg_terminate_backend($1)', [pid]);
    const terminated = (await sleeping) as { cause?: { code?: string } };
    expect(terminated.cause?.code).to.equal('57P01');
    expect(isConnectionLost(terminated)).to.equal(true);
    const next = await failure(() => victim!.query('SELECT 1'));
    expect(isConnectionLost(next), String(next)).to.equal(true);
  });

  it('a refused connection', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    server.close();
    await once(server, 'close');
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres' });
    const refused = await failure(() => client.connect());
    expect(isConnectionLost(refused), String(refused)).to.equal(true);
  });

  it('not an error of the statement itself', async () => {
    const db = drizzle(admin!);
    expect(isConnectionLost(await failure(() => db.execute(sql`SELECT * FROM no_such_table`)))).to.equal(false);
    expect(isConnectionLost(await failure(() => db.execute(sql`SELECT 1 / 0`)))).to.equal(false);
    expect(isConnectionLost(new Error('boom'))).to.equal(false);
  });
});
