// Queries on notifications and the facts needed to address them. A notification is only ever read
// back through `visibleTo…` queries, which re-check that its recipient may still read the group
// it points into (membership, visibility, a thread moved or deleted since): what someone lost
// access to disappears from their centre, their unread count and their digest.
import { and, desc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import {
  EMAIL_FREQUENCIES,
  groupMemberships,
  groups,
  notifications,
  posts,
  subscriptions,
  threads,
  users,
  type Role,
} from '../schema.ts';
import { groupAllowed } from './visibility.ts';

export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'thread_reply',
  'new_thread',
  'join_request',
  'join_approved',
  'invited',
  'course_request',
  'course_approved',
  'session_seat',
  'event_registered',
  'event_waitlisted',
  'event_promoted',
  'event_reminder',
  'event_cancelled',
  'event_rescheduled',
  'exchange_match',
  'exchange_practice_match',
  'message_report',
  'practice_reused',
  'practice_story',
  'story_published',
  'story_rejected',
  'practice_submitted',
  'practice_returned',
  'practice_validated',
  'practice_published',
  'practice_archived',
  'competence_requested',
  'competence_more_info',
  'competence_answered',
  'competence_validated',
  'competence_refused',
  'competence_withdrawn',
  'credential_issued',
  'credential_revoked',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification remembers of its subject when it is created (for e-mails and as a fallback). */
export type NotificationData = {
  threadTitle?: string;
  groupName?: string;
  groupSlug?: string;
  excerpt?: string;
  actorName?: string;
  /** A course notification: the course's title, the session's, and the page to open. */
  title?: string;
  session?: string;
  url?: string;
};

export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  actorId: number | null;
  groupId: number | null;
  threadId: number | null;
  postId: number | null;
  data: NotificationData;
};

const recipient = alias(users, 'recipient');
const actor = alias(users, 'actor');

/** The group a notification points into: its thread's group now (threads move), else its own. */
const effectiveGroupId = sql`coalesce(${threads.groupId}, ${notifications.groupId})`;

/**
 * The recipient (`userId`, joined as `recipient`) still reads the group (visibility.ts; an
 * invitation needs only to see it), and the thread is not deleted.
 */
function stillVisible(userId: number): SQL {
  const reader = { id: userId, role: recipient.role };
  return sql`(
  (${groups.id} IS NULL
    OR ${groupAllowed('read', groups.id, reader)}
    OR (${notifications.kind} = 'invited' AND ${groupAllowed('see', groups.id, reader)}))
  AND (${threads.id} IS NULL OR ${threads.deletedAt} IS NULL))`;
}

export type NotificationRow = {
  id: number;
  kind: string;
  createdAt: Date;
  readAt: Date | null;
  emailedAt: Date | null;
  data: NotificationData;
  actorId: number | null;
  actorName: string | null;
  threadId: number | null;
  threadTitle: string | null;
  postId: number | null;
  postVisible: boolean;
  groupSlug: string | null;
  groupName: string | null;
  total: number;
};

export type NotificationFilter = {
  unreadOnly?: boolean;
  ids?: number[];
  createdFrom?: Date;
  createdBefore?: Date;
  notEmailed?: boolean;
};

function filterWhere(userId: number, f: NotificationFilter): SQL {
  const conds: SQL[] = [eq(notifications.userId, userId), stillVisible(userId)];
  if (f.unreadOnly) conds.push(isNull(notifications.readAt));
  if (f.ids) conds.push(f.ids.length ? inArray(notifications.id, f.ids) : sql`false`);
  if (f.createdFrom) conds.push(gte(notifications.createdAt, f.createdFrom));
  if (f.createdBefore) conds.push(lt(notifications.createdAt, f.createdBefore));
  if (f.notEmailed) conds.push(isNull(notifications.emailedAt));
  return and(...conds)!;
}

/** One page of a person's notifications, newest first, with what a page shows of each (one query). */
export async function listVisibleNotifications(
  db: DbOrTx,
  userId: number,
  filter: NotificationFilter,
  page: { limit: number; offset?: number },
): Promise<NotificationRow[]> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      emailedAt: notifications.emailedAt,
      data: notifications.data,
      actorId: notifications.actorId,
      actorName: actor.name,
      threadId: notifications.threadId,
      threadTitle: threads.title,
      postId: notifications.postId,
      postVisible: sql<boolean>`(${posts.id} IS NOT NULL AND ${posts.deletedAt} IS NULL AND ${posts.hiddenAt} IS NULL)`,
      groupSlug: groups.slug,
      groupName: groups.name,
      total: sql<number>`(count(*) OVER ())::int`,
    })
    .from(notifications)
    .innerJoin(recipient, eq(recipient.id, notifications.userId))
    .leftJoin(threads, eq(threads.id, notifications.threadId))
    .leftJoin(groups, eq(groups.id, effectiveGroupId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(actor, eq(actor.id, notifications.actorId))
    .where(filterWhere(userId, filter))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return rows.map((r) => ({ ...r, data: (r.data ?? {}) as NotificationData }));
}

/** Unread notifications a person may still see: the header's badge (one indexed query). */
export async function countUnreadVisible(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await unreadVisibleQuery(db, userId);
  return row?.n ?? 0;
}

/** The query behind countUnreadVisible, to be awaited or used as a subquery. */
export function unreadVisibleQuery(db: DbOrTx, userId: number) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .innerJoin(recipient, eq(recipient.id, notifications.userId))
    .leftJoin(threads, eq(threads.id, notifications.threadId))
    .leftJoin(groups, eq(groups.id, effectiveGroupId))
    .where(filterWhere(userId, { unreadOnly: true }));
}

