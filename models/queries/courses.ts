// Queries on courses, their content, enrolments, progress, attempts, sessions and learning records.
import { and, asc, count, desc, eq, getTableColumns, gte, ilike, inArray, isNull, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  courseAnimators,
  courseEnrolments,
  courseFiles,
  courseLessons,
  courseModules,
  courseQuizzes,
  courses,
  courseSessions,
  learningStatements,
  lessonCompletions,
  organizations,
  quizAttempts,
  sessionRegistrations,
  users,
  type Course,
  type CourseEnrolment,
  type CourseLesson,
  type CourseModule,
  type CourseQuiz,
  type CourseSession,
} from '../schema.ts';

const COURSE_ID = sql.raw('"courses"."id"');

/** A quiz learners can take has questions (one being written in the browser may have none yet). */
const answerable = (questions: SQL | typeof courseQuizzes.questions) => sql`jsonb_array_length(${questions}) > 0`;
const ANSWERABLE_Q = answerable(sql.raw('q.questions'));

/** What a learner's progress is made of, in one course. */
export type ProgressFacts = { lessonTotal: number; lessonDone: number; quizTotal: number; quizPassed: number; attended: number };

/** The progress facts as columns, for a course and a learner given as values or as outer columns. */
function progressColumns(courseId: SQL | number, userId: SQL | number) {
  return {
    lessonTotal: sql<number>`(SELECT count(*)::int FROM course_lessons l WHERE l.course_id = ${courseId})`,
    lessonDone: sql<number>`(SELECT count(*)::int FROM lesson_completions c JOIN course_lessons l ON l.id = c.lesson_id WHERE l.course_id = ${courseId} AND c.user_id = ${userId})`,
    quizTotal: sql<number>`(SELECT count(*)::int FROM course_quizzes q WHERE q.course_id = ${courseId} AND ${ANSWERABLE_Q})`,
    quizPassed: sql<number>`(SELECT count(DISTINCT a.quiz_id)::int FROM quiz_attempts a JOIN course_quizzes q ON q.id = a.quiz_id WHERE q.course_id = ${courseId} AND ${ANSWERABLE_Q} AND a.user_id = ${userId} AND a.passed)`,
    attended: sql<number>`(SELECT count(*)::int FROM session_registrations r JOIN course_sessions s ON s.id = r.session_id WHERE s.course_id = ${courseId} AND r.user_id = ${userId} AND r.attended)`,
  };
}

/** One learner's progress facts in one course, in one query. */
export async function progressFacts(db: DbOrTx, courseId: number, userId: number): Promise<ProgressFacts> {
  const [row] = await db.select(progressColumns(courseId, userId)).from(courses).where(eq(courses.id, courseId));
  return row ?? { lessonTotal: 0, lessonDone: 0, quizTotal: 0, quizPassed: 0, attended: 0 };
}

export async function findCourseBySlug(db: DbOrTx, slug: string): Promise<Course | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.slug, slug));
  return row;
}

export async function findCourseById(db: DbOrTx, id: number): Promise<Course | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.id, id));
  return row;
}

export async function countCourses(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(courses);
  return row?.n ?? 0;
}

export type CatalogueFilter = {
  q?: string | undefined;
  theme?: string | undefined;
  level?: string | undefined;
  hours?: readonly [number, number] | undefined;
  /** Leave these courses out (the home page shows my courses apart). */
  exceptSlugs?: string[];
  limit?: number;
};
export type CatalogueRow = Pick<Course, 'id' | 'slug' | 'title' | 'summary' | 'theme' | 'hours' | 'level' | 'enrolment' | 'status' | 'version' | 'audience'> & {
  lessonCount: number;
  learnerCount: number;
  cover: string | null;
};

