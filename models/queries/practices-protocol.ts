// Queries on the validation protocol of the practice registry: the configurable criteria, the
// validators an admin appoints, and the decisions with their per-criterion scores.
import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  practiceValidations,
  practiceValidationScores,
  practiceValidators,
  users,
  validationCriteria,
  type PracticeValidation,
  type ValidationCriterion,
  type ValidationDecision,
} from '../schema.ts';

// --- Criteria --------------------------------------------------------------------------------

/** The criteria in their order; only the active ones unless `all`. */
export async function listCriteria(db: DbOrTx, opts: { all?: boolean } = {}): Promise<ValidationCriterion[]> {
  return db
    .select()
    .from(validationCriteria)
    .where(opts.all ? undefined : eq(validationCriteria.active, true))
    .orderBy(asc(validationCriteria.position), asc(validationCriteria.key));
}

export async function findCriterion(db: DbOrTx, key: string): Promise<ValidationCriterion | undefined> {
  const [row] = await db.select().from(validationCriteria).where(eq(validationCriteria.key, key));
  return row;
}

/** Adds a criterion at the end of the list; undefined when the key is taken. */
export async function insertCriterion(
  db: DbOrTx,
  values: Omit<typeof validationCriteria.$inferInsert, 'position'>,
): Promise<ValidationCriterion | undefined> {
  const [last] = await db.select({ position: max(validationCriteria.position) }).from(validationCriteria);
  const [row] = await db
    .insert(validationCriteria)
    .values({ ...values, position: (last?.position ?? 0) + 1 })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateCriterion(
  db: DbOrTx,
  key: string,
  values: Partial<typeof validationCriteria.$inferInsert>,
): Promise<ValidationCriterion | undefined> {
  const [row] = await db.update(validationCriteria).set(values).where(eq(validationCriteria.key, key)).returning();
  return row;
}

/** Numbers the criteria 1, 2, 3… in the given order of keys (the others keep theirs, after). */
export async function reorderCriteria(db: DbOrTx, keys: string[]): Promise<void> {
  for (const [i, key] of keys.entries())
    await db
      .update(validationCriteria)
      .set({ position: i + 1 })
      .where(eq(validationCriteria.key, key));
}

// --- Validators ------------------------------------------------------------------------------

export async function isAppointedValidator(db: DbOrTx, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: practiceValidators.userId })
    .from(practiceValidators)
    .where(eq(practiceValidators.userId, userId));
  return Boolean(row);
}

export async function listAppointedValidators(db: DbOrTx) {
  return db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      role: users.role,
      appointedAt: practiceValidators.appointedAt,
    })
    .from(practiceValidators)
    .innerJoin(users, eq(users.id, practiceValidators.userId))
    .orderBy(asc(users.name));
}

/** Appoints a validator; false when they already were. */
export async function appointValidator(db: DbOrTx, userId: number, appointedBy: number): Promise<boolean> {
  const rows = await db
    .insert(practiceValidators)
    .values({ userId, appointedBy })
    .onConflictDoNothing()
    .returning({ id: practiceValidators.userId });
  return rows.length > 0;
}

/** Removes an appointed validator; false when they were not one. */
export async function removeValidator(db: DbOrTx, userId: number): Promise<boolean> {
  const rows = await db
    .delete(practiceValidators)
    .where(eq(practiceValidators.userId, userId))
    .returning({ id: practiceValidators.userId });
  return rows.length > 0;
}

/** Everyone who validates: animators, admins and the appointed validators (who are told of a submission). */
export async function validatorIds(db: DbOrTx): Promise<number[]> {
  const rows = await db.execute(sql`
    SELECT id FROM users WHERE role IN ('animator', 'admin')
    UNION SELECT user_id FROM practice_validators`);
  return (rows as unknown as { rows: { id: number }[] }).rows.map((r) => r.id);
}

// --- Decisions and scores --------------------------------------------------------------------

export async function insertValidation(
  db: DbOrTx,
  values: typeof practiceValidations.$inferInsert,
  scores: { criterionKey: string; score: number; note: string }[],
): Promise<PracticeValidation> {
  const [row] = await db.insert(practiceValidations).values(values).returning();
  if (scores.length)
    await db.insert(practiceValidationScores).values(scores.map((s) => ({ ...s, validationId: row!.id })));
  return row!;
}

export type ValidationWithNames = PracticeValidation & { validatorName: string | null };

/** The latest decision of a kind on a practice (the published protocol, or the last return). */
export async function latestValidation(
  db: DbOrTx,
  practiceId: number,
  decision: ValidationDecision,
): Promise<ValidationWithNames | undefined> {
  const [row] = await db
    .select({ validation: practiceValidations, validatorName: users.name })
    .from(practiceValidations)
    .leftJoin(users, eq(users.id, practiceValidations.validatorId))
    .where(and(eq(practiceValidations.practiceId, practiceId), eq(practiceValidations.decision, decision)))
    .orderBy(desc(practiceValidations.id))
    .limit(1);
  return row ? { ...row.validation, validatorName: row.validatorName } : undefined;
}

/** A decision's scores with their criterion (labels in both languages). */
export async function scoresOf(db: DbOrTx, validationIds: number[]) {
  if (!validationIds.length) return [];
  return db
    .select({
      validationId: practiceValidationScores.validationId,
      criterionKey: practiceValidationScores.criterionKey,
      score: practiceValidationScores.score,
      note: practiceValidationScores.note,
    })
    .from(practiceValidationScores)
    .where(inArray(practiceValidationScores.validationId, validationIds));
}
