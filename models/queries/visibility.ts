// Which groups a viewer may read, and which they may know exist: the one definition. The groups
// policy (canSeeGroup, canReadGroup) evaluates it on a loaded group and membership; every query
// and live room that filters by group uses the SQL built here from the same table, so the two
// cannot drift.
//
// The rule
// - "see" (the group exists: its name, description and counts in lists, its page header, the
//   groups a member belongs to on a profile): public and closed groups for everyone, anonymous
//   visitors included; a private group only for its active members, the people invited to it,
//   and site admins.
// - "read" (its content: discussions, posts, members, attachments, activity in feeds,
//   notifications about it, its live rooms and its course's room): a public group for everyone; a
//   closed or private group only for its active members and site admins.
// - A pending request (closed group) gives nothing more than no membership: the group is seen,
//   not read. An invitation (private group) lets the invited person see the group (to accept), not
//   read it. A removed member has no membership row any more: an outsider again.
// - Site admins see and read every group. Animators have no reading right of their own: they
//   moderate and manage what they may see (groups.policy.ts), and read what members read.
// - Group roles (owner, moderator) change what an active member may do, never what they may read.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { GroupVisibility, Role } from '../schema.ts';

export type GroupAccessLevel = 'see' | 'read';
export type MembershipStatus = 'active' | 'pending' | 'invited';

type AccessRule = {
  /** Visibilities granting the level to everyone, anonymous visitors included. */
  everyone: readonly GroupVisibility[];
  /** Membership statuses granting it, whatever the visibility. */
  statuses: readonly MembershipStatus[];
  /** Site roles granting it on every group. */
  siteRoles: readonly Role[];
};

export const GROUP_ACCESS: Record<GroupAccessLevel, AccessRule> = {
  see: { everyone: ['public', 'closed'], statuses: ['active', 'invited'], siteRoles: ['admin'] },
  read: { everyone: ['public'], statuses: ['active'], siteRoles: ['admin'] },
};

/** Who is looking: a signed-in person (id and site role) or nobody. */
export type GroupViewer = { id: number; role: Role } | null;

/** The rule on one group, given the viewer's membership status there (none: null). */
export function groupAccessAllows(
  level: GroupAccessLevel,
  viewer: GroupViewer,
  visibility: GroupVisibility,
  status: MembershipStatus | null | undefined,
): boolean {
  const rule = GROUP_ACCESS[level];
  if (rule.everyone.includes(visibility)) return true;
  if (!viewer) return false;
  return (status != null && rule.statuses.includes(status)) || rule.siteRoles.includes(viewer.role);
}

/** The visibilities whose content everyone reads (their activity goes to the public feed room). */
export const readableByEveryone = (visibility: GroupVisibility): boolean =>
  GROUP_ACCESS.read.everyone.includes(visibility);

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** SQL twin of readableByEveryone, on a visibility column. */
export const readableByEveryoneSql = (visibility: SQLWrapper): SQL =>
  sql`${visibility} IN (${list(GROUP_ACCESS.read.everyone)})`;

/**
 * A viewer whose site role is a column of the query (a notification's recipient, joined): the
 * site-role part of the rule is then decided row by row, the membership part once for `id`.
 */
export type GroupViewerSql = { id: number; role: SQLWrapper };

/** Groups open to everyone at this level, or where `userId` has a membership that grants it. */
function byVisibilityOrMembership(level: GroupAccessLevel, userId: number | null): SQL {
  const rule = GROUP_ACCESS[level];
  const everyone = sql`g.visibility IN (${list(rule.everyone)})`;
  if (userId === null) return sql`(SELECT g.id FROM groups g WHERE ${everyone})`;
  const member = sql`EXISTS (SELECT 1 FROM group_memberships vm WHERE vm.group_id = g.id AND vm.user_id = ${userId} AND vm.status IN (${list(rule.statuses)}))`;
  return sql`(SELECT g.id FROM groups g WHERE ${everyone} OR ${member})`;
}

const grantedBySiteRole = (level: GroupAccessLevel, viewer: GroupViewer): boolean =>
  Boolean(viewer && GROUP_ACCESS[level].siteRoles.includes(viewer.role));

/**
 * The ids of the groups the viewer may see or read, as a subquery: `inArray(col, groupIdsFor(…))`.
 * It does not depend on the outer query (PostgreSQL computes it once), and its table aliases are
 * written out so it never binds to a column of the outer query.
 */
export function groupIdsFor(level: GroupAccessLevel, viewer: GroupViewer): SQL {
  if (grantedBySiteRole(level, viewer)) return sql`(SELECT g.id FROM groups g)`;
  return byVisibilityOrMembership(level, viewer?.id ?? null);
}

/** Groups whose content the viewer may read (discussions, members, activity, live rooms). */
export const readableGroupIds = (viewer: GroupViewer): SQL => groupIdsFor('read', viewer);

/** Groups the viewer may know exist (lists, profiles, the group page's header). */
export const visibleGroupIds = (viewer: GroupViewer): SQL => groupIdsFor('see', viewer);

/** `groupId` is a group the viewer may see or read (true for a site admin, without a subquery). */
export function groupAllowed(level: GroupAccessLevel, groupId: SQLWrapper, viewer: GroupViewer | GroupViewerSql): SQL {
  if (viewer && typeof viewer.role !== 'string') {
    return sql`(${viewer.role} IN (${list(GROUP_ACCESS[level].siteRoles)}) OR ${groupId} IN ${byVisibilityOrMembership(level, viewer.id)})`;
  }
  const known = viewer as GroupViewer;
  if (grantedBySiteRole(level, known)) return sql`true`;
  return sql`${groupId} IN ${groupIdsFor(level, known)}`;
}

// Courses: SQL twins of courses.policy.ts (canManageCourse, canSeeCourse, canStudyCourse), for the
// queries that filter many courses at once (search). `course` is the alias of a `courses` row in
// the outer query, written by the caller's code, never by a user.
//
// - manage: site admins; animators who run the course (course_animators) or created it.
// - see: published courses for everyone; drafts for those who manage them.
// - study (its lessons): published open courses for everyone, published courses with approval for
//   their active learners, and every course for those who manage it.

export type CourseAccessLevel = 'see' | 'study';

function courseManagedBy(course: SQL, viewer: GroupViewer): SQL {
  if (!viewer || (viewer.role !== 'admin' && viewer.role !== 'animator')) return sql`false`;
  if (viewer.role === 'admin') return sql`true`;
  return sql`(${course}.created_by = ${viewer.id} OR EXISTS (SELECT 1 FROM course_animators vca WHERE vca.course_id = ${course}.id AND vca.user_id = ${viewer.id}))`;
}

/** The course aliased `alias` is one the viewer may see, or whose lessons they may study. */
export function courseAllowed(level: CourseAccessLevel, alias: string, viewer: GroupViewer): SQL {
  const course = sql.raw(alias);
  const published = sql`${course}.status = 'published'`;
  const manage = courseManagedBy(course, viewer);
  if (level === 'see') return sql`(${published} OR ${manage})`;
  const learner = viewer
    ? sql`EXISTS (SELECT 1 FROM course_enrolments vce WHERE vce.course_id = ${course}.id AND vce.user_id = ${viewer.id} AND vce.status = 'active')`
    : sql`false`;
  return sql`((${published} AND (${course}.enrolment = 'open' OR ${learner})) OR ${manage})`;
}