/** Published courses (and, for `draftsOf`, the drafts that person runs; every draft for admins). */
export async function listCatalogue(db: DbOrTx, filter: CatalogueFilter, drafts: { userId: number | null; all: boolean }): Promise<CatalogueRow[]> {
  const where: (SQL | undefined)[] = [];
  if (drafts.all) where.push(undefined);
  else if (drafts.userId) {
    where.push(
      or(
        eq(courses.status, 'published'),
        eq(courses.createdBy, drafts.userId),
        sql`EXISTS (SELECT 1 FROM course_animators ca WHERE ca.course_id = ${COURSE_ID} AND ca.user_id = ${drafts.userId})`,
      ),
    );
  } else where.push(eq(courses.status, 'published'));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(or(ilike(courses.title, like), ilike(courses.summary, like), ilike(courses.audience, like), sql`${courses.competences}::text ILIKE ${like}`));
  }
  if (filter.theme) where.push(eq(courses.theme, filter.theme));
  if (filter.level) where.push(eq(courses.level, filter.level as Course['level']));
  if (filter.hours) where.push(and(sql`${courses.hours} > ${filter.hours[0]}`, lte(courses.hours, filter.hours[1])));
  if (filter.exceptSlugs?.length) where.push(notInArray(courses.slug, filter.exceptSlugs));
  return db
    .select({
      id: courses.id,
      slug: courses.slug,
      title: courses.title,
      summary: courses.summary,
      theme: courses.theme,
      hours: courses.hours,
      level: courses.level,
      enrolment: courses.enrolment,
      status: courses.status,
      version: courses.version,
      audience: courses.audience,
      lessonCount: sql<number>`(SELECT count(*)::int FROM course_lessons l WHERE l.course_id = ${COURSE_ID})`,
      learnerCount: sql<number>`(SELECT count(*)::int FROM course_enrolments e WHERE e.course_id = ${COURSE_ID} AND e.status = 'active')`,
      cover: sql<string | null>`(SELECT f.path FROM course_files f WHERE f.course_id = ${COURSE_ID} AND f.path LIKE 'cover.%' LIMIT 1)`,
    })
    .from(courses)
    .where(and(...where))
    .orderBy(asc(courses.title))
    .limit(filter.limit ?? 1000);
}

export async function courseThemes(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ theme: courses.theme }).from(courses).where(and(eq(courses.status, 'published'), sql`${courses.theme} <> ''`)).orderBy(asc(courses.theme));
  return rows.map((r) => r.theme);
}

export async function courseModulesOf(db: DbOrTx, courseId: number): Promise<CourseModule[]> {
  return db.select().from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position), asc(courseModules.id));
}

export type LessonOutline = Pick<CourseLesson, 'id' | 'slug' | 'title' | 'moduleId' | 'position' | 'minutes' | 'kind' | 'threadId'>;

/** Lessons in order, without their bodies. */
export async function lessonOutline(db: DbOrTx, courseId: number): Promise<LessonOutline[]> {
  return db
    .select({
      id: courseLessons.id,
      slug: courseLessons.slug,
      title: courseLessons.title,
      moduleId: courseLessons.moduleId,
      position: courseLessons.position,
      minutes: courseLessons.minutes,
      kind: courseLessons.kind,
      threadId: courseLessons.threadId,
    })
    .from(courseLessons)
    .innerJoin(courseModules, eq(courseModules.id, courseLessons.moduleId))
    .where(eq(courseLessons.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseLessons.position), asc(courseLessons.id));
}

export async function findLesson(db: DbOrTx, courseId: number, slug: string): Promise<CourseLesson | undefined> {
  const [row] = await db.select().from(courseLessons).where(and(eq(courseLessons.courseId, courseId), eq(courseLessons.slug, slug)));
  return row;
}

export async function quizzesOf(db: DbOrTx, courseId: number): Promise<CourseQuiz[]> {
  return db.select().from(courseQuizzes).where(eq(courseQuizzes.courseId, courseId)).orderBy(asc(courseQuizzes.position), asc(courseQuizzes.id));
}

/** The quizzes learners can take: those with questions. */
export async function answerableQuizzesOf(db: DbOrTx, courseId: number): Promise<CourseQuiz[]> {
  return db
    .select()
    .from(courseQuizzes)
    .where(and(eq(courseQuizzes.courseId, courseId), answerable(courseQuizzes.questions)))
    .orderBy(asc(courseQuizzes.position), asc(courseQuizzes.id));
}

/** A quiz of the course; `answerable`: only if learners can take it (it has questions). */
export async function findQuiz(db: DbOrTx, courseId: number, slug: string, opts: { answerable?: boolean } = {}): Promise<CourseQuiz | undefined> {
  const [row] = await db
    .select()
    .from(courseQuizzes)
    .where(and(eq(courseQuizzes.courseId, courseId), eq(courseQuizzes.slug, slug), opts.answerable ? answerable(courseQuizzes.questions) : undefined));
  return row;
}

export async function findCourseFile(db: DbOrTx, courseId: number, filePath: string): Promise<{ mime: string; data: Buffer } | undefined> {
  const [row] = await db.select({ mime: courseFiles.mime, data: courseFiles.data }).from(courseFiles).where(and(eq(courseFiles.courseId, courseId), eq(courseFiles.path, filePath)));
  return row;
}

export async function coverPathOf(db: DbOrTx, courseId: number): Promise<string | undefined> {
  const [row] = await db.select({ path: courseFiles.path }).from(courseFiles).where(and(eq(courseFiles.courseId, courseId), sql`${courseFiles.path} LIKE 'cover.%'`));
  return row?.path;
}

