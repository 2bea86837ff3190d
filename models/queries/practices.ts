// Queries on the good-practice registry's records: the practice row with its names, co-owner
// administrations and co-authors, the lifecycle log, the lists of "my practices" and of the
// validators' queue, and the sitemap's public pages. Files are in practices-files.ts; published
// versions in practice-versions.ts; the validation protocol (criteria, validators, decisions,
// scores) in practices-protocol.ts.
import { and, asc, desc, eq, inArray, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import {
  organizations,
  practiceAuthors,
  practiceOrganizations,
  practices,
  practiceTransitions,
  users,
  type NewPractice,
  type Practice,
  type PracticeStatus,
} from '../schema.ts';

const contact = alias(users, 'contact');
const creator = alias(users, 'creator');

export type PracticeRow = Practice & {
  organizationSlug: string;
  organizationName: string;
  contactName: string | null;
  creatorName: string | null;
};

/** A practice by slug with the names its page shows; `lock` takes the row for a change. */
export async function findPracticeBySlug(
  db: DbOrTx,
  slug: string,
  opts: { lock?: boolean } = {},
): Promise<PracticeRow | undefined> {
  const query = db
    .select({
      practice: practices,
      organizationSlug: organizations.slug,
      organizationName: organizations.name,
      contactName: contact.name,
      creatorName: creator.name,
    })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .leftJoin(contact, eq(contact.id, practices.contactUserId))
    .leftJoin(creator, eq(creator.id, practices.createdBy))
    .where(eq(practices.slug, slug));
  const [row] = opts.lock ? await query.for('update', { of: practices }) : await query;
  return row ? { ...row.practice, ...omitPractice(row) } : undefined;
}

const omitPractice = ({ practice: _p, ...names }: { practice: Practice } & Omit<PracticeRow, keyof Practice>) => names;

export async function findPracticeById(db: DbOrTx, id: number): Promise<Practice | undefined> {
  const [row] = await db.select().from(practices).where(eq(practices.id, id));
  return row;
}

export async function slugTaken(db: DbOrTx, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: practices.id }).from(practices).where(eq(practices.slug, slug));
  return Boolean(row);
}

/** Inserts a practice; undefined when its slug was taken meanwhile (the unique key decides). */
export async function insertPracticeUnlessSlugTaken(db: DbOrTx, values: NewPractice): Promise<Practice | undefined> {
  const [row] = await db.insert(practices).values(values).onConflictDoNothing({ target: practices.slug }).returning();
  return row;
}

export async function updatePractice(db: DbOrTx, id: number, values: Partial<NewPractice>): Promise<Practice> {
  const [row] = await db.update(practices).set(values).where(eq(practices.id, id)).returning();
  return row!;
}

/** Moves a practice from one status to another only if it is still in the first (a concurrent move loses). */
export async function moveStatus(
  db: DbOrTx,
  id: number,
  from: PracticeStatus,
  values: Partial<NewPractice> & { status: PracticeStatus },
): Promise<Practice | undefined> {
  const [row] = await db
    .update(practices)
    .set(values)
    .where(and(eq(practices.id, id), eq(practices.status, from)))
    .returning();
  return row;
}

// --- Owners and authors ----------------------------------------------------------------------

export type NamedOrganization = { id: number; slug: string; name: string };
export type NamedUser = { id: number; name: string; handle: string };

export async function organizationsBySlugs(db: DbOrTx, slugs: string[]): Promise<NamedOrganization[]> {
  if (!slugs.length) return [];
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.slug, slugs));
}

export async function organizationsById(db: DbOrTx, ids: number[]): Promise<NamedOrganization[]> {
  if (!ids.length) return [];
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
}

/** Every administration, by name (the lead-organization choice of animators and admins). */
export async function allOrganizations(db: DbOrTx): Promise<NamedOrganization[]> {
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .orderBy(asc(organizations.name));
}

export async function replaceCoOwners(db: DbOrTx, practiceId: number, organizationIds: number[]): Promise<void> {
  await db.delete(practiceOrganizations).where(eq(practiceOrganizations.practiceId, practiceId));
  if (organizationIds.length)
    await db
      .insert(practiceOrganizations)
      .values(organizationIds.map((organizationId) => ({ practiceId, organizationId })));
}

export async function coOwnersOf(db: DbOrTx, practiceId: number): Promise<NamedOrganization[]> {
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(practiceOrganizations)
    .innerJoin(organizations, eq(organizations.id, practiceOrganizations.organizationId))
    .where(eq(practiceOrganizations.practiceId, practiceId))
    .orderBy(asc(organizations.name));
}

/**
 * Sets a practice's co-authors: those taken off keep their row, marked removed (they still count as
 * having written it: see formerCoAuthorIdsOf); those named, again or for the first time, are current.
 */
export async function replaceCoAuthors(
  db: DbOrTx,
  practiceId: number,
  userIds: number[],
  now = new Date(),
): Promise<void> {
  await db
    .update(practiceAuthors)
    .set({ removedAt: now })
    .where(
      and(
        eq(practiceAuthors.practiceId, practiceId),
        isNull(practiceAuthors.removedAt),
        userIds.length ? notInArray(practiceAuthors.userId, userIds) : undefined,
      ),
    );
  if (userIds.length)
    await db
      .insert(practiceAuthors)
      .values(userIds.map((userId) => ({ practiceId, userId })))
      .onConflictDoUpdate({ target: [practiceAuthors.practiceId, practiceAuthors.userId], set: { removedAt: null } });
}

