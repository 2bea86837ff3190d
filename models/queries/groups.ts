// Read queries on groups used by home and profile pages (the groups feature owns the writes).
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { groupMemberships, groups, organizations, subscriptions, threads, users, type Group } from '../schema.ts';
import { groupAllowed, type GroupViewer } from './visibility.ts';

// Drizzle leaves columns unqualified in single-table selects; inside correlated subqueries that would
// bind to the subquery's own table, so the outer group id is always written out in full.
const GROUP_ID = sql.raw('"groups"."id"');

export type GroupSummary = Pick<Group, 'id' | 'slug' | 'name' | 'description' | 'theme' | 'visibility'> & {
  memberCount: number;
};

const summary = {
  id: groups.id,
  slug: groups.slug,
  name: groups.name,
  description: groups.description,
  theme: groups.theme,
  visibility: groups.visibility,
  memberCount: groups.memberCount,
};

/**
 * Counts every group's active members again (groups.member_count, kept by a trigger): for a restore,
 * whose groups arrive with their counts before the memberships that the trigger counts once more.
 */
export async function recountGroupMembers(db: DbOrTx): Promise<void> {
  await db.execute(
    sql`UPDATE groups g SET member_count = (SELECT count(*) FROM group_memberships m WHERE m.group_id = g.id AND m.status = 'active')`,
  );
}

/** Groups the viewer may know exist (visibility.ts), the largest first. */
export async function listVisibleGroups(db: DbOrTx, viewer: GroupViewer): Promise<GroupSummary[]> {
  return db
    .select(summary)
    .from(groups)
    .where(groupAllowed('see', GROUP_ID, viewer))
    .orderBy(desc(summary.memberCount), asc(groups.name));
}

export async function insertGroup(db: DbOrTx, values: typeof groups.$inferInsert): Promise<Group> {
  const [row] = await db.insert(groups).values(values).returning();
  return row!;
}

/** Inserts unless the slug is taken (then undefined, no error). */
export async function insertGroupIfSlugFree(
  db: DbOrTx,
  values: typeof groups.$inferInsert,
): Promise<Group | undefined> {
  const [row] = await db.insert(groups).values(values).onConflictDoNothing({ target: groups.slug }).returning();
  return row;
}

export async function addMembership(db: DbOrTx, values: typeof groupMemberships.$inferInsert): Promise<void> {
  await db.insert(groupMemberships).values(values).onConflictDoNothing();
}

/** Active groups of a member that the viewer may know exist (visibility.ts). */
export async function groupsOfUser(
  db: DbOrTx,
  userId: number,
  viewer: GroupViewer,
): Promise<(GroupSummary & { role: string })[]> {
  const visible = groupAllowed('see', GROUP_ID, viewer);
  return db
    .select({ ...summary, role: groupMemberships.role })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(and(eq(groupMemberships.userId, userId), eq(groupMemberships.status, 'active'), visible))
    .orderBy(asc(groups.name));
}

/** How many groups the viewer may know exist. */
export async function countGroups(db: DbOrTx, viewer: GroupViewer): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(groups)
    .where(groupAllowed('see', GROUP_ID, viewer));
  return row?.n ?? 0;
}

export async function findGroupBySlug(db: DbOrTx, slug: string): Promise<Group | undefined> {
  const [row] = await db.select().from(groups).where(eq(groups.slug, slug));
  return row;
}

/**
 * A group with the viewer's membership and subscription, its active members and its discussions
 * active in the last 90 days, in one statement (the group page). No viewer: no membership, false.
 */
export async function findGroupForViewer(db: DbOrTx, slug: string, viewerId: number | null) {
  const viewer = viewerId ?? -1;
  const [row] = await db
    .select({
      group: groups,
      membership: groupMemberships,
      following: sql<boolean>`EXISTS (SELECT 1 FROM ${subscriptions} WHERE ${subscriptions.userId} = ${viewer}
        AND ${subscriptions.targetType} = 'group' AND ${subscriptions.targetId} = ${groups.id})`,
      memberCount: sql<number>`(SELECT count(*)::int FROM ${groupMemberships} gm
        WHERE gm.group_id = ${groups.id} AND gm.status = 'active')`,
      activeThreads: sql<number>`(SELECT count(*)::int FROM ${threads} t WHERE t.group_id = ${groups.id}
        AND t.deleted_at IS NULL AND t.last_post_at > now() - interval '90 days')`,
    })
    .from(groups)
    .leftJoin(groupMemberships, and(eq(groupMemberships.groupId, groups.id), eq(groupMemberships.userId, viewer)))
    .where(eq(groups.slug, slug));
  return row;
}

