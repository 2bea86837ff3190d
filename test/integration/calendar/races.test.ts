// Two people taking the last seat at once, on a PostgreSQL server (PGlite runs transactions one at a
// time): the first registration holds the event's row lock while the second is seen waiting on it;
// when the first commits, the second finds the seat taken and goes to the waiting list. Then the
// day-before reminder claimed by two runs at once is recorded once.
import { expect } from 'chai';
import { pino } from 'pino';
import type { Database } from '../../../models/db.ts';
import { lockEvent } from '../../../models/queries/calendar-registrations.ts';
import type { Deps } from '../../../server/core/deps.ts';
import { EventBus } from '../../../server/core/events.ts';
import { register, type RegistrationWords } from '../../../server/features/events/events.registration.service.ts';
import { runEventReminders } from '../../../server/features/events/events.reminders.ts';
import { serverDatabase, testConfig } from '../../helpers/context.ts';
import { until } from '../../helpers/wait.ts';

const WORDS: RegistrationWords = {
  notFound: 'x',
  started: 'x',
  cancelStarted: 'x',
  notRegistered: 'x',
  seatsTaken: 'x',
  seatsTakenField: 'x',
};

describe('races: the last seat of an event, and the reminder', function () {
  this.timeout(30_000);
  let database: Database;
  let release = async () => {};
  const tag = `${process.pid}-${Date.now()}`;

  before(async function () {
    ({ database, release } = await serverDatabase(this));
  });
  after(() => release());

  const person = async (n: number) =>
    (
      await database.query<{ id: number }>(
        `INSERT INTO users (email, name, password_hash, handle) VALUES ($1, $2, 'x', $3) RETURNING id`,
        [`corsa.${n}.${tag}@esempio.it`, `Persona ${n}`, `corsa.${n}.${tag}`],
      )
    )[0]!.id;
  const event = async (startsInHours: number, seats: number | null) =>
    (
      await database.query<{ id: number }>(
        `INSERT INTO calendar_events (kind, title, place, starts_at, ends_at, seats)
         VALUES ('workshop', $1, 'Roma', now() + make_interval(hours => $2), now() + make_interval(hours => $2 + 2), $3) RETURNING id`,
        [`Workshop ${tag}`, startsInHours, seats],
      )
    )[0]!.id;

  it('confirms only one of two people taking the last seat at the same moment', async () => {
    const [first, second] = [await person(1), await person(2)];
    const id = await event(48, 1);
    let firstDone!: () => void;
    let firstHolds = false;
    const holding = new Promise<void>((resolve) => (firstDone = resolve));
    const one = database.db.transaction(async (tx) => {
      const row = (await lockEvent(tx, id))!;
      const result = await register(tx, row, first, WORDS);
      firstHolds = true;
      await holding; // keeps the lock until the second registration is seen waiting for it
      return result;
    });
    await until('the first registration to hold its seat', async () => firstHolds);
    const two = database.db.transaction(async (tx) => register(tx, (await lockEvent(tx, id))!, second, WORDS));
    await until('the second registration to wait on the event’s row lock', async () => {
      const [row] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%calendar_events%for update%'`,
      );
      return row!.n > 0;
    });
    firstDone();
    expect(await one).to.deep.include({ status: 'registered', created: true });
    expect(await two).to.deep.include({ status: 'waiting', position: 1, created: true });
    const rows = await database.query<{ status: string }>(
      'SELECT status FROM event_registrations WHERE event_id = $1 ORDER BY status',
      [id],
    );
    expect(rows.map((r) => r.status)).to.deep.equal(['registered', 'waiting']);
  });

  it('records the day-before reminder once when two processes run the job together', async () => {
    const who = await person(3);
    const id = await event(24, null);
    await database.query(`INSERT INTO event_registrations (event_id, user_id, status) VALUES ($1, $2, 'registered')`, [
      id,
      who,
    ]);
    const deps = (): Deps => {
      const log = pino({ level: 'silent' });
      const config = testConfig();
      return {
        config,
        log,
        database,
        bus: new EventBus(log),
        mailer: { send: async () => {}, sendAll: async () => {} } as unknown as Deps['mailer'],
      };
    };
    const results = await Promise.all([runEventReminders(deps()), runEventReminders(deps())]);
    const [recorded] = await database.query<{ n: number; users: string }>(
      `SELECT count(*)::int AS n, max(payload->>'userIds') AS users FROM domain_events
       WHERE type = 'event.reminder_due' AND (payload->>'eventId')::int = $1`,
      [id],
    );
    expect(recorded).to.deep.equal({ n: 1, users: `[${who}]` });
    expect(
      results.filter((r) => r.events > 0),
      'one run claims it, the other finds it claimed',
    ).to.have.length(1);
    expect((await runEventReminders(deps())).events).to.equal(0);
  });
});
