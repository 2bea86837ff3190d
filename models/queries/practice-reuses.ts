// Reuse declarations ("L'abbiamo riusata / la stiamo riusando"): one per administration and
// practice, the practice's reuse_count kept equal to their number, and what a reuse or a story needs
// to know of its practice (owners, the people to tell).
import { and, asc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  organizations,
  practiceAuthors,
  practiceOrganizations,
  practiceReuses,
  practices,
  users,
  type PracticeComponent,
  type PracticeReuse,
  type PracticeStatus,
  type ReuseStatus,
} from '../schema.ts';

/** What reuses and stories need of a practice. */
export type PracticeHead = {
  id: number;
  slug: string;
  title: string;
  status: PracticeStatus;
  organizationId: number;
  components: PracticeComponent[];
};

const headColumns = {
  id: practices.id,
  slug: practices.slug,
  title: practices.title,
  status: practices.status,
  organizationId: practices.organizationId,
  components: practices.components,
};

/** A practice by slug; `lock` holds its row until the transaction ends (reuse_count is rewritten). */
export async function findPracticeHead(
  db: DbOrTx,
  slug: string,
  opts: { lock?: boolean } = {},
): Promise<PracticeHead | undefined> {
  const query = db.select(headColumns).from(practices).where(eq(practices.slug, slug));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function findPracticeHeadById(db: DbOrTx, id: number): Promise<PracticeHead | undefined> {
  const [row] = await db.select(headColumns).from(practices).where(eq(practices.id, id));
  return row;
}

/** The lead administration and the co-owners. */
export async function ownerOrganizationIds(db: DbOrTx, practice: Pick<PracticeHead, 'id' | 'organizationId'>) {
  const rows = await db
    .select({ id: practiceOrganizations.organizationId })
    .from(practiceOrganizations)
    .where(eq(practiceOrganizations.practiceId, practice.id));
  return [...new Set([practice.organizationId, ...rows.map((r) => r.id)])];
}

/** The people a practice's news goes to: its creator, its current co-authors and its contact person. */
export async function practicePeopleIds(db: DbOrTx, practiceId: number): Promise<number[]> {
  const [own] = await db
    .select({ createdBy: practices.createdBy, contact: practices.contactUserId })
    .from(practices)
    .where(eq(practices.id, practiceId));
  const authors = await db
    .select({ id: practiceAuthors.userId })
    .from(practiceAuthors)
    .where(and(eq(practiceAuthors.practiceId, practiceId), isNull(practiceAuthors.removedAt)));
  const ids = [own?.createdBy, own?.contact, ...authors.map((a) => a.id)];
  return [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
}

export type NewReuse = {
  practiceId: number;
  organizationId: number;
  declaredBy: number;
  status: ReuseStatus;
  startedOn: string | null;
  components: string[];
  adaptationNotes: string;
  outcome: string;
  now: Date;
};

/** Declares a reuse, or updates the administration's declaration: `created` tells which. */
export async function upsertReuse(db: DbOrTx, r: NewReuse): Promise<{ reuse: PracticeReuse; created: boolean }> {
  const values = {
    status: r.status,
    startedOn: r.startedOn,
    components: r.components,
    adaptationNotes: r.adaptationNotes,
    outcome: r.outcome,
    declaredBy: r.declaredBy,
    updatedAt: r.now,
  };
  const [row] = await db
    .insert(practiceReuses)
    .values({ ...values, practiceId: r.practiceId, organizationId: r.organizationId, createdAt: r.now })
    .onConflictDoUpdate({ target: [practiceReuses.practiceId, practiceReuses.organizationId], set: values })
    .returning({ ...getTableColumns(practiceReuses), created: sql<boolean>`(xmax = 0)` });
  const { created, ...reuse } = row!;
  return { reuse, created: Boolean(created) };
}

export async function deleteReuse(
  db: DbOrTx,
  practiceId: number,
  organizationId: number,
): Promise<PracticeReuse | undefined> {
  const [row] = await db
    .delete(practiceReuses)
    .where(and(eq(practiceReuses.practiceId, practiceId), eq(practiceReuses.organizationId, organizationId)))
    .returning();
  return row;
}

/** Sets reuse_count to the number of declarations (call with the practice's row locked). */
export async function refreshReuseCount(db: DbOrTx, practiceId: number): Promise<number> {
  const [row] = await db
    .update(practices)
    .set({
      reuseCount: sql`(SELECT count(*)::int FROM ${practiceReuses} WHERE ${practiceReuses.practiceId} = ${practiceId})`,
    })
    .where(eq(practices.id, practiceId))
    .returning({ n: practices.reuseCount });
  return row?.n ?? 0;
}

export type ReuseRow = PracticeReuse & {
  organizationName: string;
  organizationSlug: string;
  declarerName: string | null;
};

/** A practice's declarations, the earliest first. */
export async function reusesOf(db: DbOrTx, practiceId: number): Promise<ReuseRow[]> {
  const rows = await db
    .select({
      reuse: practiceReuses,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      declarerName: users.name,
    })
    .from(practiceReuses)
    .innerJoin(organizations, eq(organizations.id, practiceReuses.organizationId))
    .leftJoin(users, eq(users.id, practiceReuses.declaredBy))
    .where(eq(practiceReuses.practiceId, practiceId))
    .orderBy(asc(practiceReuses.createdAt), asc(practiceReuses.id));
  return rows.map((r) => ({
    ...r.reuse,
    organizationName: r.organizationName,
    organizationSlug: r.organizationSlug,
    declarerName: r.declarerName,
  }));
}
