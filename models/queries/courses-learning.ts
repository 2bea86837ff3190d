// Queries on learning in a course: enrolments, lessons done, quiz attempts, progress, the learners'
// report and the learning records (xAPI statements).
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  courseEnrolments,
  courseLessons,
  courseQuizzes,
  courses,
  learningStatements,
  lessonCompletions,
  organizations,
  quizAttempts,
  users,
  type Course,
  type CourseEnrolment,
  type CourseLesson,
  type CourseModule,
} from '../schema.ts';
import { bookletCountColumns, type BookletCounts } from './booklet.ts';
import { COURSE_ID, type CatalogueRow } from './courses.ts';
import { answerable, type LessonOutline } from './courses-content.ts';

const ANSWERABLE_Q = answerable(sql.raw('q.questions'));

/** What a learner's progress is made of, in one course. */
export type ProgressFacts = {
  lessonTotal: number;
  lessonDone: number;
  quizTotal: number;
  quizPassed: number;
  attended: number;
};

/** The progress facts as columns, for a course and a learner given as values or as outer columns. */
function progressColumns(courseId: SQL | number, userId: SQL | number) {
  return {
    lessonTotal: sql<number>`(SELECT count(*)::int FROM course_lessons l WHERE l.course_id = ${courseId})`,
    lessonDone: sql<number>`(SELECT count(*)::int FROM lesson_completions c JOIN course_lessons l ON l.id = c.lesson_id WHERE l.course_id = ${courseId} AND c.user_id = ${userId})`,
    quizTotal: sql<number>`(SELECT count(*)::int FROM course_quizzes q WHERE q.course_id = ${courseId} AND ${ANSWERABLE_Q})`,
    quizPassed: sql<number>`(SELECT count(DISTINCT a.quiz_id)::int FROM quiz_attempts a JOIN course_quizzes q ON q.id = a.quiz_id WHERE q.course_id = ${courseId} AND ${ANSWERABLE_Q} AND a.user_id = ${userId} AND a.passed)`,
    attended: sql<number>`(SELECT count(*)::int FROM event_registrations r JOIN calendar_events s ON s.id = r.event_id WHERE s.course_id = ${courseId} AND r.user_id = ${userId} AND r.attended)`,
  };
}

/** A course's modules in order, as json (CourseModule's fields). */
const modulesJson = (courseId: SQL) =>
  sql<CourseModule[]>`coalesce((SELECT json_agg(json_build_object('id', m.id, 'courseId', m.course_id,
      'slug', m.slug, 'title', m.title, 'summary', m.summary, 'position', m.position) ORDER BY m.position, m.id)
    FROM course_modules m WHERE m.course_id = ${courseId}), '[]'::json)`;

/** A course's lessons in order without their bodies (content.lessonOutline), each done or not for the learner. */
const outlineJson = (courseId: SQL, learner: number) =>
  sql<(LessonOutline & { done: boolean })[]>`coalesce((SELECT json_agg(json_build_object('id', o.id,
      'slug', o.slug, 'title', o.title, 'moduleId', o.module_id, 'position', o.position, 'minutes', o.minutes,
      'kind', o.kind, 'threadId', o.thread_id, 'done',
      EXISTS (SELECT 1 FROM lesson_completions lc WHERE lc.lesson_id = o.id AND lc.user_id = ${learner}))
      ORDER BY om.position, o.position, o.id)
    FROM course_lessons o JOIN course_modules om ON om.id = o.module_id WHERE o.course_id = ${courseId}), '[]'::json)`;

/** A quiz learners can take, for the course page, with the learner's standing (attempts, passed). */
export type CourseQuizCard = {
  id: number;
  slug: string;
  title: string;
  description: string;
  questionCount: number;
  passingScore: number;
  maxAttempts: number | null;
  attempts: number;
  passed: boolean;
};

/**
 * What a course's page shows besides the course, in one statement: its modules and lessons (done
 * or not for the learner), the quizzes learners can take with the learner's standing, the
 * animators' accounts (by handle), the cover, the group's slug and the learner's progress facts.
 */