/** Marks some (or, without ids, all) of a person's notifications read; returns how many changed. */
export async function markRead(db: DbOrTx, userId: number, ids?: number[]): Promise<number> {
  const conds = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids) {
    if (!ids.length) return 0;
    conds.push(inArray(notifications.id, ids));
  }
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(...conds))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Stores notifications; those an earlier delivery of the same event stored already are skipped. */
export async function insertNotifications(
  db: DbOrTx,
  values: NewNotification[],
): Promise<{ id: number; userId: number }[]> {
  if (!values.length) return [];
  return db
    .insert(notifications)
    .values(values)
    .onConflictDoNothing({ target: [notifications.eventId, notifications.userId] })
    .returning({ id: notifications.id, userId: notifications.userId });
}

/** The notifications an event produced that have not been e-mailed yet. */
export async function unmailedOfEvent(db: DbOrTx, eventId: number): Promise<{ id: number; userId: number }[]> {
  return db
    .select({ id: notifications.id, userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.eventId, eventId), isNull(notifications.emailedAt)));
}

export async function setEmailed(db: DbOrTx, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db.update(notifications).set({ emailedAt: new Date() }).where(inArray(notifications.id, ids));
}

// --- Addressing ------------------------------------------------------------------------------

export type Recipient = {
  id: number;
  name: string;
  email: string;
  role: Role;
  organizationId: number | null;
  locale: 'it' | 'en';
  emailFrequency: (typeof EMAIL_FREQUENCIES)[number];
  membershipRole: 'owner' | 'moderator' | 'member' | null;
  membershipStatus: 'active' | 'pending' | 'invited' | null;
};

/** People by id, each with their membership of the group (null when they have none, or no group is given). */
export async function recipientsWithMembership(
  db: DbOrTx,
  groupId: number | null,
  userIds: number[],
): Promise<Recipient[]> {
  if (!userIds.length) return [];
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      organizationId: users.organizationId,
      locale: users.locale,
      emailFrequency: users.emailFrequency,
      membershipRole: groupMemberships.role,
      membershipStatus: groupMemberships.status,
    })
    .from(users)
    .leftJoin(
      groupMemberships,
      and(eq(groupMemberships.userId, users.id), groupId === null ? sql`false` : eq(groupMemberships.groupId, groupId)),
    )
    .where(inArray(users.id, userIds));
}

export async function subscriberIds(db: DbOrTx, targetType: 'thread' | 'group', targetId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: subscriptions.userId })
    .from(subscriptions)
    .where(and(eq(subscriptions.targetType, targetType), eq(subscriptions.targetId, targetId)));
  return rows.map((r) => r.userId);
}

/** Active owners and moderators of a group. */
export async function groupStaffIds(db: DbOrTx, groupId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: groupMemberships.userId })
    .from(groupMemberships)
    .where(
      and(
        eq(groupMemberships.groupId, groupId),
        eq(groupMemberships.status, 'active'),
        or(eq(groupMemberships.role, 'owner'), eq(groupMemberships.role, 'moderator')),
      ),
    );
  return rows.map((r) => r.userId);
}

/** A post with its thread and group, as a notification about it needs them. */
export async function postContext(db: DbOrTx, postId: number) {
  const [row] = await db
    .select({
      postId: posts.id,
      body: posts.body,
      postGone: sql<boolean>`(${posts.deletedAt} IS NOT NULL OR ${posts.hiddenAt} IS NOT NULL)`,
      threadId: threads.id,
      threadTitle: threads.title,
      threadGone: sql<boolean>`(${threads.deletedAt} IS NOT NULL)`,
      group: { id: groups.id, slug: groups.slug, name: groups.name, visibility: groups.visibility },
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(groups, eq(groups.id, threads.groupId))
    .where(eq(posts.id, postId));
  return row;
}

export async function groupById(db: DbOrTx, groupId: number) {
  const [row] = await db
    .select({ id: groups.id, slug: groups.slug, name: groups.name, visibility: groups.visibility })
    .from(groups)
    .where(eq(groups.id, groupId));
  return row;
}

// --- Digests -----------------------------------------------------------------------------------

export type DigestUser = { id: number; name: string; email: string; locale: 'it' | 'en' };

/** People on the daily digest with notifications created in [from, before) not yet e-mailed. */
export async function digestRecipients(db: DbOrTx, from: Date, before: Date): Promise<DigestUser[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(
      and(
        eq(users.emailFrequency, 'daily'),
        sql`EXISTS (SELECT 1 FROM ${notifications} n WHERE n.user_id = ${users.id} AND n.emailed_at IS NULL
                     AND n.created_at >= ${from.toISOString()}::timestamptz AND n.created_at < ${before.toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(users.id);
}

/** Whether someone already caused a notification of this kind about this group since a moment. */
export async function notifiedSince(
  db: DbOrTx,
  f: { kind: NotificationKind; actorId: number; groupId: number; since: Date },
): Promise<boolean> {
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.kind, f.kind),
        eq(notifications.actorId, f.actorId),
        eq(notifications.groupId, f.groupId),
        gt(notifications.createdAt, f.since),
      ),
    )
    .limit(1);
  return Boolean(row);
}
