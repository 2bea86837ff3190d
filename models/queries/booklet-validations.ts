// Queries on recognition of prior learning (0016_booklet.sql): a person's requests to validate a
// competence they declared, every step of a request, and the assessors an admin appointed.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import {
  bookletExperiences,
  competenceAssessors,
  competenceValidationSteps,
  competenceValidations,
  competences,
  users,
  type CompetenceValidation,
  type CompetenceValidationAction,
} from '../schema.ts';

export const OPEN_STATUSES = ['requested', 'more_info'] as const;

const owner = alias(users, 'owner');
const assessor = alias(users, 'assessor');

const rowColumns = {
  id: competenceValidations.id,
  userId: competenceValidations.userId,
  userName: owner.name,
  competenceId: competenceValidations.competenceId,
  competenceCode: competences.code,
  competenceTitle: competences.title,
  competenceLevel: competences.eqfLevel,
  experienceId: competenceValidations.experienceId,
  experienceTitle: bookletExperiences.title,
  status: competenceValidations.status,
  message: competenceValidations.message,
  assessorId: competenceValidations.assessorId,
  assessorName: assessor.name,
  level: competenceValidations.level,
  reason: competenceValidations.reason,
  createdAt: competenceValidations.createdAt,
  updatedAt: competenceValidations.updatedAt,
  decidedAt: competenceValidations.decidedAt,
};
const selectRows = (db: DbOrTx) =>
  db
    .select(rowColumns)
    .from(competenceValidations)
    .innerJoin(owner, eq(owner.id, competenceValidations.userId))
    .innerJoin(competences, eq(competences.id, competenceValidations.competenceId))
    .leftJoin(bookletExperiences, eq(bookletExperiences.id, competenceValidations.experienceId))
    .leftJoin(assessor, eq(assessor.id, competenceValidations.assessorId));

export async function findValidation(db: DbOrTx, id: number) {
  const [row] = await selectRows(db).where(eq(competenceValidations.id, id));
  return row;
}
export type ValidationRow = NonNullable<Awaited<ReturnType<typeof findValidation>>>;

/** Locks a request for a step (two assessors deciding at once: the second finds it decided). */
export async function lockValidation(db: DbOrTx, id: number): Promise<CompetenceValidation | undefined> {
  const [row] = await db.select().from(competenceValidations).where(eq(competenceValidations.id, id)).for('update');
  return row;
}

export async function validationsOf(db: DbOrTx, userId: number): Promise<ValidationRow[]> {
  return selectRows(db)
    .where(eq(competenceValidations.userId, userId))
    .orderBy(desc(competenceValidations.createdAt), desc(competenceValidations.id));
}

/** The assessors' queue: open requests, the oldest first (people waiting longest come first). */
export async function openQueue(db: DbOrTx): Promise<ValidationRow[]> {
  return selectRows(db)
    .where(inArray(competenceValidations.status, [...OPEN_STATUSES]))
    .orderBy(asc(competenceValidations.updatedAt), asc(competenceValidations.id));
}

/** The person's open request for a competence, if any (one at a time). */
export async function openRequestFor(db: DbOrTx, userId: number, competenceId: number) {
  const [row] = await db
    .select({ id: competenceValidations.id })
    .from(competenceValidations)
    .where(
      and(
        eq(competenceValidations.userId, userId),
        eq(competenceValidations.competenceId, competenceId),
        inArray(competenceValidations.status, [...OPEN_STATUSES]),
      ),
    );
  return row;
}

