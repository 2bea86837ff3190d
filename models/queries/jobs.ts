// Claims for scheduled work. A claim is a row whose primary key says what was done; inserting it
// with ON CONFLICT DO NOTHING RETURNING tells exactly one process (or one run) that the work is its.
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { digestRuns, jobRuns } from '../schema.ts';

/**
 * Claims a job run (e.g. the digest of one day). Also takes over a run claimed more than
 * `staleAfterMs` ago that never finished (its process died): the per-item claims inside the job
 * keep that from doing anything twice.
 */
export async function claimJobRun(db: DbOrTx, name: string, runKey: string, staleAfterMs: number): Promise<boolean> {
  const inserted = await db
    .insert(jobRuns)
    .values({ name, runKey })
    .onConflictDoNothing()
    .returning({ name: jobRuns.name });
  if (inserted.length) return true;
  const staleBefore = new Date(Date.now() - staleAfterMs);
  const taken = await db
    .update(jobRuns)
    .set({ startedAt: new Date() })
    .where(
      and(
        eq(jobRuns.name, name),
        eq(jobRuns.runKey, runKey),
        isNull(jobRuns.finishedAt),
        lt(jobRuns.startedAt, staleBefore),
      ),
    )
    .returning({ name: jobRuns.name });
  return taken.length > 0;
}

export async function finishJobRun(db: DbOrTx, name: string, runKey: string): Promise<void> {
  await db
    .update(jobRuns)
    .set({ finishedAt: new Date() })
    .where(and(eq(jobRuns.name, name), eq(jobRuns.runKey, runKey)));
}

/** Claims one person's digest for one period; false when it was already sent (or is being sent). */
export async function claimDigest(db: DbOrTx, userId: number, periodStart: string, count: number): Promise<boolean> {
  const rows = await db
    .insert(digestRuns)
    .values({ userId, periodStart, notificationCount: count })
    .onConflictDoNothing()
    .returning({ userId: digestRuns.userId });
  return rows.length > 0;
}
