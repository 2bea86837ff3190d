// The information channel: articles (news, press reviews, laws, documents), their tags, press
// items, explicit relations, attached files and revisions.
import { date, integer, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { users } from './accounts.ts';
import { attachments } from './discussions.ts';

export const ARTICLE_KINDS = ['news', 'press', 'law', 'document'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
/** Theme areas ("Area tematica"), from the programme's lines of work. */
export const ARTICLE_THEMES = [
  'servizi-impiego',
  'osservatori',
  'qualita',
  'crisi-ammortizzatori',
  'sistemi-informativi',
  'gemellaggi',
  'lep',
] as const;
export type ArticleTheme = (typeof ARTICLE_THEMES)[number];
export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const LAW_STATUSES = ['in_force', 'repealed'] as const;
export type LawStatus = (typeof LAW_STATUSES)[number];

export const articles = pgTable('articles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  kind: text('kind', { enum: ARTICLE_KINDS }).notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  body: text('body').notNull().default(''),
  bodyHtml: text('body_html').notNull().default(''),
  theme: text('theme', { enum: ARTICLE_THEMES }).notNull(),
  status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
  publishedAt: ts('published_at'),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  lawReference: text('law_reference'),
  lawDate: date('law_date', { mode: 'string' }),
  lawIssuer: text('law_issuer'),
  lawStatus: text('law_status', { enum: LAW_STATUSES }),
  lawUrl: text('law_url'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const articleTags = pgTable(
  'article_tags',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tag] })],
);

export const pressItems = pgTable(
  'press_items',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    newspaper: text('newspaper').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    url: text('url').notNull(),
    summary: text('summary').notNull().default(''),
  },
  (t) => [unique().on(t.articleId, t.position)],
);

export const articleRelations = pgTable(
  'article_relations',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    relatedId: integer('related_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.relatedId] })],
);

export const articleAttachments = pgTable('article_attachments', {
  attachmentId: integer('attachment_id')
    .primaryKey()
    .references(() => attachments.id, { onDelete: 'cascade' }),
  articleId: integer('article_id')
    .notNull()
    .references(() => articles.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
});

export const articleRevisions = pgTable('article_revisions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  articleId: integer('article_id')
    .notNull()
    .references(() => articles.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  body: text('body').notNull(),
  data: jsonb('data').notNull().default({}),
  editedBy: integer('edited_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
export type PressItem = typeof pressItems.$inferSelect;
export type ArticleRevision = typeof articleRevisions.$inferSelect;
