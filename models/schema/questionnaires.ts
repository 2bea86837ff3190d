// Self-assessment questionnaires (0024_questionnaires.sql): the questionnaire with its structure as one
// validated document, the responses with their answers and scores per dimension, and the improvement
// plans an administration draws from its result.
import { date, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { organizations, users } from './accounts.ts';
import { groups } from './discussions.ts';

export const QUESTIONNAIRE_AUDIENCES = ['anyone', 'members', 'group'] as const;
export type QuestionnaireAudience = (typeof QUESTIONNAIRE_AUDIENCES)[number];
export const QUESTIONNAIRE_SUBJECTS = ['person', 'organisation', 'group'] as const;
export type QuestionnaireSubject = (typeof QUESTIONNAIRE_SUBJECTS)[number];
export const QUESTION_TYPES = ['single', 'multiple', 'likert', 'number', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const BAND_KINDS = ['improve', 'neutral', 'strength'] as const;
export type BandKind = (typeof BAND_KINDS)[number];
export const PLAN_ACTION_STATUSES = ['todo', 'doing', 'done'] as const;
export type PlanActionStatus = (typeof PLAN_ACTION_STATUSES)[number];

export type QuestionOption = { value: string; label: string; score: number };
export type Question = {
  id: string;
  type: QuestionType;
  text: string;
  help: string;
  required: boolean;
  options: QuestionOption[];
  min: number | null;
  max: number | null;
  /** Weight of this question in each dimension it measures. */
  weights: Record<string, number>;
  /** Shown only when another question's answer equals (or, for multiple choice, includes) a value. */
  showIf: { question: string; equals: string } | null;
};
export type QuestionnaireSection = { key: string; title: string; intro: string; questions: Question[] };
export type ResultBand = { min: number; max: number; label: string; kind: BandKind; advice: string };
export type Dimension = {
  key: string;
  title: string;
  description: string;
  bands: ResultBand[];
  /** What develops the dimension: courses (slugs), practice themes, repertory competences (codes). */
  courses: string[];
  themes: string[];
  competences: string[];
};
export type QuestionnaireDefinition = { sections: QuestionnaireSection[]; dimensions: Dimension[] };
export type Answers = Record<string, unknown>;
export type Scores = Record<string, number>;

export const questionnaires = pgTable('questionnaires', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  intro: text('intro').notNull().default(''),
  introHtml: text('intro_html').notNull().default(''),
  audience: text('audience', { enum: QUESTIONNAIRE_AUDIENCES }).notNull(),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'set null' }),
  subject: text('subject', { enum: QUESTIONNAIRE_SUBJECTS }).notNull().default('person'),
  status: text('status', { enum: ['draft', 'published'] })
    .notNull()
    .default('draft'),
  source: text('source', { enum: ['file', 'web'] })
    .notNull()
    .default('file'),
  definition: jsonb('definition').$type<QuestionnaireDefinition>().notNull(),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: ts('published_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type Questionnaire = typeof questionnaires.$inferSelect;

export const questionnaireResponses = pgTable('questionnaire_responses', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  questionnaireId: integer('questionnaire_id')
    .notNull()
    .references(() => questionnaires.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  draftToken: text('draft_token').unique(),
  organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
  region: text('region'),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'set null' }),
  status: text('status', { enum: ['draft', 'submitted'] })
    .notNull()
    .default('draft'),
  answers: jsonb('answers').$type<Answers>().notNull().default({}),
  scores: jsonb('scores').$type<Scores>(),
  submittedAt: ts('submitted_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type QuestionnaireResponse = typeof questionnaireResponses.$inferSelect;

export const improvementPlans = pgTable('improvement_plans', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  questionnaireId: integer('questionnaire_id')
    .notNull()
    .references(() => questionnaires.id, { onDelete: 'cascade' }),
  organizationId: integer('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  responseId: integer('response_id').references(() => questionnaireResponses.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type ImprovementPlan = typeof improvementPlans.$inferSelect;

export const improvementPlanActions = pgTable('improvement_plan_actions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  planId: integer('plan_id')
    .notNull()
    .references(() => improvementPlans.id, { onDelete: 'cascade' }),
  dimension: text('dimension').notNull(),
  title: text('title').notNull(),
  ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
  dueDate: date('due_date'),
  status: text('status', { enum: PLAN_ACTION_STATUSES }).notNull().default('todo'),
  indicator: text('indicator').notNull().default(''),
  position: integer('position').notNull().default(0),
  doneAt: ts('done_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type ImprovementPlanAction = typeof improvementPlanActions.$inferSelect;
