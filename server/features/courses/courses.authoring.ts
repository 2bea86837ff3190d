// Course authoring in the browser (animators): a new course, its settings, publishing and back to
// draft; modules, lessons, quizzes and questions are in courses.authoring.content.ts. Every write
// locks the course row, changes it in one transaction and settles the version there: a change to
// what learners see in a published course bumps it, saving the same content again does not.
import { asc, count, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import { findUserById } from '../../../models/queries/users.ts';
import { courseAnimators, courseEnrolments, courseLessons, courses, type Course } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, type FieldErrors } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { insertUnderFreeSlug, slugify } from '../../core/slug.ts';
import { bundleHash, ensureCourseSpace, fileBase } from './courses.import.ts';
import { canCreateCourse } from './courses.policy.ts';
import { RESERVED_SLUGS } from './courses.schema.ts';
import { managedCourse } from './courses.service.ts';
import { canonicalQuestion, parseForm, previewSchema, settingsSchema, V, type SettingsInput } from './courses.authoring.schema.ts';

// ---------------------------------------------------------------------------------------------
// Versions.

/** Questions with their keys in one order (jsonb does not keep it): the same content, the same hash. */
/** The fingerprint of what learners see, from the database, in the shape the import hashes files. */
export async function storedContentHash(tx: Tx, course: Course): Promise<string> {
  // One after the other: a transaction's queries share one connection.
  const modules = await q.courseModulesOf(tx, course.id);
  const lessons = await tx.select().from(courseLessons).where(eq(courseLessons.courseId, course.id)).orderBy(asc(courseLessons.position), asc(courseLessons.id));
  const quizzes = await q.quizzesOf(tx, course.id);
  const moduleSlug = new Map(modules.map((m) => [m.id, m.slug]));
  return bundleHash({
    title: course.title,
    summary: course.summary,
    description: course.description,
    completion: { lessons: course.completion.lessons, quizzes: course.completion.quizzes, attendance: course.completion.attendance },
    modules: modules.map((m) => ({ slug: m.slug, title: m.title, summary: m.summary })),
    lessons: lessons.map((l) => ({ slug: l.slug, module: moduleSlug.get(l.moduleId) ?? '', title: l.title, minutes: l.minutes, kind: l.kind, video: l.videoUrl, body: l.body })),
    quizzes: quizzes.map((z) => ({ slug: z.slug, title: z.title, description: z.description, passingScore: z.passingScore, maxAttempts: z.maxAttempts, questions: z.questions.map(canonicalQuestion) })),
  });
}

/** What a write did: its result, the course after it, and whether that made a new version. */
export type Changed<T> = { value: T; course: Course; bumped: boolean };

/** After a change: a published course whose content now differs from what was published gets a new version. */
async function settleVersion(tx: Tx, courseId: number): Promise<{ course: Course; bumped: boolean }> {
  const [course] = (await tx.select().from(courses).where(eq(courses.id, courseId))) as [Course];
  const values: Partial<Course> = { updatedAt: new Date() };
  let bumped = false;
  if (course.status === 'published') {
    const hash = await storedContentHash(tx, course);
    if (hash !== course.publishedHash) {
      Object.assign(values, { version: course.version + 1, publishedHash: hash });
      bumped = true;
    }
  }
  const [updated] = (await tx.update(courses).set(values).where(eq(courses.id, courseId)).returning()) as [Course];
  return { course: updated, bumped };
}

