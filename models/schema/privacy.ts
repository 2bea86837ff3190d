// Privacy (0029_privacy.sql): the site-wide settings (the deletion rule), the log of exports and
// deletions, and the editable privacy and cookie texts. (users.deleted_at is in accounts.ts.)
import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { users } from './accounts.ts';

export const privacySettings = pgTable('privacy_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

export const privacyLog = pgTable('privacy_log', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind', { enum: ['export', 'deletion'] }).notNull(),
  /** The person who exported, or the former id of a deleted account: no foreign key on purpose. */
  subjectId: integer('subject_id').notNull(),
  via: text('via', { enum: ['web', 'api'] })
    .notNull()
    .default('web'),
  rule: text('rule'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const siteTexts = pgTable(
  'site_texts',
  {
    key: text('key', { enum: ['privacy', 'cookie'] }).notNull(),
    locale: text('locale', { enum: ['it', 'en'] }).notNull(),
    body: text('body').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.key, t.locale] })],
);