/** Whether the person already has this competence validated. */
export async function isValidated(db: DbOrTx, userId: number, competenceId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: competenceValidations.id })
    .from(competenceValidations)
    .where(
      and(
        eq(competenceValidations.userId, userId),
        eq(competenceValidations.competenceId, competenceId),
        eq(competenceValidations.status, 'validated'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function insertValidation(
  db: DbOrTx,
  values: { userId: number; competenceId: number; experienceId: number; message: string },
): Promise<CompetenceValidation> {
  const [row] = await db.insert(competenceValidations).values(values).returning();
  return row!;
}

export async function updateValidation(
  db: DbOrTx,
  id: number,
  values: Partial<Pick<CompetenceValidation, 'status' | 'assessorId' | 'level' | 'reason' | 'decidedAt'>>,
): Promise<CompetenceValidation> {
  const [row] = await db
    .update(competenceValidations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(competenceValidations.id, id))
    .returning();
  return row!;
}

export async function insertStep(
  db: DbOrTx,
  values: { validationId: number; actorId: number; action: CompetenceValidationAction; comment: string },
): Promise<void> {
  await db.insert(competenceValidationSteps).values(values);
}

export async function stepsOf(db: DbOrTx, validationId: number) {
  return db
    .select({
      id: competenceValidationSteps.id,
      action: competenceValidationSteps.action,
      comment: competenceValidationSteps.comment,
      createdAt: competenceValidationSteps.createdAt,
      actorId: competenceValidationSteps.actorId,
      actorName: users.name,
    })
    .from(competenceValidationSteps)
    .leftJoin(users, eq(users.id, competenceValidationSteps.actorId))
    .where(eq(competenceValidationSteps.validationId, validationId))
    .orderBy(asc(competenceValidationSteps.id));
}

/** Requests that cite an experience, with their status and assessor (the evidence's read rule, edits). */
export async function requestsCitingExperience(db: DbOrTx, experienceId: number) {
  return db
    .select({
      id: competenceValidations.id,
      status: competenceValidations.status,
      assessorId: competenceValidations.assessorId,
    })
    .from(competenceValidations)
    .where(eq(competenceValidations.experienceId, experienceId));
}

/** The requests citing each of the given experiences, by experience id. */
export async function requestsCitingExperiences(db: DbOrTx, ids: number[]) {
  const out = new Map<number, Awaited<ReturnType<typeof requestsCitingExperience>>>();
  if (!ids.length) return out;
  const rows = await db
    .select({
      experienceId: competenceValidations.experienceId,
      id: competenceValidations.id,
      status: competenceValidations.status,
      assessorId: competenceValidations.assessorId,
    })
    .from(competenceValidations)
    .where(inArray(competenceValidations.experienceId, ids));
  for (const { experienceId, ...r } of rows) out.set(experienceId!, [...(out.get(experienceId!) ?? []), r]);
  return out;
}

// --- assessors ----------------------------------------------------------------------------------

export async function isAppointedAssessor(db: DbOrTx, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: competenceAssessors.userId })
    .from(competenceAssessors)
    .where(eq(competenceAssessors.userId, userId));
  return Boolean(row);
}

/** Everyone who assesses: animators, admins and the appointed assessors. */
export async function assessorIds(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      or(
        inArray(users.role, ['animator', 'admin']),
        sql`EXISTS (SELECT 1 FROM competence_assessors a WHERE a.user_id = ${users.id})`,
      ),
    );
  return rows.map((r) => r.id);
}

export async function appointedAssessors(db: DbOrTx) {
  const appointer = alias(users, 'appointer');
  return db
    .select({
      userId: competenceAssessors.userId,
      name: users.name,
      handle: users.handle,
      role: users.role,
      appointedAt: competenceAssessors.appointedAt,
      appointedByName: appointer.name,
    })
    .from(competenceAssessors)
    .innerJoin(users, eq(users.id, competenceAssessors.userId))
    .leftJoin(appointer, eq(appointer.id, competenceAssessors.appointedBy))
    .orderBy(asc(users.name));
}

export async function appointAssessor(db: DbOrTx, userId: number, appointedBy: number): Promise<boolean> {
  const rows = await db
    .insert(competenceAssessors)
    .values({ userId, appointedBy })
    .onConflictDoNothing()
    .returning({ id: competenceAssessors.userId });
  return rows.length > 0;
}

export async function dismissAssessor(db: DbOrTx, userId: number): Promise<boolean> {
  const rows = await db
    .delete(competenceAssessors)
    .where(eq(competenceAssessors.userId, userId))
    .returning({ id: competenceAssessors.userId });
  return rows.length > 0;
}

/** A person by handle or e-mail (the admin's appointment form names people that way). */
export async function findPersonByHandleOrEmail(db: DbOrTx, value: string) {
  const v = value.replace(/^@/, '').toLowerCase();
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(or(eq(users.handle, v), sql`lower(${users.email}) = ${v}`));
  return row;
}