export async function coursePageContent(db: DbOrTx, courseId: number, learnerId: number | null, handles: string[]) {
  const learner = learnerId ?? 0;
  const [row] = await db
    .select({
      modules: modulesJson(COURSE_ID),
      lessons: outlineJson(COURSE_ID, learner),
      quizzes: sql<CourseQuizCard[]>`coalesce((SELECT json_agg(json_build_object('id', q.id, 'slug', q.slug,
          'title', q.title, 'description', q.description, 'questionCount', jsonb_array_length(q.questions),
          'passingScore', q.passing_score, 'maxAttempts', q.max_attempts,
          'attempts', (SELECT count(*)::int FROM quiz_attempts a WHERE a.quiz_id = q.id AND a.user_id = ${learner}),
          'passed', coalesce((SELECT bool_or(a.passed) FROM quiz_attempts a WHERE a.quiz_id = q.id AND a.user_id = ${learner}), false))
          ORDER BY q.position, q.id)
        FROM course_quizzes q WHERE q.course_id = ${COURSE_ID} AND ${ANSWERABLE_Q}), '[]'::json)`,
      animators: handles.length
        ? sql<
            { id: number; handle: string }[]
          >`coalesce((SELECT json_agg(json_build_object('id', u.id, 'handle', u.handle))
            FROM users u WHERE u.handle IN ${handles.map((h) => h.toLowerCase())}), '[]'::json)`
        : sql<{ id: number; handle: string }[]>`'[]'::json`,
      cover: sql<
        string | null
      >`(SELECT f.path FROM course_files f WHERE f.course_id = ${COURSE_ID} AND f.path LIKE 'cover.%' LIMIT 1)`,
      groupSlug: sql<string | null>`(SELECT g.slug FROM groups g WHERE g.id = ${sql.raw('"courses"."group_id"')})`,
      ...progressColumns(COURSE_ID, learner),
    })
    .from(courses)
    .where(eq(courses.id, courseId));
  if (!row) return undefined;
  const { modules, lessons, quizzes, animators, cover, groupSlug, ...facts } = row;
  return { modules, lessons, quizzes, animators, cover, groupSlug, facts: learnerId ? facts : null };
}

/** The lesson row's course, for the subqueries of lessonPageContent. */
const LESSON_COURSE_ID = sql.raw('"course_lessons"."course_id"');

/**
 * What a lesson's page shows, in one statement: the lesson, the course's modules and its lessons in
 * order (done or not for the learner), the quizzes learners can take, and the learner's progress
 * facts (none without a learner). Undefined when the course has no such lesson.
 */
export async function lessonPageContent(
  db: DbOrTx,
  courseId: number,
  slug: string,
  learnerId: number | null,
): Promise<
  | {
      lesson: CourseLesson;
      modules: CourseModule[];
      lessons: (LessonOutline & { done: boolean })[];
      quizzes: { slug: string; title: string }[];
      facts: ProgressFacts | null;
    }
  | undefined
> {
  const learner = learnerId ?? 0;
  const [row] = await db
    .select({
      lesson: courseLessons,
      modules: modulesJson(LESSON_COURSE_ID),
      lessons: outlineJson(LESSON_COURSE_ID, learner),
      quizzes: sql<{ slug: string; title: string }[]>`coalesce((SELECT json_agg(json_build_object('slug', q.slug,
          'title', q.title) ORDER BY q.position, q.id)
        FROM course_quizzes q WHERE q.course_id = ${LESSON_COURSE_ID} AND ${ANSWERABLE_Q}), '[]'::json)`,
      ...progressColumns(LESSON_COURSE_ID, learner),
    })
    .from(courseLessons)
    .where(and(eq(courseLessons.courseId, courseId), eq(courseLessons.slug, slug)));
  if (!row) return undefined;
  const { lesson, modules, lessons, quizzes, ...facts } = row;
  return { lesson, modules, lessons, quizzes, facts: learnerId ? facts : null };
}

/** One learner's progress facts in one course, in one query. */
export async function progressFacts(db: DbOrTx, courseId: number, userId: number): Promise<ProgressFacts> {
  const [row] = await db.select(progressColumns(courseId, userId)).from(courses).where(eq(courses.id, courseId));
  return row ?? { lessonTotal: 0, lessonDone: 0, quizTotal: 0, quizPassed: 0, attended: 0 };
}