export async function findMembership(db: DbOrTx, groupId: number, userId: number) {
  const [row] = await db
    .select()
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
  return row;
}

/** Active members of a group with their group role: owners, then moderators, then members by name; the first `limit` if given. */
export async function groupMembers(db: DbOrTx, groupId: number, limit?: number) {
  const query = db
    .select({
      id: users.id,
      name: users.name,
      jobTitle: users.jobTitle,
      organizationName: organizations.name,
      groupRole: groupMemberships.role,
    })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.status, 'active')))
    .orderBy(sql`CASE ${groupMemberships.role} WHEN 'owner' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END`, asc(users.name))
    .$dynamic();
  return limit === undefined ? query : query.limit(limit);
}

export type GroupListRow = GroupSummary & { activeThreads: number; lastActivityAt: Date | null };

/**
 * Groups the viewer may know exist (visibility.ts), with member counts and discussions active in the last 90 days.
 * `activity` orders by active discussions then last activity ("most active"); `name` alphabetically.
 */
export async function listGroupsWithStats(
  db: DbOrTx,
  viewer: GroupViewer,
  order: 'activity' | 'name',
): Promise<GroupListRow[]> {
  const visible = groupAllowed('see', GROUP_ID, viewer);
  const activeThreads = sql<number>`(SELECT count(*)::int FROM threads t WHERE t.group_id = ${GROUP_ID} AND t.deleted_at IS NULL AND t.last_post_at > now() - interval '90 days')`;
  const lastActivityAt = sql<Date | null>`(SELECT max(t.last_post_at) FROM threads t WHERE t.group_id = ${GROUP_ID} AND t.deleted_at IS NULL)`;
  const rows = await db
    .select({ ...summary, activeThreads, lastActivityAt })
    .from(groups)
    .where(visible)
    .orderBy(
      ...(order === 'activity'
        ? [desc(activeThreads), desc(summary.memberCount), asc(groups.name)]
        : [asc(groups.name)]),
    );
  return rows.map((r) => ({ ...r, lastActivityAt: r.lastActivityAt ? new Date(r.lastActivityAt) : null }));
}

export async function updateGroup(
  db: DbOrTx,
  id: number,
  values: Partial<typeof groups.$inferInsert>,
): Promise<Group | undefined> {
  const [row] = await db.update(groups).set(values).where(eq(groups.id, id)).returning();
  return row;
}

export async function groupSlugExists(db: DbOrTx, slug: string): Promise<boolean> {
  return Boolean(await findGroupBySlug(db, slug));
}

export async function findGroupById(db: DbOrTx, id: number): Promise<Group | undefined> {
  const [row] = await db.select().from(groups).where(eq(groups.id, id));
  return row;
}

export async function setMembership(
  db: DbOrTx,
  values: {
    groupId: number;
    userId: number;
    role: typeof groupMemberships.$inferInsert.role;
    status: 'active' | 'pending' | 'invited';
  },
) {
  const [row] = await db
    .insert(groupMemberships)
    .values(values)
    .onConflictDoUpdate({
      target: [groupMemberships.groupId, groupMemberships.userId],
      set: { role: values.role, status: values.status },
    })
    .returning();
  return row!;
}

export async function deleteMembership(db: DbOrTx, groupId: number, userId: number): Promise<boolean> {
  const rows = await db
    .delete(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)))
    .returning({ userId: groupMemberships.userId });
  return rows.length > 0;
}

export async function countOwners(db: DbOrTx, groupId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(groupMemberships)
    .where(
      and(
        eq(groupMemberships.groupId, groupId),
        eq(groupMemberships.role, 'owner'),
        eq(groupMemberships.status, 'active'),
      ),
    );
  return row?.n ?? 0;
}

/** People waiting for approval (closed groups) or invited (private groups). */
export async function pendingMembers(db: DbOrTx, groupId: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      jobTitle: users.jobTitle,
      organizationName: organizations.name,
      status: groupMemberships.status,
      since: groupMemberships.createdAt,
    })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(groupMemberships.groupId, groupId), sql`${groupMemberships.status} <> 'active'`))
    .orderBy(asc(groupMemberships.createdAt));
}