/** Runs one change to a course in a transaction with the course row locked, then settles its version. */
export async function changeCourse<T>(deps: Deps, course: Course, change: (tx: Tx, course: Course) => Promise<T>): Promise<Changed<T>> {
  return deps.database.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(courses).where(eq(courses.id, course.id)).for('update');
    if (!locked) throw new NotFoundError('course_authoring.errors.not_found');
    const value = await change(tx, locked);
    return { value, ...(await settleVersion(tx, locked.id)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Reads for the editor's pages.

export async function countLearners(db: DbOrTx, courseId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(courseEnrolments).where(eq(courseEnrolments.courseId, courseId));
  return row?.n ?? 0;
}

/** The course as its editor shows it: settings, outline (modules with their lessons), quizzes. */
export async function courseEditor(deps: Deps, actor: Actor, slug: string) {
  const access = await managedCourse(deps, actor, slug);
  const db = deps.database.db;
  const [modules, lessons, quizzes, learners] = await Promise.all([
    q.courseModulesOf(db, access.course.id),
    q.lessonOutline(db, access.course.id),
    q.quizzesOf(db, access.course.id),
    countLearners(db, access.course.id),
  ]);
  return { ...access, modules, lessons, quizzes, learners };
}

export async function lessonEditor(deps: Deps, actor: Actor, slug: string, lessonSlug: string) {
  const access = await managedCourse(deps, actor, slug);
  const [lesson, modules] = await Promise.all([q.findLesson(deps.database.db, access.course.id, lessonSlug), q.courseModulesOf(deps.database.db, access.course.id)]);
  if (!lesson) throw new NotFoundError('course_authoring.errors.lesson_not_found');
  return { ...access, lesson, modules };
}

export async function quizEditor(deps: Deps, actor: Actor, slug: string, quizSlug: string) {
  const access = await managedCourse(deps, actor, slug);
  const quiz = await q.findQuiz(deps.database.db, access.course.id, quizSlug);
  if (!quiz) throw new NotFoundError('course_authoring.errors.quiz_not_found');
  return { ...access, quiz };
}

/** A quiz and one of its questions (null: a new question). */
export async function questionEditor(deps: Deps, actor: Actor, slug: string, quizSlug: string, questionId: string | null) {
  const access = await quizEditor(deps, actor, slug, quizSlug);
  const question = questionId === null ? null : access.quiz.questions.find((qn) => qn.id === questionId);
  if (question === undefined) throw new NotFoundError('course_authoring.errors.question_not_found');
  return { ...access, question };
}

/** Markdown as learners will see it, for the editor's preview. Animators and admins only. */
export function previewMarkdown(actor: Actor, input: unknown): string {
  if (!actor) throw new UnauthorizedError();
  if (!canCreateCourse(actor)) throw new ForbiddenError('course_authoring.errors.cannot_create');
  const { markdown, course } = parseForm(previewSchema, input);
  // markdown-it reads CR LF line ends as LF: the text goes to it as it is.
  return renderDocument(markdown, course ? { imageBase: fileBase(course) } : {});
}

// ---------------------------------------------------------------------------------------------
// Course.

const settingsValues = (slug: string, s: SettingsInput) => ({
  ...s,
  descriptionHtml: renderDocument(s.description, { imageBase: fileBase(slug) }),
});

/** Creates a draft course written in the browser; its creator runs it and owns its discussion space. */
export async function createCourse(deps: Deps, actor: Actor, input: unknown): Promise<Course> {
  if (!actor) throw new UnauthorizedError();
  if (!canCreateCourse(actor)) throw new ForbiddenError('course_authoring.errors.cannot_create');
  return insertCourse(deps, actor, parseForm(settingsSchema, input));
}

async function insertCourse(deps: Deps, actor: Express.User, data: SettingsInput): Promise<Course> {
  return deps.database.db.transaction(async (tx) => {
    const reserved = RESERVED_SLUGS;
    const base = slugify(data.title);
    const author = await findUserById(tx, actor.id);
    // Two courses with the same title created at once: the slug's unique key gives each its own.
    const course = await insertUnderFreeSlug(
      base.length < 2 ? `corso-${base}` : base,
      async (s) => reserved.includes(s) || Boolean(await q.findCourseBySlug(tx, s)),
      async (slug) => {
        const [row] = await tx
          .insert(courses)
          .values({ ...settingsValues(slug, data), slug, status: 'draft', source: 'web', createdBy: actor.id, version: 1, animators: [{ handle: author?.handle ?? null, name: actor.name }] })
          .onConflictDoNothing({ target: courses.slug })
          .returning();
        return row as Course | undefined;
      },
    );
    await tx.insert(courseAnimators).values({ courseId: course.id, userId: actor.id });
    return ensureCourseSpace(tx, course, [actor.id]);
  });
}

/** Saves the course's settings (title, texts, audience, level, enrolment, competences, completion rule). */
export async function updateSettings(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(settingsSchema, input);
  const out = await changeCourse(deps, course, async (tx) => {
    await tx.update(courses).set(settingsValues(course.slug, data)).where(eq(courses.id, course.id));
  });
  return out;
}

/** Why a course cannot be published yet, as field errors (none: it can). */
async function publishProblems(tx: Tx, courseId: number): Promise<FieldErrors> {
  const modules = await q.courseModulesOf(tx, courseId);
  const lessons = await q.lessonOutline(tx, courseId);
  const quizzes = await q.quizzesOf(tx, courseId);
  const fields: FieldErrors = {};
  if (!lessons.length) fields.lessons = { key: `${V}.publish_no_lessons` };
  const empty = modules.find((m) => !lessons.some((l) => l.moduleId === m.id));
  if (empty && lessons.length) fields.modules = { key: `${V}.publish_empty_module`, params: { title: empty.title } };
  const noQuestions = quizzes.find((z) => !z.questions.length);
  if (noQuestions) fields.quizzes = { key: `${V}.publish_empty_quiz`, params: { title: noQuestions.title } };
  return fields;
}

/** Publishes a draft: learners see it; its content fingerprint is what later versions compare to. */
export async function publishCourse(deps: Deps, actor: Actor, slug: string): Promise<Changed<boolean>> {
  const { course, actor: by } = await managedCourse(deps, actor, slug);
  const out = await changeCourse(deps, course, async (tx, locked) => {
    if (locked.status === 'published') return false;
    const problems = await publishProblems(tx, locked.id);
    if (Object.keys(problems).length) throw new AppError(409, 'not_ready', 'course_authoring.errors.not_ready', problems);
    const hash = await storedContentHash(tx, locked);
    // Published before, then back to draft and changed: the content learners get is a new version.
    const version = locked.publishedHash !== null && locked.publishedHash !== hash ? locked.version + 1 : locked.version;
    await tx
      .update(courses)
      .set({ status: 'published', publishedHash: hash, version, publishedAt: locked.publishedAt ?? new Date() })
      .where(eq(courses.id, locked.id));
    await deps.bus.record(tx, 'course.published', { actorId: by.id, objectId: locked.id, title: locked.title, url: `/corsi/${locked.slug}` });
    return true;
  });
  return out;
}

/** Back to draft, hidden again from everyone but those who run it: refused once people are enrolled. */
export async function unpublishCourse(deps: Deps, actor: Actor, slug: string): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  const out = await changeCourse(deps, course, async (tx, locked) => {
    const learners = await countLearners(tx, locked.id);
    if (learners > 0) throw new ConflictError('course_authoring.errors.has_learners', { status: { key: `${V}.has_learners`, params: { count: learners } } });
    await tx.update(courses).set({ status: 'draft' }).where(eq(courses.id, locked.id));
  });
  return out;
}
