// Activity: subscriptions, notifications, the e-mail outbox, digest and job runs, and the activity feed.
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { users } from './accounts.ts';
import { groups, posts, threads } from './discussions.ts';

export const subscriptions = pgTable(
  'subscriptions',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetType: text('target_type', { enum: ['thread', 'group', 'user'] }).notNull(),
    targetId: integer('target_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] })],
);

export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    groupId: integer('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    threadId: integer('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
    postId: integer('post_id').references(() => posts.id, { onDelete: 'cascade' }),
    data: jsonb('data').notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
    emailedAt: ts('emailed_at'),
    /** The domain event it came from: a redelivered event does not notify twice (unique with user_id). */
    eventId: bigint('event_id', { mode: 'number' }),
  },
  (t) => [unique('notifications_event_user_key').on(t.eventId, t.userId)],
);

export const outbox = pgTable('outbox', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body'),
  createdAt: ts('created_at').notNull().defaultNow(),
  sentAt: ts('sent_at'),
  error: text('error'),
});

export const digestRuns = pgTable(
  'digest_runs',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    periodStart: date('period_start').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
    notificationCount: integer('notification_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.periodStart] })],
);

export const jobRuns = pgTable(
  'job_runs',
  {
    name: text('name').notNull(),
    runKey: text('run_key').notNull(),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.name, t.runKey] })],
);

export const ACTIVITY_AUDIENCES = ['public', 'group', 'actor'] as const;

export const activities = pgTable('activities', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  type: text('type').notNull(),
  actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
  objectType: text('object_type').notNull(),
  objectId: integer('object_id').notNull(),
  objectTitle: text('object_title').notNull().default(''),
  objectUrl: text('object_url').notNull(),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'cascade' }),
  threadId: integer('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
  audience: text('audience', { enum: ACTIVITY_AUDIENCES }).notNull().default('public'),
  hidden: boolean('hidden').notNull().default(false),
  data: jsonb('data').notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** The domain event it came from (unique): a redelivered event does not record it twice. */
  eventId: bigint('event_id', { mode: 'number' }).unique('activities_event_key'),
});

export type Notification = typeof notifications.$inferSelect;
export type Activity = typeof activities.$inferSelect;
