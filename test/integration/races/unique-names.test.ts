// Issue 10's registration race, and the same check-then-insert pattern elsewhere: two transactions
// that name the same new administration (or take the same slug or handle) at the same moment. The
// interleaving is forced, not hoped for: the first transaction inserts and waits; the second runs
// until PostgreSQL shows it waiting on the first's row; then the first commits. Before the fix the
// second failed with a unique violation, or (when its look-up by name ran before the commit and its
// slug check after) created a second "Comune di …" under another slug.
import { expect } from 'chai';
import { groups, organizations } from '../../../models/schema.ts';
import type { Database } from '../../../models/db.ts';
import { isUniqueViolation } from '../../../server/core/errors.ts';
import { resolveOrganization } from '../../../server/features/accounts/accounts.service.ts';
import { provisionGroup } from '../../../server/features/groups/groups.service.ts';
import { serverDatabase } from '../../helpers/context.ts';
import { until } from '../../helpers/wait.ts';

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

describe('races: two writers naming the same thing at once', function () {
  this.timeout(30_000);
  let database: Database;
  let release = async () => {};

  before(async function () {
    // Two transactions at once need a server: PGlite has one connection and runs them in turn.
    ({ database, release } = await serverDatabase(this));
  });
  after(() => release());

  /** Runs `first` in a transaction that stays open until `second` is blocked behind it. */
  async function interleave<A, B>(first: (tx: Tx) => Promise<A>, second: (tx: Tx) => Promise<B>): Promise<[A, B]> {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wrote = false;
    const a = database.db.transaction(async (tx) => {
      const out = await first(tx);
      wrote = true;
      await gate;
      return out;
    });
    await until('the first transaction to write', async () => wrote);
    const b = database.db.transaction(second);
    b.catch(() => {}); // inspected below, after the release
    await until('the second transaction to wait on the first', async () => {
      const [row] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return row!.n > 0;
    });
    release();
    return Promise.all([a, b]);
  }

  it('gives both registrations the one administration, whatever the case of its name', async () => {
    const name = `Comune di Lanciano ${process.pid}-${Date.now()}`;
    const [a, b] = await interleave(
      (tx) => resolveOrganization(tx, name, 'Abruzzo'),
      (tx) => resolveOrganization(tx, name.toUpperCase(), 'Abruzzo'),
    );
    expect(a.created).to.equal(true);
    expect(b).to.deep.include({ created: false });
    expect(b.org.id).to.equal(a.org.id);
    const rows = await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM organizations WHERE lower(name) = lower($1)',
      [name],
    );
    expect(rows[0]!.n).to.equal(1);
  });

  it('refuses a second administration with the same name in the database itself', async () => {
    const name = `Comune di Ortona ${process.pid}-${Date.now()}`;
    await database.db.insert(organizations).values({ slug: `ortona-${Date.now()}`, name });
    const err = await database.db
      .insert(organizations)
      .values({ slug: `ortona-bis-${Date.now()}`, name: name.toLowerCase() })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err), String(err)).to.equal(true);
  });

  it('gives two groups with the same name created at once a slug each, neither failing', async () => {
    const name = `Tirocini in Abruzzo ${process.pid}-${Date.now()}`;
    const values = { name, description: '', theme: 'generale', visibility: 'public' as const, createdBy: null };
    const [a, b] = await interleave(
      (tx) => provisionGroup(tx, values, []),
      (tx) => provisionGroup(tx, values, []),
    );
    expect(a.slug).not.to.equal(b.slug);
    expect(b.slug).to.equal(`${a.slug}-2`);
    const rows = await database.db.select().from(groups);
    expect(rows.filter((g) => g.name === name)).to.have.length(2);
  });
});