export async function findEnrolment(
  db: DbOrTx,
  courseId: number,
  userId: number,
  opts: { lock?: boolean } = {},
): Promise<CourseEnrolment | undefined> {
  const query = db
    .select()
    .from(courseEnrolments)
    .where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.userId, userId)));
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
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.userId, userId)))
    .orderBy(desc(quizAttempts.number));
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
    .orderBy(
      sql`${courseEnrolments.completedAt} IS NOT NULL`,
      desc(sql`coalesce(${courseEnrolments.lastSeenAt}, ${courseEnrolments.enrolledAt})`),
    );
  return rows;
}

/**
 * The home page's part for a signed-in person, in one statement: their booklet's counts, their
 * courses (as myCourses) and up to `suggest` published courses they are not enrolled in (as the
 * catalogue lists them: by title).
 */
export async function homeLearning(
  db: DbOrTx,
  userId: number,
  suggest: number,
): Promise<{ counts: BookletCounts; mine: MyCourseRow[]; suggested: CatalogueRow[] }> {
  const facts = progressColumns(COURSE_ID, userId);
  const result = (await db.execute(sql`SELECT ${bookletCountColumns(userId)},
    coalesce((SELECT json_agg(json_build_object('slug', courses.slug, 'title', courses.title, 'status', e.status,
        'completedAt', e.completed_at, 'lastSeenAt', e.last_seen_at, 'completion', courses.completion,
        'lessonTotal', ${facts.lessonTotal}, 'lessonDone', ${facts.lessonDone}, 'quizTotal', ${facts.quizTotal},
        'quizPassed', ${facts.quizPassed}, 'attended', ${facts.attended}, 'lastLessonSlug', ll.slug)
        ORDER BY e.completed_at IS NOT NULL, coalesce(e.last_seen_at, e.enrolled_at) DESC)
      FROM course_enrolments e JOIN courses ON courses.id = e.course_id
      LEFT JOIN course_lessons ll ON ll.id = e.last_lesson_id WHERE e.user_id = ${userId}), '[]'::json) AS mine,
    coalesce((SELECT json_agg(s ORDER BY s.title) FROM (
      SELECT courses.id, courses.slug, courses.title, courses.summary, courses.theme, courses.hours, courses.level,
        courses.enrolment, courses.status, courses.version, courses.audience,
        (SELECT count(*)::int FROM course_lessons l WHERE l.course_id = courses.id) AS "lessonCount",
        (SELECT count(*)::int FROM course_enrolments ce WHERE ce.course_id = courses.id AND ce.status = 'active') AS "learnerCount",
        (SELECT f.path FROM course_files f WHERE f.course_id = courses.id AND f.path LIKE 'cover.%' LIMIT 1) AS cover
      FROM courses WHERE courses.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM course_enrolments me WHERE me.course_id = courses.id AND me.user_id = ${userId})
      ORDER BY courses.title LIMIT ${suggest}) s), '[]'::json) AS suggested`)) as unknown as {
    rows: (BookletCounts & {
      mine: (Omit<MyCourseRow, 'completedAt' | 'lastSeenAt'> & {
        completedAt: string | null;
        lastSeenAt: string | null;
      })[];
      suggested: CatalogueRow[];
    })[];
  };
  const { mine, suggested, ...counts } = result.rows[0]!;
  const date = (v: string | null) => (v === null ? null : new Date(v));
  return {
    counts,
    // json carries timestamps as text: back to dates, as myCourses gives them.
    mine: mine.map((c) => ({ ...c, completedAt: date(c.completedAt), lastSeenAt: date(c.lastSeenAt) })),
    suggested,
  };
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
      bestScore: sql<
        string | null
      >`(SELECT max(round(100 * a.score / nullif(a.max_score, 0))) FROM quiz_attempts a JOIN course_quizzes q ON q.id = a.quiz_id WHERE q.course_id = ${courseId} AND a.user_id = ${uid})`,
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

export async function statementsOf(db: DbOrTx, courseId: number, userId: number | null) {
  return db
    .select({ statement: learningStatements.statement })
    .from(learningStatements)
    .where(
      and(
        eq(learningStatements.courseId, courseId),
        userId === null ? undefined : eq(learningStatements.userId, userId),
      ),
    )
    .orderBy(asc(learningStatements.storedAt), asc(learningStatements.id));
}

// The writes, in a file of their own, for callers that import them from here.
export * from './courses-learning-writes.ts';