/** The current co-authors (those taken off are not). */
export async function coAuthorsOf(db: DbOrTx, practiceId: number): Promise<NamedUser[]> {
  return db
    .select({ id: users.id, name: users.name, handle: users.handle })
    .from(practiceAuthors)
    .innerJoin(users, eq(users.id, practiceAuthors.userId))
    .where(and(eq(practiceAuthors.practiceId, practiceId), isNull(practiceAuthors.removedAt)))
    .orderBy(asc(users.name));
}

/** The people taken off a practice's co-authors (and not named again): they wrote it all the same. */
export async function formerCoAuthorIdsOf(db: DbOrTx, practiceId: number): Promise<number[]> {
  const rows = await db
    .select({ id: practiceAuthors.userId })
    .from(practiceAuthors)
    .where(and(eq(practiceAuthors.practiceId, practiceId), isNotNull(practiceAuthors.removedAt)));
  return rows.map((r) => r.id);
}

export async function userById(db: DbOrTx, id: number): Promise<NamedUser | undefined> {
  const [row] = await db
    .select({ id: users.id, name: users.name, handle: users.handle })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

/** The administration of each of these people (null for those of none). */
export async function organizationIdsOfUsers(db: DbOrTx, ids: number[]): Promise<Map<number, number | null>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, organizationId: users.organizationId })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.organizationId]));
}

/** The people who write a practice now: its creator and current co-authors (notifications about it go to them). */
export async function authorIdsOf(db: DbOrTx, practiceId: number): Promise<number[]> {
  const rows = await db.execute(sql`
    SELECT created_by AS id FROM practices WHERE id = ${practiceId} AND created_by IS NOT NULL
    UNION SELECT user_id FROM practice_authors WHERE practice_id = ${practiceId} AND removed_at IS NULL`);
  return (rows as unknown as { rows: { id: number }[] }).rows.map((r) => r.id);
}

// --- The lifecycle log -----------------------------------------------------------------------

export async function insertTransition(db: DbOrTx, values: typeof practiceTransitions.$inferInsert): Promise<void> {
  await db.insert(practiceTransitions).values(values);
}

export async function transitionsOf(db: DbOrTx, practiceId: number) {
  return db
    .select({
      id: practiceTransitions.id,
      fromStatus: practiceTransitions.fromStatus,
      toStatus: practiceTransitions.toStatus,
      comment: practiceTransitions.comment,
      createdAt: practiceTransitions.createdAt,
      userId: practiceTransitions.userId,
      userName: users.name,
    })
    .from(practiceTransitions)
    .leftJoin(users, eq(users.id, practiceTransitions.userId))
    .where(eq(practiceTransitions.practiceId, practiceId))
    .orderBy(asc(practiceTransitions.id));
}

// --- Lists -----------------------------------------------------------------------------------

export type PracticeCard = Pick<
  Practice,
  'id' | 'slug' | 'title' | 'summary' | 'status' | 'theme' | 'region' | 'version' | 'updatedAt' | 'submittedAt'
> & { organizationName: string };

const cardColumns = {
  id: practices.id,
  slug: practices.slug,
  title: practices.title,
  summary: practices.summary,
  status: practices.status,
  theme: practices.theme,
  region: practices.region,
  version: practices.version,
  updatedAt: practices.updatedAt,
  submittedAt: practices.submittedAt,
  organizationName: organizations.name,
};

/** Practices a person created or co-authors now, every status, the latest changed first. */
export async function practicesOfAuthor(db: DbOrTx, userId: number, limit = 200): Promise<PracticeCard[]> {
  return db
    .select(cardColumns)
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(
      or(
        eq(practices.createdBy, userId),
        sql`EXISTS (SELECT 1 FROM practice_authors pa WHERE pa.practice_id = ${practices.id} AND pa.user_id = ${userId} AND pa.removed_at IS NULL)`,
      ),
    )
    .orderBy(desc(practices.updatedAt), desc(practices.id))
    .limit(limit);
}

/** The validators' queue: practices waiting for a decision (submitted) or for publication (validated), oldest first. */
export async function practicesInReview(db: DbOrTx, limit = 200): Promise<PracticeCard[]> {
  return db
    .select(cardColumns)
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(inArray(practices.status, ['submitted', 'validated']))
    .orderBy(asc(practices.submittedAt), asc(practices.id))
    .limit(limit);
}

/** Published practices for the sitemap, by last change (archived ones stay readable but leave it). */
export async function publishedPracticePages(db: DbOrTx, limit: number) {
  const rows = await db.execute(
    sql`SELECT '/buone-pratiche/' || p.slug AS path, p.updated_at AS lastmod FROM practices p
         WHERE p.status = 'published' ORDER BY p.published_at DESC LIMIT ${limit}`,
  );
  return (rows as unknown as { rows: { path: string; lastmod: Date | string | null }[] }).rows;
}
