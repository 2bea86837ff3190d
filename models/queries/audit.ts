// The moderation audit log: who did what, when and why.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { auditLog, groups, users } from '../schema.ts';

export type AuditEntry = {
  actorId: number;
  action: string;
  targetType: 'post' | 'thread' | 'group' | 'membership' | 'flag';
  targetId: number;
  groupId: number | null;
  reason?: string | null;
  data?: Record<string, unknown>;
};

export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, reason: entry.reason ?? null, data: entry.data ?? {} });
}

/** The log of one group (a number), of some groups (an array) or of all (null). */
export async function listAudit(db: DbOrTx, groupId: number | number[] | null, limit = 100) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      reason: auditLog.reason,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.name,
      groupSlug: groups.slug,
      groupName: groups.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(groups, eq(groups.id, auditLog.groupId))
    .where(
      groupId === null
        ? undefined
        : Array.isArray(groupId)
          ? groupId.length
            ? inArray(auditLog.groupId, groupId)
            : sql`false`
          : eq(auditLog.groupId, groupId),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