export async function courseAnimatorIds(db: DbOrTx, courseId: number): Promise<number[]> {
  return (await db.select({ id: courseAnimators.userId }).from(courseAnimators).where(eq(courseAnimators.courseId, courseId))).map((r) => r.id);
}

export async function isCourseAnimator(db: DbOrTx, courseId: number, userId: number): Promise<boolean> {
  const [row] = await db.select({ id: courseAnimators.userId }).from(courseAnimators).where(and(eq(courseAnimators.courseId, courseId), eq(courseAnimators.userId, userId)));
  return Boolean(row);
}

export async function findEnrolment(db: DbOrTx, courseId: number, userId: number, opts: { lock?: boolean } = {}): Promise<CourseEnrolment | undefined> {
  const query = db.select().from(courseEnrolments).where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.userId, userId)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function completedLessonIds(db: DbOrTx, courseId: number, userId: number): Promise<Set<number>> {
  const rows = await db
    .select({ id: lessonCompletions.lessonId })
    .from(lessonCompletions)
    .innerJoin(courseLessons, eq(courseLessons.id, lessonCompletions.lessonId))
    .where(and(eq(courseLessons.courseId, courseId), eq(lessonCompletions.userId, userId)));
  return new Set(rows.map((r) => r.id));
}

export type QuizStanding = { quizId: number; attempts: number; passed: boolean };

/** Per quiz learners can take: the learner's attempts and whether any of them passed. */
export async function quizStandings(db: DbOrTx, courseId: number, userId: number): Promise<QuizStanding[]> {
  return db
    .select({
      quizId: courseQuizzes.id,
      attempts: sql<number>`count(${quizAttempts.id})::int`,
      passed: sql<boolean>`coalesce(bool_or(${quizAttempts.passed}), false)`,
    })
    .from(courseQuizzes)
    .leftJoin(quizAttempts, and(eq(quizAttempts.quizId, courseQuizzes.id), eq(quizAttempts.userId, userId)))
    .where(and(eq(courseQuizzes.courseId, courseId), answerable(courseQuizzes.questions)))
    .groupBy(courseQuizzes.id);
}

export async function attemptsOf(db: DbOrTx, quizId: number, userId: number) {
  return db.select().from(quizAttempts).where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.userId, userId))).orderBy(desc(quizAttempts.number));
}

export type MyCourseRow = ProgressFacts & {
  slug: string;
  title: string;
  status: 'active' | 'pending';
  completedAt: Date | null;
  lastSeenAt: Date | null;
  completion: Course['completion'];
  lastLessonSlug: string | null;
};

/** A person's courses, the most recently studied first, with what their progress is made of. */
export async function myCourses(db: DbOrTx, userId: number): Promise<MyCourseRow[]> {
  const rows = await db
    .select({
      slug: courses.slug,
      title: courses.title,
      status: courseEnrolments.status,
      completedAt: courseEnrolments.completedAt,
      lastSeenAt: courseEnrolments.lastSeenAt,
      completion: courses.completion,
      ...progressColumns(COURSE_ID, userId),
      lastLessonSlug: courseLessons.slug,
    })
    .from(courseEnrolments)
    .innerJoin(courses, eq(courses.id, courseEnrolments.courseId))
    .leftJoin(courseLessons, eq(courseLessons.id, courseEnrolments.lastLessonId))
    .where(eq(courseEnrolments.userId, userId))
    .orderBy(sql`${courseEnrolments.completedAt} IS NOT NULL`, desc(sql`coalesce(${courseEnrolments.lastSeenAt}, ${courseEnrolments.enrolledAt})`));
  return rows;
}

export type LearnerRow = ProgressFacts & {
  userId: number;
  name: string;
  email: string;
  organization: string | null;
  status: 'active' | 'pending';
  enrolledAt: Date;
  completedAt: Date | null;
  lastSeenAt: Date | null;
  bestScore: number | null;
  attempts: number;
};

