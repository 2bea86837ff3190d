// Table definitions for the query layer. The SQL in models/migrations/ is the source of truth
// for the database; these mirror it so queries are typed.
import { boolean, customType, date, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const ORGANIZATION_KINDS = ['region', 'province', 'municipality', 'cpi', 'agency', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ROLES = ['member', 'animator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const GROUP_VISIBILITIES = ['public', 'closed', 'private'] as const;
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];
export const GROUP_ROLES = ['owner', 'moderator', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export const LOCALES = ['it', 'en'] as const;
export const EMAIL_FREQUENCIES = ['immediate', 'daily', 'never'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];
export const REACTION_KINDS = ['utile', 'grazie'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export type Locale = (typeof LOCALES)[number];

/** The twenty Italian regions (with the two autonomous provinces), the values users pick. */
export const REGIONS = [
  'Abruzzo', 'Basilicata', 'Calabria', 'Campania', 'Emilia-Romagna', 'Friuli-Venezia Giulia',
  'Lazio', 'Liguria', 'Lombardia', 'Marche', 'Molise', 'Piemonte', 'Puglia', 'Sardegna',
  'Sicilia', 'Toscana', 'Trentino-Alto Adige', 'Umbria', "Valle d'Aosta", 'Veneto',
] as const;

export const organizations = pgTable('organizations', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull().default('other'),
  region: text('region'),
  verified: boolean('verified').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  passwordHash: text('password_hash'),
  role: text('role', { enum: ROLES }).notNull().default('member'),
  organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
  jobTitle: text('job_title').notNull().default(''),
  region: text('region'),
  bio: text('bio').notNull().default(''),
  locale: text('locale', { enum: LOCALES }).notNull().default('it'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastLoginAt: ts('last_login_at'),
  handle: text('handle').notNull(),
  emailFrequency: text('email_frequency', { enum: EMAIL_FREQUENCIES }).notNull().default('immediate'),
});

export const sessions = pgTable('sessions', {
  sid: text('sid').primaryKey(),
  sess: jsonb('sess').notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: ts('expires_at').notNull(),
});

export const apiTokens = pgTable('api_tokens', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull().default(''),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
});

export const groups = pgTable('groups', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  theme: text('theme').notNull().default(''),
  visibility: text('visibility', { enum: GROUP_VISIBILITIES }).notNull().default('public'),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const groupMemberships = pgTable(
  'group_memberships',
  {
    groupId: integer('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: GROUP_ROLES }).notNull().default('member'),
    status: text('status', { enum: ['active', 'pending', 'invited'] }).notNull().default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

export const threads = pgTable('threads', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  groupId: integer('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  pinned: boolean('pinned').notNull().default(false),
  locked: boolean('locked').notNull().default(false),
  postCount: integer('post_count').notNull().default(0),
  lastPosition: integer('last_position').notNull().default(0),
  lastPostAt: ts('last_post_at').notNull().defaultNow(),
  createdAt: ts('created_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const posts = pgTable('posts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  threadId: integer('thread_id').notNull().references(() => threads.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  parentId: integer('parent_id'),
  position: integer('position').notNull(),
  depth: smallint('depth').notNull().default(0),
  sortPath: text('sort_path').notNull(),
  body: text('body').notNull(),
  bodyHtml: text('body_html').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  editedAt: ts('edited_at'),
  deletedAt: ts('deleted_at'),
  hiddenAt: ts('hidden_at'),
  hiddenBy: integer('hidden_by').references(() => users.id, { onDelete: 'set null' }),
  hiddenReason: text('hidden_reason'),
});

export const postRevisions = pgTable('post_revisions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  postId: integer('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
  body: text('body').notNull(),
  editedBy: integer('edited_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const reactions = pgTable(
  'reactions',
  {
    postId: integer('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REACTION_KINDS }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.kind] })],
);

export const mentions = pgTable(
  'mentions',
  {
    postId: integer('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);

export const flags = pgTable('flags', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  postId: integer('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
  reporterId: integer('reporter_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  resolvedAt: ts('resolved_at'),
  resolvedBy: integer('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  resolution: text('resolution'),
});

export const subscriptions = pgTable(
  'subscriptions',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    targetType: text('target_type', { enum: ['thread', 'group', 'user'] }).notNull(),
    targetId: integer('target_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] })],
);

export const threadReads = pgTable(
  'thread_reads',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    threadId: integer('thread_id').notNull().references(() => threads.id, { onDelete: 'cascade' }),
    lastReadPosition: integer('last_read_position').notNull().default(0),
    readAt: ts('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] })],
);

export const attachments = pgTable('attachments', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  uploaderId: integer('uploader_id').references(() => users.id, { onDelete: 'set null' }),
  postId: integer('post_id').references(() => posts.id, { onDelete: 'cascade' }),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull().unique(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const notifications = pgTable('notifications', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'cascade' }),
  threadId: integer('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
  postId: integer('post_id').references(() => posts.id, { onDelete: 'cascade' }),
  data: jsonb('data').notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  readAt: ts('read_at'),
  emailedAt: ts('emailed_at'),
});

export const outbox = pgTable('outbox', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body'),
  createdAt: ts('created_at').notNull().defaultNow(),
  sentAt: ts('sent_at'),
  error: text('error'),
});

export const digestRuns = pgTable(
  'digest_runs',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    periodStart: date('period_start').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
    notificationCount: integer('notification_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.periodStart] })],
);

export const jobRuns = pgTable(
  'job_runs',
  {
    name: text('name').notNull(),
    runKey: text('run_key').notNull(),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.name, t.runKey] })],
);

export const auditLog = pgTable('audit_log', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: integer('target_id').notNull(),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'set null' }),
  reason: text('reason'),
  data: jsonb('data').notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const ACTIVITY_AUDIENCES = ['public', 'group', 'actor'] as const;

export const activities = pgTable('activities', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  type: text('type').notNull(),
  actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
  objectType: text('object_type').notNull(),
  objectId: integer('object_id').notNull(),
  objectTitle: text('object_title').notNull().default(''),
  objectUrl: text('object_url').notNull(),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'cascade' }),
  threadId: integer('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
  audience: text('audience', { enum: ACTIVITY_AUDIENCES }).notNull().default('public'),
  hidden: boolean('hidden').notNull().default(false),
  data: jsonb('data').notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// Blended e-learning (0004_courses.sql).
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
  completion: jsonb('completion').$type<CompletionRule>().notNull().default({ lessons: true, quizzes: true, attendance: 0 }),
  status: text('status', { enum: COURSE_STATUSES }).notNull().default('draft'),
  version: integer('version').notNull().default(1),
  publishedHash: text('published_hash'),
  source: text('source', { enum: ['file', 'web'] }).notNull().default('web'),
  groupId: integer('group_id').references(() => groups.id, { onDelete: 'set null' }),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  publishedAt: ts('published_at'),
});

export const courseAnimators = pgTable(
  'course_animators',
  {
    courseId: integer('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] })],
);

export const courseFiles = pgTable(
  'course_files',
  {
    courseId: integer('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    mime: text('mime').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.path] })],
);

export const courseModules = pgTable('course_modules', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  courseId: integer('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  position: integer('position').notNull(),
});

export const courseLessons = pgTable('course_lessons', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  courseId: integer('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
  moduleId: integer('module_id').notNull().references(() => courseModules.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  position: integer('position').notNull(),
  minutes: integer('minutes').notNull().default(10),
  kind: text('kind', { enum: LESSON_KINDS }).notNull().default('reading'),
  videoUrl: text('video_url'),
  body: text('body').notNull().default(''),
  bodyHtml: text('body_html').notNull().default(''),
  threadId: integer('thread_id').references(() => threads.id, { onDelete: 'set null' }),
});

export const courseQuizzes = pgTable('course_quizzes', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  courseId: integer('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  passingScore: integer('passing_score').notNull().default(70),
  maxAttempts: integer('max_attempts'),
  questions: jsonb('questions').$type<QuizQuestion[]>().notNull().default([]),
  position: integer('position').notNull().default(0),
});

export const courseEnrolments = pgTable(
  'course_enrolments',
  {
    courseId: integer('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['active', 'pending'] }).notNull().default('active'),
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
    lessonId: integer('lesson_id').notNull().references(() => courseLessons.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    completedAt: ts('completed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.userId] })],
);

export const quizAttempts = pgTable('quiz_attempts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  quizId: integer('quiz_id').notNull().references(() => courseQuizzes.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  number: integer('number').notNull(),
  answers: jsonb('answers').$type<Record<string, string | string[]>>().notNull(),
  results: jsonb('results').$type<QuestionResult[]>().notNull(),
  score: numeric('score', { precision: 8, scale: 2, mode: 'number' }).notNull(),
  maxScore: numeric('max_score', { precision: 8, scale: 2, mode: 'number' }).notNull(),
  passed: boolean('passed').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const courseSessions = pgTable('course_sessions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  courseId: integer('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  mode: text('mode', { enum: SESSION_MODES }).notNull().default('presence'),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  place: text('place').notNull().default(''),
  url: text('url'),
  seats: integer('seats').notNull(),
  description: text('description').notNull().default(''),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  cancelledAt: ts('cancelled_at'),
});

export const sessionRegistrations = pgTable(
  'session_registrations',
  {
    sessionId: integer('session_id').notNull().references(() => courseSessions.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['registered', 'waiting'] }).notNull(),
    registeredAt: ts('registered_at').notNull().defaultNow(),
    attended: boolean('attended'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

export const learningStatements = pgTable('learning_statements', {
  id: uuid('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  courseId: integer('course_id').references(() => courses.id, { onDelete: 'set null' }),
  verb: text('verb').notNull(),
  statement: jsonb('statement').$type<Record<string, unknown>>().notNull(),
  storedAt: ts('stored_at').notNull().defaultNow(),
});

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Group = typeof groups.$inferSelect;
export type Thread = typeof threads.$inferSelect;
export type Post = typeof posts.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type Activity = typeof activities.$inferSelect;
export type Course = typeof courses.$inferSelect;
export type CourseModule = typeof courseModules.$inferSelect;
export type CourseLesson = typeof courseLessons.$inferSelect;
export type CourseQuiz = typeof courseQuizzes.$inferSelect;
export type CourseSession = typeof courseSessions.$inferSelect;
export type CourseEnrolment = typeof courseEnrolments.$inferSelect;
