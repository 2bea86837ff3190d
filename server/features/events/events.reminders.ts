// The reminder the day before: a job (server/jobs.ts) that, at each check, claims the events starting
// tomorrow (Italian calendar day) not yet reminded and records one `event.reminder_due` per event for
// its registered people; the notifications subscriber tells them (notification, and e-mail per their
// settings). Claim and record share one transaction: a crash leaves the events unclaimed for the next
// run, and of several processes checking at once exactly one claims each event (calendar.ts's claimReminders).
import { claimReminders } from '../../../models/queries/calendar.ts';
import type { Deps } from '../../core/deps.ts';
import { fromItalianWallTime, italianDay } from '../../core/time.ts';

/** The instant an Italian calendar day (YYYY-MM-DD) begins, `plus` days later. */
function dayStart(day: string, plus = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const noon = fromItalianWallTime({ year, month, day: date, hour: 12, minute: 0, second: 0 })!;
  const target = italianDay(new Date(noon.getTime() + plus * 86_400_000));
  const [y, m, d] = target.split('-').map(Number) as [number, number, number];
  return fromItalianWallTime({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 })!;
}

export type ReminderResult = { day: string; events: number; people: number };

/** Records tomorrow's reminders unless some process already did. */
export async function runEventReminders(deps: Deps, opts: { now?: Date } = {}): Promise<ReminderResult> {
  const today = italianDay(opts.now ?? new Date());
  const from = dayStart(today, 1);
  const before = dayStart(today, 2);
  const result = await deps.database.db.transaction(async (tx) => {
    const claimed = await claimReminders(tx, from, before);
    const due = claimed.filter((c) => c.userIds.length);
    if (due.length) await deps.bus.recordAll(tx, 'event.reminder_due', due);
    return { day: italianDay(from), events: claimed.length, people: due.reduce((n, c) => n + c.userIds.length, 0) };
  });
  if (result.events) deps.log.info(result, 'event reminders recorded');
  return result;
}
