// The animators' targets on the network's figures (0025_monitoring.sql), and the audit of who set them.
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { auditLog, monitoringTargets, users } from '../schema.ts';

export type TargetInput = { figure: string; periodFrom: string; periodTo: string; target: number; note: string };

/** The targets whose period overlaps [from, to] (Italian days), with who set them. */
export async function listTargets(db: DbOrTx, from: string, to: string, limit = 50) {
  return db
    .select({
      id: monitoringTargets.id,
      figure: monitoringTargets.figure,
      periodFrom: monitoringTargets.periodFrom,
      periodTo: monitoringTargets.periodTo,
      target: monitoringTargets.target,
      note: monitoringTargets.note,
      updatedAt: monitoringTargets.updatedAt,
      setById: monitoringTargets.setBy,
      setByName: users.name,
    })
    .from(monitoringTargets)
    .leftJoin(users, eq(users.id, monitoringTargets.setBy))
    .where(and(gte(monitoringTargets.periodTo, from), lte(monitoringTargets.periodFrom, to)))
    .orderBy(asc(monitoringTargets.periodFrom), asc(monitoringTargets.figure), asc(monitoringTargets.id))
    .limit(limit);
}

export async function findTarget(db: DbOrTx, id: number) {
  const [row] = await db.select().from(monitoringTargets).where(eq(monitoringTargets.id, id));
  return row ?? null;
}

/** Sets the target of a figure for a period: a new row, or the value of the one already there. */
export async function upsertTarget(db: DbOrTx, input: TargetInput, setBy: number) {
  const [row] = await db
    .insert(monitoringTargets)
    .values({ ...input, setBy })
    .onConflictDoUpdate({
      target: [monitoringTargets.figure, monitoringTargets.periodFrom, monitoringTargets.periodTo],
      set: { target: input.target, note: input.note, setBy, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function deleteTarget(db: DbOrTx, id: number): Promise<void> {
  await db.delete(monitoringTargets).where(eq(monitoringTargets.id, id));
}

/** One line of the audit log (/admin/registro) for a change of a target. */
export async function auditTarget(
  db: DbOrTx,
  actorId: number,
  action: 'target_set' | 'target_removed',
  target: { id: number } & TargetInput,
): Promise<void> {
  await db.insert(auditLog).values({
    actorId,
    action,
    targetType: 'monitoring_target',
    targetId: target.id,
    groupId: null,
    data: {
      figure: target.figure,
      periodFrom: target.periodFrom,
      periodTo: target.periodTo,
      target: target.target,
      note: target.note,
    },
  });
}
