// The events calendar (0008_calendar_events.sql): events of every kind, course sessions included,
// and the one registrations table they share (waiting list, attendance).
import { boolean, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { users } from './accounts.ts';
import { courses } from './courses.ts';
import { groups } from './discussions.ts';
import { twinnings } from './twinnings.ts';

export const CALENDAR_EVENT_KINDS = [
  'regional',
  'interregional',
  'workshop',
  'webinar',
  'open_day',
  'course_session',
] as const;
export type CalendarEventKind = (typeof CALENDAR_EVENT_KINDS)[number];
export const EVENT_MODES = ['presence', 'online', 'hybrid'] as const;
export const REGISTRATION_STATUSES = ['registered', 'waiting'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const calendarEvents = pgTable('calendar_events', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind', { enum: CALENDAR_EVENT_KINDS }).notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** The description rendered and sanitized when written; '' for rows older than 0011 until first shown. */
  descriptionHtml: text('description_html').notNull().default(''),
  mode: text('mode', { enum: EVENT_MODES }).notNull().default('presence'),
  place: text('place').notNull().default(''),
  /** The meeting room of an online event: registered people only. */
  url: text('url'),
  /** The live stream: registered people, from 30 minutes before the start. */
  streamingUrl: text('streaming_url'),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  /** null: no limit. */
  seats: integer('seats'),
  courseId: integer('course_id').references(() => courses.id, { onDelete: 'cascade' }),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'cascade' }),
  /** The extension point for twinnings (their foreign key comes with them). */
  twinningId: integer('twinning_id').references(() => twinnings.id, { onDelete: 'set null' }),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  cancelledAt: ts('cancelled_at'),
  remindedAt: ts('reminded_at'),
});

export const eventRegistrations = pgTable(
  'event_registrations',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => calendarEvents.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    registeredAt: ts('registered_at').notNull().defaultNow(),
    attended: boolean('attended'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

/** The generation of a person's private calendar address (no row: 0, the first address). */
export const calendarFeedKeys = pgTable('calendar_feed_keys', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  generation: integer('generation').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export type CalendarEvent = typeof calendarEvents.$inferSelect;
export type EventRegistration = typeof eventRegistrations.$inferSelect;

/** A course's session is a calendar event of kind course_session: the courses code keeps its word for it. */
export const courseSessions = calendarEvents;
export type CourseSession = CalendarEvent;
