// Read queries on groups used by home and profile pages (the groups feature owns the writes).
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { groupMemberships, groups, organizations, users, type Group } from '../schema.ts';

export type GroupSummary = Pick<Group, 'id' | 'slug' | 'name' | 'description' | 'theme' | 'visibility'> & { memberCount: number };

const summary = {
  id: groups.id,
  slug: groups.slug,
  name: groups.name,
  description: groups.description,
  theme: groups.theme,
  visibility: groups.visibility,
  memberCount: sql<number>`(SELECT count(*)::int FROM group_memberships gm WHERE gm.group_id = ${groups.id} AND gm.status = 'active')`,
};

/** Groups the viewer may know exist: public and closed ones, plus private ones they belong to. */
export async function listVisibleGroups(db: DbOrTx, viewerId: number | null): Promise<GroupSummary[]> {
  const visible = viewerId
    ? sql`(${groups.visibility} <> 'private' OR EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.group_id = ${groups.id} AND gm.user_id = ${viewerId} AND gm.status = 'active'))`
    : sql`${groups.visibility} <> 'private'`;
  return db.select(summary).from(groups).where(visible).orderBy(desc(summary.memberCount), asc(groups.name));
}

export async function insertGroup(db: DbOrTx, values: typeof groups.$inferInsert): Promise<Group> {
  const [row] = await db.insert(groups).values(values).returning();
  return row!;
}

export async function addMembership(
  db: DbOrTx,
  values: typeof groupMemberships.$inferInsert,
): Promise<void> {
  await db.insert(groupMemberships).values(values).onConflictDoNothing();
}

/** Active groups of a member that the viewer may see. */
export async function groupsOfUser(db: DbOrTx, userId: number, viewerId: number | null): Promise<(GroupSummary & { role: string })[]> {
  const visible = sql`(${groups.visibility} <> 'private' OR EXISTS (SELECT 1 FROM group_memberships v WHERE v.group_id = ${groups.id} AND v.user_id = ${viewerId ?? -1} AND v.status = 'active'))`;
  return db
    .select({ ...summary, role: groupMemberships.role })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(and(eq(groupMemberships.userId, userId), eq(groupMemberships.status, 'active'), visible))
    .orderBy(asc(groups.name));
}

export async function countGroups(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(groups).where(sql`${groups.visibility} <> 'private'`);
  return row?.n ?? 0;
}


export async function findGroupBySlug(db: DbOrTx, slug: string): Promise<Group | undefined> {
  const [row] = await db.select().from(groups).where(eq(groups.slug, slug));
  return row;
}

export async function findMembership(db: DbOrTx, groupId: number, userId: number) {
  const [row] = await db
    .select()
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
  return row;
}

/** Active members of a group with their group role: owners, then moderators, then members by name. */
export async function groupMembers(db: DbOrTx, groupId: number) {
  return db
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
    .orderBy(
      sql`CASE ${groupMemberships.role} WHEN 'owner' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END`,
      asc(users.name),
    );
}
