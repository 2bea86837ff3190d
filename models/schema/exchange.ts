// Cerco / Offro (0014_exchange.sql): posts of administrations that seek or offer a practice or an
// experience, with their theme, region, optional linked practice and expiry.
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { organizations, users } from './accounts.ts';
import { practices, PRACTICE_THEMES } from './practices.ts';

export const EXCHANGE_KINDS = ['cerco', 'offro'] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export const exchangePosts = pgTable('exchange_posts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind', { enum: EXCHANGE_KINDS }).notNull(),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  organizationId: integer('organization_id')
    .notNull()
    .references(() => organizations.id),
  title: text('title').notNull(),
  description: text('description').notNull(),
  /** The description rendered and sanitized when written (core/markdown.ts). */
  descriptionHtml: text('description_html').notNull().default(''),
  theme: text('theme', { enum: PRACTICE_THEMES }).notNull(),
  region: text('region').notNull(),
  practiceId: integer('practice_id').references(() => practices.id, { onDelete: 'set null' }),
  expiresAt: ts('expires_at').notNull(),
  /** Set when its author marks it solved ("risolto"): it leaves the board like an expired one. */
  closedAt: ts('closed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export type ExchangePost = typeof exchangePosts.$inferSelect;
export type NewExchangePost = typeof exchangePosts.$inferInsert;
