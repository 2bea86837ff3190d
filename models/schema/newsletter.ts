// The Notiziario: periodic issues and their deliveries (models/migrations/0010_newsletter.sql).
import { date, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { ts } from './columns.ts';

export const NEWSLETTER_STATUSES = ['draft', 'sent'] as const;

/** One item of an issue's section, as assembled when the issue was drafted. */
export type NewsletterItem = { title: string; url: string; summary?: string; date?: string; meta?: string };
export type NewsletterSection = { key: string; items: NewsletterItem[]; total: number };

export const newsletterIssues = pgTable(
  'newsletter_issues',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    number: integer('number').notNull().unique(),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    introHtml: text('intro_html').notNull().default(''),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    content: jsonb('content').$type<NewsletterSection[]>().notNull().default([]),
    status: text('status', { enum: NEWSLETTER_STATUSES }).notNull().default('draft'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    sentBy: integer('sent_by').references(() => users.id, { onDelete: 'set null' }),
    recipients: integer('recipients').notNull().default(0),
  },
  (t) => [index('newsletter_issues_sent_idx').on(t.status, t.sentAt.desc())],
);

export const newsletterDeliveries = pgTable(
  'newsletter_deliveries',
  {
    issueId: integer('issue_id')
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sentAt: ts('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.userId] })],
);

export type NewsletterIssue = typeof newsletterIssues.$inferSelect;
