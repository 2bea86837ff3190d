// Queries on users. Take a db or transaction first, return rows.
import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { organizations, users, type Role, type User } from '../schema.ts';
import { containsPattern } from './like.ts';

export type NewUser = typeof users.$inferInsert;

/** Public columns of a member joined with the administration's name. */
const memberColumns = {
  id: users.id,
  name: users.name,
  handle: users.handle,
  role: users.role,
  jobTitle: users.jobTitle,
  region: users.region,
  bio: users.bio,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  organizationId: users.organizationId,
  organizationSlug: organizations.slug,
  organizationName: organizations.name,
};
export type MemberRow = {
  id: number;
  name: string;
  handle: string;
  role: Role;
  jobTitle: string;
  region: string | null;
  bio: string;
  createdAt: Date;
  lastLoginAt: Date | null;
  organizationId: number | null;
  organizationSlug: string | null;
  organizationName: string | null;
};

/** Inserts unless the handle is taken (then undefined); a taken e-mail is still an error. */
export async function insertUserIfHandleFree(db: DbOrTx, values: NewUser): Promise<User | undefined> {
  const [row] = await db.insert(users).values(values).onConflictDoNothing({ target: users.handle }).returning();
  return row;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function handleExists(db: DbOrTx, handle: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.handle, handle));
  return Boolean(row);
}

/** Users by @handle (case-insensitive), for resolving mentions. */
export async function findUsersByHandles(
  db: DbOrTx,
  handles: string[],
): Promise<{ id: number; name: string; handle: string; role: User['role'] }[]> {
  if (!handles.length) return [];
  return db
    .select({ id: users.id, name: users.name, handle: users.handle, role: users.role })
    .from(users)
    .where(
      inArray(
        users.handle,
        handles.map((h) => h.toLowerCase()),
      ),
    );
}

export async function findUserById(db: DbOrTx, id: number): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** A person with extra integer columns computed in the same statement (the header's counts). */
export async function findUserWithCounts(
  db: DbOrTx,
  id: number,
  counts: Record<string, SQL<number>>,
): Promise<{ user: User; counts: Record<string, number> } | undefined> {
  const [row] = await db
    .select({ user: users, ...counts })
    .from(users)
    .where(eq(users.id, id));
  if (!row) return undefined;
  const { user, ...rest } = row as { user: User } & Record<string, number>;
  return { user, counts: rest };
}

export async function findMember(db: DbOrTx, id: number): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(users)
    .leftJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(users.id, id));
  return row;
}

/** What a profile page needs beyond the member: shown choices and the viewer's ties, read in one row. */
export type ProfileExtras = {
  /** The member's booklet visibility (all false when never chosen). */
  booklet: { showCourses: boolean; showCompetences: boolean; showCredentials: boolean; emailInCredentials: boolean };
  /** Whether the viewer follows the member (false for no viewer). */
  following: boolean;
  /** Blocks between the viewer and the member, either way (none for no viewer). */
  blocks: { blockerId: number; blockedId: number }[];
};

/**
 * A member for their profile page, with their booklet's visibility and the viewer's ties to them
 * (following, blocks) in the same statement: the page asks once, not once per part.
 */
export async function findMemberForProfile(
  db: DbOrTx,
  id: number,
  viewerId: number | null,
): Promise<(MemberRow & ProfileExtras) | undefined> {
  const viewer = viewerId ?? 0;
  const [row] = await db
    .select({
      ...memberColumns,
      showCourses: sql<boolean>`coalesce(bv.show_courses, false)`,
      showCompetences: sql<boolean>`coalesce(bv.show_competences, false)`,
      showCredentials: sql<boolean>`coalesce(bv.show_credentials, false)`,
      emailInCredentials: sql<boolean>`coalesce(bv.email_in_credentials, false)`,
      following: sql<boolean>`EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = ${viewer}
        AND s.target_type = 'user' AND s.target_id = ${users.id})`,
      blocks: sql<ProfileExtras['blocks']>`coalesce((SELECT json_agg(json_build_object('blockerId', b.blocker_id,
        'blockedId', b.blocked_id)) FROM user_blocks b
        WHERE (b.blocker_id = ${viewer} AND b.blocked_id = ${users.id}) OR (b.blocked_id = ${viewer} AND b.blocker_id = ${users.id})),
        '[]'::json)`,
    })
    .from(users)
    .leftJoin(organizations, eq(users.organizationId, organizations.id))
    .leftJoin(sql`booklet_visibility bv`, sql`bv.user_id = ${users.id}`)
    .where(eq(users.id, id));
  if (!row) return undefined;
  const { showCourses, showCompetences, showCredentials, emailInCredentials, ...member } = row;
  return { ...member, booklet: { showCourses, showCompetences, showCredentials, emailInCredentials } };
}

export type MemberFilter = { region?: string | undefined; organization?: string | undefined; q?: string | undefined };

function memberWhere(f: MemberFilter): SQL | undefined {
  // Service accounts (systems with integration tokens, 0026_oidc_tokens.sql) are no members.
  const conds: SQL[] = [eq(users.kind, 'person'), sql`${users.deletedAt} IS NULL`];
  if (f.region) conds.push(eq(users.region, f.region));
  if (f.organization) conds.push(eq(organizations.slug, f.organization));
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${users.name} ILIKE ${like}`, sql`${users.jobTitle} ILIKE ${like}`)!);
  }
  return conds.length ? and(...conds) : undefined;
}

/** Members newest first, keyset-paginated by (created_at, id). */
export async function listMembers(
  db: DbOrTx,
  filter: MemberFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const where = memberWhere(filter);
  const rows = await db
    .select(memberColumns)
    .from(users)
    .leftJoin(organizations, eq(users.organizationId, organizations.id))
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(page.limit)
    .offset(page.offset);
  const [totalRow] = await db
    .select({ n: count() })
    .from(users)
    .leftJoin(organizations, eq(users.organizationId, organizations.id))
    .where(where);
  return { rows, total: totalRow?.n ?? 0 };
}

export async function latestMembers(db: DbOrTx, limit: number): Promise<MemberRow[]> {
  return (await listMembers(db, {}, { limit, offset: 0 })).rows;
}

export async function updateUser(db: DbOrTx, id: number, values: Partial<NewUser>): Promise<User | undefined> {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

export async function touchLastLogin(db: DbOrTx, id: number): Promise<void> {
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id));
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function countAdmins(db: DbOrTx, exceptId?: number): Promise<number> {
  // A system's service account with the admin scope is no person who can administer the site.
  const conds = [eq(users.role, 'admin'), eq(users.kind, 'person')];
  if (exceptId !== undefined) conds.push(sql`${users.id} <> ${exceptId}`);
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(...conds));
  return row?.n ?? 0;
}

/** Regions that have at least one member, for the filter select. */
export async function memberRegions(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ region: users.region })
    .from(users)
    .where(sql`${users.region} IS NOT NULL`)
    .orderBy(users.region);
  return rows.map((r) => r.region!);
}

/** The service account (a system, 0026_oidc_tokens.sql) of this name at this administration. */
export async function findServiceAccount(db: DbOrTx, name: string, organizationId: number): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.kind, 'service'),
        eq(users.organizationId, organizationId),
        sql`lower(${users.name}) = lower(${name})`,
      ),
    );
  return row;
}