/** The learners of a course with their progress (the animator's view and its CSV). */
export async function courseLearners(db: DbOrTx, courseId: number): Promise<LearnerRow[]> {
  const uid = sql.raw('"course_enrolments"."user_id"');
  const rows = await db
    .select({
      userId: courseEnrolments.userId,
      name: users.name,
      email: users.email,
      organization: organizations.name,
      status: courseEnrolments.status,
      enrolledAt: courseEnrolments.enrolledAt,
      completedAt: courseEnrolments.completedAt,
      lastSeenAt: courseEnrolments.lastSeenAt,
      ...progressColumns(courseId, uid),
      bestScore: sql<string | null>`(SELECT max(round(100 * a.score / nullif(a.max_score, 0))) FROM quiz_attempts a JOIN course_quizzes q ON q.id = a.quiz_id WHERE q.course_id = ${courseId} AND a.user_id = ${uid})`,
      attempts: sql<number>`(SELECT count(*)::int FROM quiz_attempts a JOIN course_quizzes q ON q.id = a.quiz_id WHERE q.course_id = ${courseId} AND a.user_id = ${uid})`,
    })
    .from(courseEnrolments)
    .innerJoin(users, eq(users.id, courseEnrolments.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(courseEnrolments.courseId, courseId))
    .orderBy(asc(courseEnrolments.status), asc(users.name));
  return rows.map((r) => ({ ...r, bestScore: r.bestScore === null ? null : Number(r.bestScore) }));
}

/** Every attempt's per-question results, for all the course's quizzes (the animator's statistics). */
export async function courseQuizResults(db: DbOrTx, courseId: number) {
  return db
    .select({ quizId: quizAttempts.quizId, userId: quizAttempts.userId, results: quizAttempts.results })
    .from(quizAttempts)
    .innerJoin(courseQuizzes, eq(courseQuizzes.id, quizAttempts.quizId))
    .where(eq(courseQuizzes.courseId, courseId));
}

export type SessionRow = CourseSession & { registered: number; waiting: number; courseSlug: string; courseTitle: string };

const sessionCounts = {
  registered: sql<number>`(SELECT count(*)::int FROM session_registrations r WHERE r.session_id = ${sql.raw('"course_sessions"."id"')} AND r.status = 'registered')`,
  waiting: sql<number>`(SELECT count(*)::int FROM session_registrations r WHERE r.session_id = ${sql.raw('"course_sessions"."id"')} AND r.status = 'waiting')`,
};

export type SessionFilter = { courseId?: number; from?: Date; publishedOnly?: boolean; limit?: number };

/** Sessions not cancelled, in time order: a course's (from a date), or the calendar's (published courses). */
export async function listSessions(db: DbOrTx, f: SessionFilter): Promise<SessionRow[]> {
  return db
    .select({ ...getTableColumns(courseSessions), ...sessionCounts, courseSlug: courses.slug, courseTitle: courses.title })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(
      and(
        f.courseId === undefined ? undefined : eq(courseSessions.courseId, f.courseId),
        f.publishedOnly ? eq(courses.status, 'published') : undefined,
        f.from ? gte(courseSessions.endsAt, f.from) : undefined,
        isNull(courseSessions.cancelledAt),
      ),
    )
    .orderBy(asc(courseSessions.startsAt))
    .limit(f.limit ?? 500);
}

export async function findSession(db: DbOrTx, courseId: number, sessionId: number, opts: { lock?: boolean } = {}): Promise<CourseSession | undefined> {
  const query = db.select().from(courseSessions).where(and(eq(courseSessions.id, sessionId), eq(courseSessions.courseId, courseId)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function registrationsOf(db: DbOrTx, userId: number, sessionIds: number[]) {
  if (!sessionIds.length) return [];
  return db.select().from(sessionRegistrations).where(and(eq(sessionRegistrations.userId, userId), inArray(sessionRegistrations.sessionId, sessionIds)));
}

/** Who registered for a session, registered first and then the waiting list, each in order of arrival. */
export async function sessionAttendees(db: DbOrTx, sessionId: number) {
  return db
    .select({ userId: sessionRegistrations.userId, name: users.name, status: sessionRegistrations.status, registeredAt: sessionRegistrations.registeredAt, attended: sessionRegistrations.attended })
    .from(sessionRegistrations)
    .innerJoin(users, eq(users.id, sessionRegistrations.userId))
    .where(eq(sessionRegistrations.sessionId, sessionId))
    .orderBy(asc(sessionRegistrations.status), asc(sessionRegistrations.registeredAt), asc(sessionRegistrations.userId));
}

export async function statementsOf(db: DbOrTx, courseId: number, userId: number | null) {
  return db
    .select({ statement: learningStatements.statement })
    .from(learningStatements)
    .where(and(eq(learningStatements.courseId, courseId), userId === null ? undefined : eq(learningStatements.userId, userId)))
    .orderBy(asc(learningStatements.storedAt), asc(learningStatements.id));
}

/** The course whose discussion space a group is, if any (the live course rooms). */
export async function courseSlugOfGroup(db: DbOrTx, groupId: number): Promise<string | null> {
  const [row] = await db.select({ slug: courses.slug }).from(courses).where(eq(courses.groupId, groupId));
  return row?.slug ?? null;
}
