// Queries on a twinning's transfer models, milestones, participants and outcomes (0023_twinnings.sql).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  organizations,
  twinningMilestones,
  twinningModels,
  twinningOutcomes,
  twinningParticipants,
  users,
  type TwinningMilestone,
  type TwinningModel,
} from '../schema.ts';

export async function insertModel(db: DbOrTx, values: typeof twinningModels.$inferInsert): Promise<TwinningModel> {
  const [row] = await db.insert(twinningModels).values(values).returning();
  return row!;
}

export async function modelsOf(db: DbOrTx, twinningId: number) {
  return db
    .select()
    .from(twinningModels)
    .where(eq(twinningModels.twinningId, twinningId))
    .orderBy(asc(twinningModels.code));
}

export async function findModelByCode(db: DbOrTx, twinningId: number, code: string) {
  const [row] = await db
    .select()
    .from(twinningModels)
    .where(and(eq(twinningModels.twinningId, twinningId), eq(twinningModels.code, code)));
  return row;
}

export async function insertMilestone(
  db: DbOrTx,
  values: typeof twinningMilestones.$inferInsert,
): Promise<TwinningMilestone> {
  const [row] = await db.insert(twinningMilestones).values(values).returning();
  return row!;
}

export async function updateMilestone(
  db: DbOrTx,
  id: number,
  values: Partial<typeof twinningMilestones.$inferInsert>,
): Promise<TwinningMilestone> {
  const [row] = await db
    .update(twinningMilestones)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(twinningMilestones.id, id))
    .returning();
  return row!;
}

/** A milestone of this twinning, locked for its change. */
export async function findMilestone(db: DbOrTx, twinningId: number, id: number) {
  const [row] = await db
    .select({ milestone: twinningMilestones, modelCode: twinningModels.code })
    .from(twinningMilestones)
    .innerJoin(twinningModels, eq(twinningModels.id, twinningMilestones.modelId))
    .where(and(eq(twinningMilestones.id, id), eq(twinningModels.twinningId, twinningId)))
    .for('update', { of: twinningMilestones });
  return row;
}

export async function milestonesOf(db: DbOrTx, twinningId: number) {
  return db
    .select({ milestone: twinningMilestones, modelId: twinningModels.id })
    .from(twinningMilestones)
    .innerJoin(twinningModels, eq(twinningModels.id, twinningMilestones.modelId))
    .where(eq(twinningModels.twinningId, twinningId))
    .orderBy(asc(twinningMilestones.dueOn), asc(twinningMilestones.id))
    .then((rows) => rows.map((r) => r.milestone));
}

/** The earliest milestone due day of a twinning (a new start may not come after it). */
export async function earliestDue(db: DbOrTx, twinningId: number): Promise<string | null> {
  const [row] = await db
    .select({ due: sql<string | null>`min(${twinningMilestones.dueOn})::text` })
    .from(twinningMilestones)
    .innerJoin(twinningModels, eq(twinningModels.id, twinningMilestones.modelId))
    .where(eq(twinningModels.twinningId, twinningId));
  return row?.due ?? null;
}

// --- participants --------------------------------------------------------------------------------

export async function upsertParticipant(db: DbOrTx, values: typeof twinningParticipants.$inferInsert) {
  const [row] = await db
    .insert(twinningParticipants)
    .values(values)
    .onConflictDoUpdate({
      target: [twinningParticipants.twinningId, twinningParticipants.userId],
      set: { role: values.role, organizationId: values.organizationId ?? null },
    })
    .returning();
  return row!;
}

export async function deleteParticipant(db: DbOrTx, twinningId: number, userId: number): Promise<boolean> {
  const rows = await db
    .delete(twinningParticipants)
    .where(and(eq(twinningParticipants.twinningId, twinningId), eq(twinningParticipants.userId, userId)))
    .returning();
  return rows.length > 0;
}

export async function findParticipant(db: DbOrTx, twinningId: number, userId: number) {
  const [row] = await db
    .select()
    .from(twinningParticipants)
    .where(and(eq(twinningParticipants.twinningId, twinningId), eq(twinningParticipants.userId, userId)));
  return row;
}

export async function participantsOf(db: DbOrTx, twinningId: number) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      role: twinningParticipants.role,
      organizationId: twinningParticipants.organizationId,
      organizationName: organizations.name,
      joinedAt: twinningParticipants.joinedAt,
    })
    .from(twinningParticipants)
    .innerJoin(users, eq(users.id, twinningParticipants.userId))
    .leftJoin(organizations, eq(organizations.id, twinningParticipants.organizationId))
    .where(eq(twinningParticipants.twinningId, twinningId))
    .orderBy(asc(twinningParticipants.joinedAt), asc(users.id));
}

// --- outcomes ------------------------------------------------------------------------------------

export async function upsertOutcome(db: DbOrTx, values: typeof twinningOutcomes.$inferInsert) {
  const [row] = await db
    .insert(twinningOutcomes)
    .values(values)
    .onConflictDoUpdate({
      target: twinningOutcomes.modelId,
      set: {
        outcome: values.outcome,
        notes: values.notes ?? '',
        recordedBy: values.recordedBy ?? null,
        recordedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

export async function outcomesOf(db: DbOrTx, twinningId: number) {
  return db.select().from(twinningOutcomes).where(eq(twinningOutcomes.twinningId, twinningId));
}

// --- lists ---------------------------------------------------------------------------------------
