// The daily digest: yesterday's notifications (a calendar day in Italian time) in one e-mail for
// each person who chose it. The day is claimed in job_runs, so one process of several does the
// work and a restart does not redo it; each person's digest is claimed in digest_runs before it is
// sent, so nobody receives the same digest twice even if two runs overlap or one dies midway
// (a digest whose process dies between its claim and its send is lost, never duplicated).
import { claimDigest, claimJobRun, finishJobRun } from '../../../models/queries/jobs.ts';
import { digestRecipients, listVisibleNotifications, setEmailed } from '../../../models/queries/notifications.ts';
import type { Deps } from '../../core/deps.ts';
import { fromItalianWallTime, italianDay } from '../../core/time.ts';
import { digestMail } from './notifications.mail.ts';

export const DIGEST_JOB = 'daily_digest';
/** A run claimed this long ago and never finished belonged to a process that died: take it over. */
const STALE_RUN_MS = 60 * 60 * 1000;
/** At most this many notifications are listed in one digest; the rest are counted. */
const DIGEST_MAX_ITEMS = 100;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The instant a day starts in Italy. */
export function italianMidnight(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return fromItalianWallTime({ year, month, day: date, hour: 0, minute: 0, second: 0 })!;
}

/** The period a run at `now` covers: the previous calendar day in Italy, [from, before). */
export function digestPeriod(now: Date): { periodStart: string; from: Date; before: Date } {
  const today = italianDay(now);
  const periodStart = addDays(today, -1);
  return { periodStart, from: italianMidnight(periodStart), before: italianMidnight(today) };
}

export type DigestResult = { period: string; claimed: boolean; digests: number; notifications: number };

/** Sends yesterday's digests unless some process already did (or is doing) it. */
export async function runDailyDigest(deps: Deps, opts: { now?: Date } = {}): Promise<DigestResult> {
  const db = deps.database.db;
  const { periodStart, from, before } = digestPeriod(opts.now ?? new Date());
  const result: DigestResult = { period: periodStart, claimed: false, digests: 0, notifications: 0 };
  if (!(await claimJobRun(db, DIGEST_JOB, periodStart, STALE_RUN_MS))) return result;
  result.claimed = true;

  for (const person of await digestRecipients(db, from, before)) {
    // Only what the person may still read goes into the digest (access can be lost overnight).
    const rows = await listVisibleNotifications(
      db,
      person.id,
      { createdFrom: from, createdBefore: before, notEmailed: true },
      { limit: DIGEST_MAX_ITEMS },
    );
    if (!rows.length) continue;
    const total = rows[0]!.total;
    if (!(await claimDigest(db, person.id, periodStart, total))) continue;
    await deps.mailer.send(digestMail(deps.config, person, rows, total, periodStart));
    await setEmailed(
      db,
      rows.map((r) => r.id),
    );
    result.digests += 1;
    result.notifications += total;
  }
  await finishJobRun(db, DIGEST_JOB, periodStart);
  if (result.digests) deps.log.info(result, 'daily digest sent');
  return result;
}
