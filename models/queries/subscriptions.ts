// Who follows which thread or group.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { subscriptions } from '../schema.ts';

export type Target = { targetType: 'thread' | 'group' | 'user'; targetId: number };

export async function subscribe(db: DbOrTx, userId: number, target: Target): Promise<void> {
  await db
    .insert(subscriptions)
    .values({ userId, ...target })
    .onConflictDoNothing();
}

export async function unsubscribe(db: DbOrTx, userId: number, target: Target): Promise<void> {
  await db
    .delete(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, userId),
        eq(subscriptions.targetType, target.targetType),
        eq(subscriptions.targetId, target.targetId),
      ),
    );
}

export async function isSubscribed(db: DbOrTx, userId: number, target: Target): Promise<boolean> {
  const [row] = await db
    .select({ userId: subscriptions.userId })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, userId),
        eq(subscriptions.targetType, target.targetType),
        eq(subscriptions.targetId, target.targetId),
      ),
    );
  return Boolean(row);
}

/** Drops a person's follows of a group's threads (when they can no longer read the group). */
export async function unsubscribeGroupThreads(db: DbOrTx, userId: number, groupId: number): Promise<void> {
  await db
    .delete(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, userId),
        eq(subscriptions.targetType, 'thread'),
        sql`${subscriptions.targetId} IN (SELECT id FROM threads WHERE group_id = ${groupId})`,
      ),
    );
}
