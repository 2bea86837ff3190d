// Twinnings (0023_twinnings.sql): transfers of practices from offering administrations to receiving
// ones, in transfer models with milestones, participants, and the receiving side's outcomes.
import { sql } from 'drizzle-orm';
import { date, integer, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { organizations, users } from './accounts.ts';
import { attachments, groups, threads } from './discussions.ts';
import { practices, PRACTICE_THEMES } from './practices.ts';

export const TWINNING_STATUSES = ['proposed', 'approved', 'in_progress', 'completed', 'closed'] as const;
export type TwinningStatus = (typeof TWINNING_STATUSES)[number];
export const TWINNING_SIDES = ['offering', 'receiving'] as const;
export type TwinningSide = (typeof TWINNING_SIDES)[number];
export const TWINNING_ROLES = ['referent', 'operator', 'expert', 'observer'] as const;
export type TwinningRole = (typeof TWINNING_ROLES)[number];
/** Stored milestone statuses; "late" is derived (not done past its due day). */
export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const TWINNING_OUTCOMES = ['adopted', 'adapted', 'not_adopted'] as const;
export type TwinningOutcome = (typeof TWINNING_OUTCOMES)[number];

export const twinnings = pgTable('twinnings', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  summaryHtml: text('summary_html').notNull().default(''),
  expectedResults: text('expected_results').notNull().default(''),
  expectedResultsHtml: text('expected_results_html').notNull().default(''),
  achievedResults: text('achieved_results').notNull().default(''),
  achievedResultsHtml: text('achieved_results_html').notNull().default(''),
  status: text('status', { enum: TWINNING_STATUSES }).notNull().default('proposed'),
  startsOn: date('starts_on', { mode: 'string' }),
  endsOn: date('ends_on', { mode: 'string' }),
  programme: text('programme').notNull().default(''),
  priorities: text('priorities')
    .array()
    .notNull()
    .default(sql`'{}'`),
  region: text('region'),
  theme: text('theme', { enum: PRACTICE_THEMES }),
  meetingUrl: text('meeting_url'),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'set null' }),
  /** Its "Discussione generale" thread. */
  threadId: integer('thread_id').references(() => threads.id, { onDelete: 'set null' }),
  proposedBy: integer('proposed_by').references(() => users.id, { onDelete: 'set null' }),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  approvedBy: integer('approved_by').references(() => users.id, { onDelete: 'set null' }),
  approvedAt: ts('approved_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const twinningOrganizations = pgTable(
  'twinning_organizations',
  {
    twinningId: integer('twinning_id')
      .notNull()
      .references(() => twinnings.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    side: text('side', { enum: TWINNING_SIDES }).notNull(),
    objectives: text('objectives').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.twinningId, t.organizationId] })],
);

export const twinningPractices = pgTable(
  'twinning_practices',
  {
    twinningId: integer('twinning_id')
      .notNull()
      .references(() => twinnings.id, { onDelete: 'cascade' }),
    practiceId: integer('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.twinningId, t.practiceId] })],
);

export const twinningModels = pgTable(
  'twinning_models',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    twinningId: integer('twinning_id')
      .notNull()
      .references(() => twinnings.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    descriptionHtml: text('description_html').notNull().default(''),
    offeringOrganizationId: integer('offering_organization_id')
      .notNull()
      .references(() => organizations.id),
    receivingOrganizationId: integer('receiving_organization_id')
      .notNull()
      .references(() => organizations.id),
    practiceId: integer('practice_id').references(() => practices.id, { onDelete: 'set null' }),
    responsible: text('responsible').notNull().default(''),
    threadId: integer('thread_id').references(() => threads.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.twinningId, t.code)],
);

export const twinningMilestones = pgTable('twinning_milestones', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  modelId: integer('model_id')
    .notNull()
    .references(() => twinningModels.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  status: text('status', { enum: MILESTONE_STATUSES }).notNull().default('planned'),
  evidence: text('evidence').notNull().default(''),
  /** One of the twinning's documents as evidence (twinning_attachments). */
  evidenceAttachmentId: integer('evidence_attachment_id').references(() => twinningAttachments.attachmentId, {
    onDelete: 'set null',
  }),
  doneOn: date('done_on', { mode: 'string' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const twinningParticipants = pgTable(
  'twinning_participants',
  {
    twinningId: integer('twinning_id')
      .notNull()
      .references(() => twinnings.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: TWINNING_ROLES }).notNull(),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    joinedAt: ts('joined_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.twinningId, t.userId] })],
);

export const twinningOutcomes = pgTable('twinning_outcomes', {
  modelId: integer('model_id')
    .primaryKey()
    .references(() => twinningModels.id, { onDelete: 'cascade' }),
  twinningId: integer('twinning_id')
    .notNull()
    .references(() => twinnings.id, { onDelete: 'cascade' }),
  organizationId: integer('organization_id')
    .notNull()
    .references(() => organizations.id),
  outcome: text('outcome', { enum: TWINNING_OUTCOMES }).notNull(),
  notes: text('notes').notNull().default(''),
  recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'set null' }),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

export const twinningAttachments = pgTable('twinning_attachments', {
  attachmentId: integer('attachment_id')
    .primaryKey()
    .references(() => attachments.id, { onDelete: 'cascade' }),
  twinningId: integer('twinning_id')
    .notNull()
    .references(() => twinnings.id, { onDelete: 'cascade' }),
  addedBy: integer('added_by').references(() => users.id, { onDelete: 'set null' }),
  addedAt: ts('added_at').notNull().defaultNow(),
});

export type Twinning = typeof twinnings.$inferSelect;
export type TwinningModel = typeof twinningModels.$inferSelect;
export type TwinningMilestone = typeof twinningMilestones.$inferSelect;
export type TwinningParticipant = typeof twinningParticipants.$inferSelect;
export type TwinningOutcomeRow = typeof twinningOutcomes.$inferSelect;
