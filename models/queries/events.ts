// The domain-event outbox: written by services inside their transactions, claimed and marked by the
// dispatcher (server/core/outbox.ts), listed for admins when deliveries fail.
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { domainEvents, type DomainEventRow } from '../schema.ts';

export type NewDomainEvent = { type: string; payload: unknown; occurredAt?: Date };

export async function insertEvents(db: DbOrTx, events: NewDomainEvent[]): Promise<void> {
  if (!events.length) return;
  await db
    .insert(domainEvents)
    .values(events.map((e) => ({ type: e.type, payload: e.payload, occurredAt: e.occurredAt ?? new Date() })));
}

/**
 * Claims up to `limit` deliverable events (available for at least `minAgeMs`), oldest first, for
 * `leaseMs`: their available_at moves past the lease, so neither this process nor another takes them
 * again unless the lease runs out (a process that died while delivering). SKIP LOCKED lets several
 * processes claim side by side.
 */
export async function claimEvents(db: DbOrTx, limit: number, leaseMs: number, minAgeMs = 0): Promise<DomainEventRow[]> {
  const deliverable = db
    .select({ id: domainEvents.id })
    .from(domainEvents)
    .where(
      and(
        isNull(domainEvents.dispatchedAt),
        lte(domainEvents.availableAt, sql`now() - ${minAgeMs} * interval '1 millisecond'`),
      ),
    )
    .orderBy(asc(domainEvents.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(domainEvents)
    .set({
      availableAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      attempts: sql`${domainEvents.attempts} + 1`,
    })
    .where(inArray(domainEvents.id, deliverable))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

export async function markDispatched(db: DbOrTx, id: number): Promise<void> {
  await db
    .update(domainEvents)
    .set({ dispatchedAt: sql`now()`, lastError: null })
    .where(eq(domainEvents.id, id));
}

export async function markFailed(db: DbOrTx, id: number, error: string, retryInMs: number): Promise<void> {
  await db
    .update(domainEvents)
    .set({ lastError: error.slice(0, 2000), availableAt: sql`now() + ${retryInMs} * interval '1 millisecond'` })
    .where(eq(domainEvents.id, id));
}

/** Events written and not yet delivered (tests wait for none; /admin shows the figure). */
export async function countUndelivered(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(domainEvents).where(isNull(domainEvents.dispatchedAt));
  return row?.n ?? 0;
}

/** Undelivered events whose last delivery failed, most retried first (for admins). */
export async function failingEvents(db: DbOrTx, limit = 50): Promise<DomainEventRow[]> {
  return db
    .select()
    .from(domainEvents)
    .where(and(isNull(domainEvents.dispatchedAt), isNotNull(domainEvents.lastError), gt(domainEvents.attempts, 0)))
    .orderBy(desc(domainEvents.attempts), asc(domainEvents.id))
    .limit(limit);
}

/** Forgets delivered events older than `before` (the outbox is a queue, not an archive). */
export async function pruneDispatched(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(domainEvents).where(and(isNotNull(domainEvents.dispatchedAt), lt(domainEvents.dispatchedAt, before)));
}
