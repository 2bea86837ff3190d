// Blended e-learning (0004_courses.sql): courses, their content, enrolments, quizzes, xAPI statements.
// A course's sessions are calendar events of kind course_session (calendar.ts).
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { users } from './accounts.ts';
import { groups, threads } from './discussions.ts';

export const COURSE_LEVELS = ['base', 'intermedio', 'avanzato'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];
export const COURSE_ENROLMENTS = ['open', 'approval'] as const;
export const COURSE_STATUSES = ['draft', 'published'] as const;
export const LESSON_KINDS = ['reading', 'video', 'activity'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];
export const QUESTION_KINDS = ['single', 'multiple', 'truefalse', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const SESSION_MODES = ['presence', 'online'] as const;

export type Competence = { code: string; title: string };
export type CourseAnimator = { handle: string | null; name: string };
export type CompletionRule = { lessons: boolean; quizzes: boolean; attendance: number };
export type QuizChoice = { id: string; text: string; feedback: string };
/** A question as stored, answers included; learners get it without `answer`/`expected`/feedback. */
export type QuizQuestion = {
  id: string;
  kind: QuestionKind;
  text: string;
  points: number;
  choices: QuizChoice[];
  /** Correct choice ids (single: one; truefalse: "true" or "false"). */
  answer: string[];
  /** Accepted answers of a text question. */
  expected: string[];
  explanation: string;
};
export type QuestionResult = { id: string; correct: boolean; points: number; maxPoints: number };

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const courses = pgTable('courses', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  description: text('description').notNull().default(''),
  descriptionHtml: text('description_html').notNull().default(''),
  audience: text('audience').notNull().default(''),
  theme: text('theme').notNull().default(''),
  hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull().default(1),
  level: text('level', { enum: COURSE_LEVELS }).notNull().default('base'),
  language: text('language').notNull().default('it'),
  enrolment: text('enrolment', { enum: COURSE_ENROLMENTS }).notNull().default('open'),
  licence: text('licence').notNull().default(''),
  competences: jsonb('competences').$type<Competence[]>().notNull().default([]),
  animators: jsonb('animators').$type<CourseAnimator[]>().notNull().default([]),
  completion: jsonb('completion')
    .$type<CompletionRule>()
    .notNull()
    .default({ lessons: true, quizzes: true, attendance: 0 }),
  status: text('status', { enum: COURSE_STATUSES }).notNull().default('draft'),
  version: integer('version').notNull().default(1),
  publishedHash: text('published_hash'),
  source: text('source', { enum: ['file', 'web'] })
    .notNull()
    .default('web'),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'set null' }),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  publishedAt: ts('published_at'),
});

export const courseAnimators = pgTable(
  'course_animators',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] })],
);

export const courseFiles = pgTable(
  'course_files',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    mime: text('mime').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.path] })],
);

export const courseModules = pgTable(
  'course_modules',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    position: integer('position').notNull(),
  },
  (t) => [unique().on(t.courseId, t.slug)],
);

export const courseLessons = pgTable(
  'course_lessons',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    moduleId: integer('module_id')
      .notNull()
      .references(() => courseModules.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    minutes: integer('minutes').notNull().default(10),
    kind: text('kind', { enum: LESSON_KINDS }).notNull().default('reading'),
    videoUrl: text('video_url'),
    body: text('body').notNull().default(''),
    bodyHtml: text('body_html').notNull().default(''),
    threadId: integer('thread_id').references(() => threads.id, { onDelete: 'set null' }),
  },
  (t) => [unique().on(t.courseId, t.slug)],
);

export const courseQuizzes = pgTable(
  'course_quizzes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    passingScore: integer('passing_score').notNull().default(70),
    maxAttempts: integer('max_attempts'),
    questions: jsonb('questions').$type<QuizQuestion[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
  },
  (t) => [unique().on(t.courseId, t.slug)],
);

export const courseEnrolments = pgTable(
  'course_enrolments',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['active', 'pending'] })
      .notNull()
      .default('active'),
    enrolledAt: ts('enrolled_at').notNull().defaultNow(),
    lastLessonId: integer('last_lesson_id').references(() => courseLessons.id, { onDelete: 'set null' }),
    lastSeenAt: ts('last_seen_at'),
    completedAt: ts('completed_at'),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] })],
);

export const lessonCompletions = pgTable(
  'lesson_completions',
  {
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => courseLessons.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    completedAt: ts('completed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.userId] })],
);

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    quizId: integer('quiz_id')
      .notNull()
      .references(() => courseQuizzes.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    answers: jsonb('answers').$type<Record<string, string | string[]>>().notNull(),
    results: jsonb('results').$type<QuestionResult[]>().notNull(),
    score: numeric('score', { precision: 8, scale: 2, mode: 'number' }).notNull(),
    maxScore: numeric('max_score', { precision: 8, scale: 2, mode: 'number' }).notNull(),
    passed: boolean('passed').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.quizId, t.userId, t.number)],
);

export const learningStatements = pgTable('learning_statements', {
  id: uuid('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  courseId: integer('course_id').references(() => courses.id, { onDelete: 'set null' }),
  verb: text('verb').notNull(),
  statement: jsonb('statement').$type<Record<string, unknown>>().notNull(),
  // clock_timestamp(), as in 0004_courses.sql: statements of one transaction keep their order.
  storedAt: ts('stored_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});

export type Course = typeof courses.$inferSelect;
export type CourseModule = typeof courseModules.$inferSelect;
export type CourseLesson = typeof courseLessons.$inferSelect;
export type CourseQuiz = typeof courseQuizzes.$inferSelect;
export type CourseEnrolment = typeof courseEnrolments.$inferSelect;
