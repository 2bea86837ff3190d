// The activity store: writes from the activity subscriber, reads for the feeds.
import { and, desc, eq, inArray, isNull, lt, gt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { activities, groups, users, type Activity } from '../schema.ts';
import { groupAllowed, type GroupViewer } from './visibility.ts';

export type NewActivity = typeof activities.$inferInsert;

/** Stores an activity; undefined when the event it comes from already stored one. */
export async function insertActivity(db: DbOrTx, values: NewActivity): Promise<Activity | undefined> {
  const [row] = await db
    .insert(activities)
    .values(values)
    .onConflictDoNothing({ target: activities.eventId })
    .returning();
  return row;
}

export async function setHiddenFor(db: DbOrTx, objectType: string, objectId: number, hidden: boolean): Promise<void> {
  await db
    .update(activities)
    .set({ hidden })
    .where(and(eq(activities.objectType, objectType), eq(activities.objectId, objectId)));
}

/** Shows or hides the public rows of one type about one person (what they chose to show on their profile). */
export async function setActorTypeHidden(db: DbOrTx, type: string, actorId: number, hidden: boolean): Promise<void> {
  await db
    .update(activities)
    .set({ hidden })
    .where(and(eq(activities.type, type), eq(activities.actorId, actorId), eq(activities.audience, 'public')));
}

/**
 * Shows or hides a person's public `credential.issued` rows (their choice to show credentials); a
 * revoked credential's row stays hidden whatever they choose.
 */
export async function setCredentialActivitiesHidden(db: DbOrTx, actorId: number, hidden: boolean): Promise<void> {
  await db
    .update(activities)
    .set({ hidden })
    .where(
      and(
        eq(activities.type, 'credential.issued'),
        eq(activities.actorId, actorId),
        eq(activities.audience, 'public'),
        hidden
          ? undefined
          : sql`NOT EXISTS (SELECT 1 FROM credentials c
          WHERE c.revoked_at IS NOT NULL AND ${activities.objectUrl} = '/credenziali/' || c.id::text)`,
      ),
    );
}

/** Hides the rows of one type that link to one address (a revoked credential's announcement). */
export async function hideActivitiesAt(db: DbOrTx, type: string, objectUrl: string): Promise<void> {
  await db
    .update(activities)
    .set({ hidden: true })
    .where(and(eq(activities.type, type), eq(activities.objectUrl, objectUrl)));
}

/**
 * An object's activity from events recorded before `eventId`. An object withdrawn from the feed (an
 * article back to draft) hides its rows: hidden, not deleted, so the publication event delivered
 * again finds its row and adds nothing; and a later event's row (its republication) stays visible
 * however late the withdrawal is delivered.
 */
const earlierActivityOf = (objectType: string, objectId: number, eventId: number) =>
  and(
    eq(activities.objectType, objectType),
    eq(activities.objectId, objectId),
    or(isNull(activities.eventId), lt(activities.eventId, eventId)),
  );

export async function hideActivitiesBefore(
  db: DbOrTx,
  objectType: string,
  objectId: number,
  eventId: number,
): Promise<void> {
  await db
    .update(activities)
    .set({ hidden: true })
    .where(earlierActivityOf(objectType, objectId, eventId));
}

/** An object's activity shows its new title and address (recorded before `eventId`). */
export async function retitleActivitiesBefore(
  db: DbOrTx,
  objectType: string,
  objectId: number,
  eventId: number,
  values: { title: string; url: string },
): Promise<void> {
  await db
    .update(activities)
    .set({ objectTitle: values.title, objectUrl: values.url })
    .where(earlierActivityOf(objectType, objectId, eventId));
}

/**
 * Content changed after the feed told of it: its rows take the new title and group, and with the
 * group their audience (a group's readers, or everyone). Setting values, not toggling: idempotent.
 */
export async function retargetContentActivities(
  db: DbOrTx,
  objectType: string,
  objectId: number,
  values: { title: string; groupId: number | null },
): Promise<void> {
  await db
    .update(activities)
    .set({ objectTitle: values.title, groupId: values.groupId, audience: values.groupId ? 'group' : 'public' })
    .where(
      and(eq(activities.objectType, objectType), eq(activities.objectId, objectId), ne(activities.audience, 'actor')),
    );
}

export async function moveThreadActivities(db: DbOrTx, threadId: number, groupId: number): Promise<void> {
  await db.update(activities).set({ groupId }).where(eq(activities.threadId, threadId));
}

export type Viewer = GroupViewer;

export type FeedScope =
  | { kind: 'global' }
  | { kind: 'group'; groupId: number }
  | { kind: 'user'; userId: number }
  | { kind: 'thread'; threadId: number }
  | { kind: 'network'; userId: number };

export type FeedQuery = {
  scope: FeedScope;
  types?: string[] | undefined;
  before?: number | undefined;
  after?: number | undefined;
  limit: number;
};

const columns = {
  id: activities.id,
  type: activities.type,
  actorId: activities.actorId,
  objectType: activities.objectType,
  objectId: activities.objectId,
  objectTitle: activities.objectTitle,
  objectUrl: activities.objectUrl,
  groupId: activities.groupId,
  threadId: activities.threadId,
  audience: activities.audience,
  hidden: activities.hidden,
  data: activities.data,
  createdAt: activities.createdAt,
  actorName: users.name,
  groupSlug: groups.slug,
  groupName: groups.name,
};

export type ActivityRow = Omit<Activity, 'eventId'> & {
  actorName: string | null;
  groupSlug: string | null;
  groupName: string | null;
};

/**
 * What the viewer may read: public activity outside groups, activity of groups they read
 * (visibility.ts), their own private activity.
 */
function readable(viewer: Viewer): SQL {
  const readsGroup = groupAllowed('read', activities.groupId, viewer);
  // Public activity outside groups, activity of groups the viewer reads (the rule's subquery once),
  // and the viewer's own private activity.
  return sql`(
    (${activities.audience} <> 'actor' AND ((${activities.groupId} IS NULL AND ${activities.audience} = 'public') OR ${readsGroup}))
    OR (${activities.audience} = 'actor' AND ${activities.actorId} = ${viewer?.id ?? -1})
  )`;
}

function scopeCondition(scope: FeedScope): SQL | undefined {
  switch (scope.kind) {
    case 'global':
      return undefined;
    case 'group':
      return eq(activities.groupId, scope.groupId);
    case 'user':
      return eq(activities.actorId, scope.userId);
    case 'thread':
      return eq(activities.threadId, scope.threadId);
    case 'network':
      // My groups, threads I follow, people I follow, and what I did myself.
      return sql`(
        ${activities.actorId} = ${scope.userId}
        OR ${activities.groupId} IN (SELECT gm.group_id FROM group_memberships gm WHERE gm.user_id = ${scope.userId} AND gm.status = 'active')
        OR ${activities.threadId} IN (SELECT s.target_id FROM subscriptions s WHERE s.user_id = ${scope.userId} AND s.target_type = 'thread')
        OR ${activities.actorId} IN (SELECT s.target_id FROM subscriptions s WHERE s.user_id = ${scope.userId} AND s.target_type = 'user')
      )`;
  }
}

/**
 * A Cerco/Offro post leaves the feeds when it leaves the board (closed, or past its expiry, which no
 * event announces) and comes back if it is reopened or extended: its state is read here, not copied.
 */
const stillOnTheBoard = sql`(${activities.objectType} <> 'exchange' OR EXISTS (
  SELECT 1 FROM exchange_posts p WHERE p.id = ${activities.objectId} AND p.closed_at IS NULL AND p.expires_at > now()))`;

/** A page of a feed, newest first (or, with `after`, everything newer, oldest first, for resuming). */
export async function listActivities(db: DbOrTx, viewer: Viewer, q: FeedQuery): Promise<ActivityRow[]> {
  const conds: (SQL | undefined)[] = [
    eq(activities.hidden, false),
    readable(viewer),
    scopeCondition(q.scope),
    stillOnTheBoard,
  ];
  if (q.types?.length) conds.push(inArray(activities.type, q.types));
  if (q.before) conds.push(lt(activities.id, q.before));
  if (q.after !== undefined) conds.push(gt(activities.id, q.after));
  return db
    .select(columns)
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorId))
    .leftJoin(groups, eq(groups.id, activities.groupId))
    .where(and(...conds))
    .orderBy(q.after !== undefined ? activities.id : desc(activities.id))
    .limit(q.limit);
}

export async function findActivity(db: DbOrTx, id: number): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorId))
    .leftJoin(groups, eq(groups.id, activities.groupId))
    .where(eq(activities.id, id));
  return row;
}
