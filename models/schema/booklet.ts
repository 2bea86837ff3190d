// The Libretto formativo (0016_booklet.sql): the competence repertory, each person's booklet
// (completed courses, declared experiences with evidence, recognition of prior learning, what their
// profile shows), the credentials the platform issues, and credentials imported from elsewhere.
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { users } from './accounts.ts';
import { courses, type Competence } from './courses.ts';
import { attachments } from './discussions.ts';

export const EXPERIENCE_KINDS = ['formal', 'non_formal', 'informal'] as const;
export type ExperienceKind = (typeof EXPERIENCE_KINDS)[number];
export const COMPETENCE_VALIDATION_STATUSES = ['requested', 'more_info', 'validated', 'refused', 'withdrawn'] as const;
export type CompetenceValidationStatus = (typeof COMPETENCE_VALIDATION_STATUSES)[number];
export const COMPETENCE_VALIDATION_ACTIONS = [
  'requested',
  'more_info',
  'answered',
  'validated',
  'refused',
  'withdrawn',
] as const;
export type CompetenceValidationAction = (typeof COMPETENCE_VALIDATION_ACTIONS)[number];
export const CREDENTIAL_KINDS = ['course', 'competence'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const competenceProfiles = pgTable('competence_profiles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull().default(0),
});

export const competenceAreas = pgTable(
  'competence_areas',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull().unique(),
    profileId: integer('profile_id')
      .notNull()
      .references(() => competenceProfiles.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('competence_areas_profile_idx').on(t.profileId, t.position)],
);

export const competences = pgTable(
  'competences',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull().unique(),
    areaId: integer('area_id')
      .notNull()
      .references(() => competenceAreas.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    knowledge: text('knowledge').notNull().default(''),
    skills: text('skills').notNull().default(''),
    eqfLevel: smallint('eqf_level'),
    escoUri: text('esco_uri'),
    position: integer('position').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('competences_area_idx').on(t.areaId, t.position)],
);

export const bookletCourses = pgTable(
  'booklet_courses',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    completedAt: ts('completed_at').notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    result: text('result').notNull().default(''),
    competences: jsonb('competences').$type<Competence[]>().notNull().default([]),
  },
  (t) => [unique().on(t.userId, t.courseId)],
);

export const bookletExperiences = pgTable('booklet_experiences', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: EXPERIENCE_KINDS }).notNull(),
  title: text('title').notNull(),
  place: text('place').notNull().default(''),
  startedOn: date('started_on', { mode: 'string' }).notNull(),
  endedOn: date('ended_on', { mode: 'string' }),
  hours: numeric('hours', { precision: 7, scale: 1, mode: 'number' }),
  description: text('description').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const bookletExperienceCompetences = pgTable(
  'booklet_experience_competences',
  {
    experienceId: integer('experience_id')
      .notNull()
      .references(() => bookletExperiences.id, { onDelete: 'cascade' }),
    competenceId: integer('competence_id')
      .notNull()
      .references(() => competences.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.experienceId, t.competenceId] })],
);

export const bookletEvidence = pgTable('booklet_evidence', {
  attachmentId: integer('attachment_id')
    .primaryKey()
    .references(() => attachments.id, { onDelete: 'cascade' }),
  experienceId: integer('experience_id')
    .notNull()
    .references(() => bookletExperiences.id, { onDelete: 'cascade' }),
});

export const competenceAssessors = pgTable('competence_assessors', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  appointedBy: integer('appointed_by').references(() => users.id, { onDelete: 'set null' }),
  appointedAt: ts('appointed_at').notNull().defaultNow(),
});

export const competenceValidations = pgTable('competence_validations', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  competenceId: integer('competence_id')
    .notNull()
    .references(() => competences.id, { onDelete: 'restrict' }),
  experienceId: integer('experience_id').references(() => bookletExperiences.id, { onDelete: 'set null' }),
  status: text('status', { enum: COMPETENCE_VALIDATION_STATUSES }).notNull().default('requested'),
  message: text('message').notNull().default(''),
  assessorId: integer('assessor_id').references(() => users.id, { onDelete: 'set null' }),
  level: smallint('level'),
  reason: text('reason').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  decidedAt: ts('decided_at'),
});

export const competenceValidationSteps = pgTable('competence_validation_steps', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  validationId: integer('validation_id')
    .notNull()
    .references(() => competenceValidations.id, { onDelete: 'cascade' }),
  actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
  action: text('action', { enum: COMPETENCE_VALIDATION_ACTIONS }).notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const bookletVisibility = pgTable('booklet_visibility', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  showCourses: boolean('show_courses').notNull().default(false),
  showCompetences: boolean('show_competences').notNull().default(false),
  showCredentials: boolean('show_credentials').notNull().default(false),
  /** The credentials issued from now on carry the e-mail as a salted hash (0022: off unless chosen). */
  emailInCredentials: boolean('email_in_credentials').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const credentials = pgTable('credentials', {
  id: uuid('id').primaryKey(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  kind: text('kind', { enum: CREDENTIAL_KINDS }).notNull(),
  courseId: integer('course_id').references(() => courses.id, { onDelete: 'set null' }),
  competenceId: integer('competence_id').references(() => competences.id, { onDelete: 'set null' }),
  validationId: integer('validation_id').references(() => competenceValidations.id, { onDelete: 'set null' }),
  subjectName: text('subject_name').notNull(),
  achievementTitle: text('achievement_title').notNull(),
  keyId: text('key_id').notNull(),
  token: text('token').notNull(),
  credential: jsonb('credential').$type<Record<string, unknown>>().notNull(),
  issuedAt: ts('issued_at').notNull(),
  revokedAt: ts('revoked_at'),
  revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  revocationReason: text('revocation_reason').notNull().default(''),
});

export const importedCredentials = pgTable(
  'imported_credentials',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull(),
    issuerId: text('issuer_id').notNull(),
    issuerName: text('issuer_name').notNull().default(''),
    achievementTitle: text('achievement_title').notNull().default(''),
    token: text('token').notNull(),
    credential: jsonb('credential').$type<Record<string, unknown>>().notNull(),
    verified: boolean('verified').notNull(),
    checks: jsonb('checks').$type<{ name: string; ok: boolean; message: string }[]>().notNull().default([]),
    checkedAt: ts('checked_at').notNull().defaultNow(),
    importedAt: ts('imported_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.userId, t.credentialId)],
);

export type CompetenceProfile = typeof competenceProfiles.$inferSelect;
export type CompetenceArea = typeof competenceAreas.$inferSelect;
export type CompetenceRow = typeof competences.$inferSelect;
export type BookletCourse = typeof bookletCourses.$inferSelect;
export type BookletExperience = typeof bookletExperiences.$inferSelect;
export type CompetenceValidation = typeof competenceValidations.$inferSelect;
export type Credential = typeof credentials.$inferSelect;
export type ImportedCredential = typeof importedCredentials.$inferSelect;
