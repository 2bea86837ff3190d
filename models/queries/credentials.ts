// Queries on the credentials the platform issues and those people import from other instances, and
// the facts a credential is issued from (a completed course, a validated competence).
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  bookletVisibility,
  competences,
  competenceValidations,
  courseEnrolments,
  courses,
  credentials,
  importedCredentials,
  users,
  type Credential,
  type ImportedCredential,
} from '../schema.ts';

export type NewCredential = typeof credentials.$inferInsert;
export type NewImportedCredential = typeof importedCredentials.$inferInsert;

/** Stores a credential unless one exists for the same course and person, or the same validation; the id when stored. */
export async function insertCredentialOnce(db: DbOrTx, values: NewCredential): Promise<string | undefined> {
  const [row] = await db.insert(credentials).values(values).onConflictDoNothing().returning({ id: credentials.id });
  return row?.id;
}

export async function findCredential(db: DbOrTx, id: string): Promise<Credential | undefined> {
  const [row] = await db.select().from(credentials).where(eq(credentials.id, id));
  return row;
}

export async function findCourseCredentialId(db: DbOrTx, userId: number, courseId: number): Promise<string | null> {
  const [row] = await db
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.kind, 'course'), eq(credentials.userId, userId), eq(credentials.courseId, courseId)));
  return row?.id ?? null;
}

export async function findValidationCredentialId(db: DbOrTx, validationId: number): Promise<string | null> {
  const [row] = await db
    .select({ id: credentials.id })
    .from(credentials)
    .where(eq(credentials.validationId, validationId));
  return row?.id ?? null;
}

/** A person's credentials, newest first. */
export function listCredentialsOf(db: DbOrTx, userId: number): Promise<Credential[]> {
  return db.select().from(credentials).where(eq(credentials.userId, userId)).orderBy(desc(credentials.issuedAt));
}

/** Marks a credential revoked, once: the row when this call revoked it. */
export async function revokeCredential(
  db: DbOrTx,
  id: string,
  by: number,
  reason: string,
  at: Date,
): Promise<Credential | undefined> {
  const [row] = await db
    .update(credentials)
    .set({ revokedAt: at, revokedBy: by, revocationReason: reason })
    .where(and(eq(credentials.id, id), isNull(credentials.revokedAt)))
    .returning();
  return row;
}

/** Whether the person shows their credentials on their public profile (nothing is shown by default). */
export async function showsCredentials(db: DbOrTx, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ show: bookletVisibility.showCredentials })
    .from(bookletVisibility)
    .where(eq(bookletVisibility.userId, userId));
  return row?.show ?? false;
}

/** Whether the person chose to have their e-mail's salted hash in the credentials they receive. */
export async function putsEmailInCredentials(db: DbOrTx, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ email: bookletVisibility.emailInCredentials })
    .from(bookletVisibility)
    .where(eq(bookletVisibility.userId, userId));
  return row?.email ?? false;
}

/** Whether a credential may be announced to everyone now: not revoked, and its person shows credentials. */
export async function announceable(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: credentials.id })
    .from(credentials)
    .innerJoin(
      bookletVisibility,
      and(eq(bookletVisibility.userId, credentials.userId), eq(bookletVisibility.showCredentials, true)),
    )
    .where(and(eq(credentials.id, id), isNull(credentials.revokedAt)));
  return Boolean(row);
}

/** A completed course as a credential states it: the course, the person, when they completed it. */
export async function courseCompletionFacts(db: DbOrTx, courseId: number, userId: number) {
  const [row] = await db
    .select({
      course: {
        id: courses.id,
        slug: courses.slug,
        title: courses.title,
        summary: courses.summary,
        hours: courses.hours,
        completion: courses.completion,
        competences: courses.competences,
      },
      user: { id: users.id, name: users.name, email: users.email },
      completedAt: courseEnrolments.completedAt,
    })
    .from(courses)
    .innerJoin(users, eq(users.id, userId))
    .leftJoin(courseEnrolments, and(eq(courseEnrolments.courseId, courses.id), eq(courseEnrolments.userId, userId)))
    .where(eq(courses.id, courseId));
  return row;
}

/** A validated competence as a credential states it: the competence, the person, the level, when. */
export async function validationFacts(db: DbOrTx, validationId: number) {
  const [row] = await db
    .select({
      validation: {
        id: competenceValidations.id,
        status: competenceValidations.status,
        level: competenceValidations.level,
        decidedAt: competenceValidations.decidedAt,
      },
      competence: {
        id: competences.id,
        code: competences.code,
        title: competences.title,
        description: competences.description,
        eqfLevel: competences.eqfLevel,
        escoUri: competences.escoUri,
      },
      user: { id: users.id, name: users.name, email: users.email },
    })
    .from(competenceValidations)
    .innerJoin(competences, eq(competences.id, competenceValidations.competenceId))
    .innerJoin(users, eq(users.id, competenceValidations.userId))
    .where(eq(competenceValidations.id, validationId));
  return row;
}

export async function countImportedOf(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(importedCredentials).where(eq(importedCredentials.userId, userId));
  return row?.n ?? 0;
}

/**
 * Stores an imported credential (or refreshes it) unless it is a new one and the person already keeps
 * `max`: their row is locked meanwhile, so two imports at once cannot both take the last place.
 */
export async function upsertImportedWithin(tx: DbOrTx, values: NewImportedCredential, max: number): Promise<boolean> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, values.userId)).for('update');
  const [known] = await tx
    .select({ id: importedCredentials.id })
    .from(importedCredentials)
    .where(
      and(eq(importedCredentials.userId, values.userId), eq(importedCredentials.credentialId, values.credentialId)),
    );
  if (!known && (await countImportedOf(tx, values.userId)) >= max) return false;
  await upsertImported(tx, values);
  return true;
}

/** Stores an imported credential, or refreshes it (checks, verdict) when the person imports it again. */
export async function upsertImported(db: DbOrTx, values: NewImportedCredential): Promise<ImportedCredential> {
  const [row] = await db
    .insert(importedCredentials)
    .values(values)
    .onConflictDoUpdate({
      target: [importedCredentials.userId, importedCredentials.credentialId],
      set: {
        issuerId: values.issuerId,
        issuerName: values.issuerName ?? '',
        achievementTitle: values.achievementTitle ?? '',
        token: values.token,
        credential: values.credential,
        verified: values.verified,
        checks: values.checks ?? [],
        checkedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

export function listImportedOf(db: DbOrTx, userId: number): Promise<ImportedCredential[]> {
  return db
    .select()
    .from(importedCredentials)
    .where(eq(importedCredentials.userId, userId))
    .orderBy(desc(importedCredentials.importedAt), desc(importedCredentials.id));
}
