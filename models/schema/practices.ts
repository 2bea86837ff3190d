// The good-practice registry (0013_practices.sql): practices, their co-owners and co-authors,
// published versions, the lifecycle log, the validation protocol, reuse declarations and stories.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { organizations, users } from './accounts.ts';
import { attachments } from './discussions.ts';

export const PRACTICE_STATUSES = ['draft', 'submitted', 'validated', 'published', 'archived'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];
/** Theme areas of practices and of Cerco/Offro posts. */
export const PRACTICE_THEMES = [
  'servizi-impiego',
  'formazione',
  'inclusione-sociale',
  'prima-infanzia',
  'e-government',
  'orientamento',
  'invecchiamento-attivo',
  'osservatori',
] as const;
export type PracticeTheme = (typeof PRACTICE_THEMES)[number];
export const TERRITORIAL_LEVELS = ['national', 'regional', 'provincial', 'municipal', 'local'] as const;
export type TerritorialLevel = (typeof TERRITORIAL_LEVELS)[number];
export const KIT_KINDS = ['manual', 'questionnaire', 'software', 'training', 'other'] as const;
export type KitKind = (typeof KIT_KINDS)[number];
export const VALIDATION_DECISIONS = ['validated', 'returned'] as const;
export type ValidationDecision = (typeof VALIDATION_DECISIONS)[number];
export const REUSE_STATUSES = ['reused', 'reusing'] as const;
export type ReuseStatus = (typeof REUSE_STATUSES)[number];
export const STORY_STATUSES = ['pending', 'published', 'rejected'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export type PracticeIndicator = { name: string; value: string; unit: string; date: string | null };
export type PracticeLink = { label: string; url: string };
export type PracticeComponent = { code: string; title: string; description: string };
export type PracticeKitItem = { kind: KitKind; title: string; url?: string; attachmentId?: number };
/** A run of a field's text: common to both versions, removed or added. */
export type PracticeDiffPart = { text: string; added: boolean; removed: boolean };
export type PracticeFieldDiff = { field: string; parts: PracticeDiffPart[] };
/**
 * What changed from the version before (practice_versions.diff): the fields whose text is the same
 * in every language, and per language those that show coded values in words (theme, level, kit);
 * or, past the diff's budget, only that it is too large to show.
 */
export type PracticeVersionDiff =
  { tooLarge: true } | { tooLarge: false; fields: PracticeFieldDiff[]; labelled: Record<string, PracticeFieldDiff[]> };

export const practices = pgTable('practices', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  status: text('status', { enum: PRACTICE_STATUSES }).notNull().default('draft'),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  description: text('description').notNull().default(''),
  descriptionHtml: text('description_html').notNull().default(''),
  organizationId: integer('organization_id')
    .notNull()
    .references(() => organizations.id),
  contactUserId: integer('contact_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  region: text('region').notNull(),
  territorialLevel: text('territorial_level', { enum: TERRITORIAL_LEVELS }).notNull().default('regional'),
  theme: text('theme', { enum: PRACTICE_THEMES }).notNull(),
  targetUsers: text('target_users').notNull().default(''),
  objectives: text('objectives').notNull().default(''),
  results: text('results').notNull().default(''),
  indicators: jsonb('indicators').$type<PracticeIndicator[]>().notNull().default([]),
  resources: text('resources').notNull().default(''),
  costs: text('costs').notNull().default(''),
  reuseRequirements: text('reuse_requirements').notNull().default(''),
  licence: text('licence').notNull().default(''),
  startedOn: date('started_on', { mode: 'string' }),
  endedOn: date('ended_on', { mode: 'string' }),
  links: jsonb('links').$type<PracticeLink[]>().notNull().default([]),
  components: jsonb('components').$type<PracticeComponent[]>().notNull().default([]),
  kit: jsonb('kit').$type<PracticeKitItem[]>().notNull().default([]),
  tags: text('tags')
    .array()
    .notNull()
    .default(sql`'{}'`),
  // 0016_booklet.sql: the repertory's competences the practice develops.
  competenceCodes: text('competence_codes')
    .array()
    .notNull()
    .default(sql`'{}'`),
  version: integer('version').notNull().default(0),
  validationScore: numeric('validation_score', { precision: 3, scale: 2, mode: 'number' }),
  reuseCount: integer('reuse_count').notNull().default(0),
  submittedAt: ts('submitted_at'),
  validatedAt: ts('validated_at'),
  publishedAt: ts('published_at'),
  archivedAt: ts('archived_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const practiceOrganizations = pgTable(
  'practice_organizations',
  {
    practiceId: integer('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.organizationId] })],
);

export const practiceAuthors = pgTable(
  'practice_authors',
  {
    practiceId: integer('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // 0020_practice_review.sql: taken off the co-authors (they still count as having written it).
    removedAt: ts('removed_at'),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.userId] })],
);

export const practiceVersions = pgTable(
  'practice_versions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    practiceId: integer('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    // 0020_practice_review.sql: computed when written (null: written before, filled on first view).
    diff: jsonb('diff').$type<PracticeVersionDiff>(),
  },
  (t) => [unique().on(t.practiceId, t.version)],
);

export const practiceTransitions = pgTable('practice_transitions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  practiceId: integer('practice_id')
    .notNull()
    .references(() => practices.id, { onDelete: 'cascade' }),
  fromStatus: text('from_status').notNull(),
  toStatus: text('to_status').notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  comment: text('comment').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const validationCriteria = pgTable('validation_criteria', {
  key: text('key').primaryKey(),
  labelIt: text('label_it').notNull(),
  labelEn: text('label_en').notNull(),
  descriptionIt: text('description_it').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

export const practiceValidators = pgTable('practice_validators', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  appointedBy: integer('appointed_by').references(() => users.id, { onDelete: 'set null' }),
  appointedAt: ts('appointed_at').notNull().defaultNow(),
});

export const practiceValidations = pgTable('practice_validations', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  practiceId: integer('practice_id')
    .notNull()
    .references(() => practices.id, { onDelete: 'cascade' }),
  validatorId: integer('validator_id').references(() => users.id, { onDelete: 'set null' }),
  decision: text('decision', { enum: VALIDATION_DECISIONS }).notNull(),
  strengths: text('strengths').notNull().default(''),
  weaknesses: text('weaknesses').notNull().default(''),
  comment: text('comment').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const practiceValidationScores = pgTable(
  'practice_validation_scores',
  {
    validationId: integer('validation_id')
      .notNull()
      .references(() => practiceValidations.id, { onDelete: 'cascade' }),
    criterionKey: text('criterion_key')
      .notNull()
      .references(() => validationCriteria.key),
    score: smallint('score').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.validationId, t.criterionKey] })],
);

export const practiceReuses = pgTable(
  'practice_reuses',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    practiceId: integer('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    declaredBy: integer('declared_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: REUSE_STATUSES }).notNull(),
    startedOn: date('started_on', { mode: 'string' }),
    components: text('components')
      .array()
      .notNull()
      .default(sql`'{}'`),
    adaptationNotes: text('adaptation_notes').notNull().default(''),
    outcome: text('outcome').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.practiceId, t.organizationId)],
);

export const practiceStories = pgTable('practice_stories', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  practiceId: integer('practice_id')
    .notNull()
    .references(() => practices.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  body: text('body').notNull(),
  bodyHtml: text('body_html').notNull().default(''),
  status: text('status', { enum: STORY_STATUSES }).notNull().default('pending'),
  moderatedBy: integer('moderated_by').references(() => users.id, { onDelete: 'set null' }),
  moderatedAt: ts('moderated_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const practiceAttachments = pgTable('practice_attachments', {
  attachmentId: integer('attachment_id')
    .primaryKey()
    .references(() => attachments.id, { onDelete: 'cascade' }),
  practiceId: integer('practice_id')
    .notNull()
    .references(() => practices.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
});

export type Practice = typeof practices.$inferSelect;
export type NewPractice = typeof practices.$inferInsert;
export type PracticeVersion = typeof practiceVersions.$inferSelect;
export type ValidationCriterion = typeof validationCriteria.$inferSelect;
export type PracticeValidation = typeof practiceValidations.$inferSelect;
export type PracticeReuse = typeof practiceReuses.$inferSelect;
export type PracticeStory = typeof practiceStories.$inferSelect;
