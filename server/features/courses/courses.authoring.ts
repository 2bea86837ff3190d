// Course authoring in the browser (animators): a new course, its settings, modules, lessons, quizzes
// and questions, publishing and back to draft. Every write locks the course row, changes it in one
// transaction and settles the version there: a change to what learners see in a published course
// bumps it, saving the same content again does not.
import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import { findUserById } from '../../../models/queries/users.ts';
import {
  courseAnimators,
  courseEnrolments,
  courseLessons,
  courseModules,
  courseQuizzes,
  courses,
  type Course,
  type CourseLesson,
  type CourseModule,
  type CourseQuiz,
  type QuizQuestion,
} from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError, type FieldErrors } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { insertUnderFreeSlug, slugify, uniqueSlug } from '../../core/slug.ts';
import { bundleHash, ensureCourseSpace, fileBase } from './courses.import.ts';
import { canCreateCourse } from './courses.policy.ts';
import { RESERVED_SLUGS } from './courses.schema.ts';
import { managedCourse } from './courses.service.ts';
import {
  canonicalQuestion,
  lessonSchema,
  moduleSchema,
  newLessonSchema,
  parseForm,
  parseQuestion,
  previewSchema,
  quizSchema,
  settingsSchema,
  V,
  type Direction,
  type SettingsInput,
} from './courses.authoring.schema.ts';

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
async function changeCourse<T>(deps: Deps, course: Course, change: (tx: Tx, course: Course) => Promise<T>): Promise<Changed<T>> {
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
    return true;
  });
  if (out.value) deps.bus.publish('course.published', { actorId: by.id, objectId: out.course.id, title: out.course.title, url: `/corsi/${out.course.slug}` });
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

// ---------------------------------------------------------------------------------------------
// Modules and lessons. Lessons keep one global order (position) that follows the modules' order.

async function findModule(tx: Tx, courseId: number, slug: string): Promise<CourseModule> {
  const [row] = await tx.select().from(courseModules).where(and(eq(courseModules.courseId, courseId), eq(courseModules.slug, slug)));
  if (!row) throw new NotFoundError('course_authoring.errors.module_not_found');
  return row;
}

async function lockedLesson(tx: Tx, courseId: number, slug: string): Promise<CourseLesson> {
  const lesson = await q.findLesson(tx, courseId, slug);
  if (!lesson) throw new NotFoundError('course_authoring.errors.lesson_not_found');
  return lesson;
}

/** Writes the lessons' order: module by module, in the order given, positions 0…n-1. */
async function writeLessonOrder(tx: Tx, groups: { moduleId: number; lessons: { id: number; moduleId: number; position: number }[] }[]): Promise<void> {
  let position = 0;
  for (const group of groups) {
    for (const lesson of group.lessons) {
      if (lesson.position !== position || lesson.moduleId !== group.moduleId) {
        await tx.update(courseLessons).set({ position, moduleId: group.moduleId }).where(eq(courseLessons.id, lesson.id));
      }
      position++;
    }
  }
}

/** The course's lessons grouped by module, modules and lessons in their order. */
async function lessonGroups(tx: Tx, courseId: number) {
  const modules = await q.courseModulesOf(tx, courseId);
  const lessons = await q.lessonOutline(tx, courseId);
  return modules.map((m) => ({ moduleId: m.id, slug: m.slug, lessons: lessons.filter((l) => l.moduleId === m.id) }));
}

const renumberLessons = async (tx: Tx, courseId: number) => writeLessonOrder(tx, await lessonGroups(tx, courseId));

async function uniqueIn(tx: Tx, table: typeof courseModules | typeof courseLessons | typeof courseQuizzes, courseId: number, text: string): Promise<string> {
  return uniqueSlug(slugify(text, 56), async (s) => {
    const [row] = await tx.select({ id: table.id }).from(table).where(and(eq(table.courseId, courseId), eq(table.slug, s)));
    return Boolean(row);
  });
}

/** Adds a module at the end of the course. */
export async function addModule(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Changed<CourseModule>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(moduleSchema, input);
  const out = await changeCourse(deps, course, async (tx) => {
    const modules = await q.courseModulesOf(tx, course.id);
    const [row] = await tx
      .insert(courseModules)
      .values({ courseId: course.id, slug: await uniqueIn(tx, courseModules, course.id, data.title), title: data.title, summary: data.summary, position: modules.length })
      .returning();
    return row!;
  });
  return out;
}

/** Renames a module (its slug, and so its links, stay). */
export async function updateModule(deps: Deps, actor: Actor, slug: string, moduleSlug: string, input: unknown): Promise<Changed<CourseModule>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(moduleSchema, input);
  const out = await changeCourse(deps, course, async (tx) => {
    const module = await findModule(tx, course.id, moduleSlug);
    const [row] = await tx.update(courseModules).set(data).where(eq(courseModules.id, module.id)).returning();
    return row!;
  });
  return out;
}

/** Moves a module one place up or down; its lessons move with it. */
export async function moveModule(deps: Deps, actor: Actor, slug: string, moduleSlug: string, direction: Direction): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const modules = await q.courseModulesOf(tx, course.id);
    const from = modules.findIndex((m) => m.slug === moduleSlug);
    if (from < 0) throw new NotFoundError('course_authoring.errors.module_not_found');
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= modules.length) return;
    [modules[from], modules[to]] = [modules[to]!, modules[from]!];
    for (const [i, m] of modules.entries()) if (m.position !== i) await tx.update(courseModules).set({ position: i }).where(eq(courseModules.id, m.id));
    await renumberLessons(tx, course.id);
  });
}

/** Deletes a module that holds no lesson. */
export async function deleteModule(deps: Deps, actor: Actor, slug: string, moduleSlug: string): Promise<Changed<CourseModule>> {
  const { course } = await managedCourse(deps, actor, slug);
  const out = await changeCourse(deps, course, async (tx) => {
    const module = await findModule(tx, course.id, moduleSlug);
    const [used] = await tx.select({ n: count() }).from(courseLessons).where(eq(courseLessons.moduleId, module.id));
    if (used && used.n > 0) throw new ConflictError('course_authoring.errors.module_not_empty');
    await tx.delete(courseModules).where(eq(courseModules.id, module.id));
    const rest = await q.courseModulesOf(tx, course.id);
    for (const [i, m] of rest.entries()) if (m.position !== i) await tx.update(courseModules).set({ position: i }).where(eq(courseModules.id, m.id));
    return module;
  });
  return out;
}

/** Adds an empty lesson at the end of a module (the last one when none is named). */
export async function addLesson(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Changed<CourseLesson>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(newLessonSchema, input);
  const out = await changeCourse(deps, course, async (tx) => {
    const groups = await lessonGroups(tx, course.id);
    const group = data.module ? groups.find((g) => g.slug === data.module) : groups.at(-1);
    if (!group) throw new ValidationError({ module: { key: `${V}.${groups.length ? 'module_unknown' : 'module_first'}` } });
    const [lesson] = await tx
      .insert(courseLessons)
      .values({ courseId: course.id, moduleId: group.moduleId, slug: await uniqueIn(tx, courseLessons, course.id, data.title), title: data.title, position: 1_000_000 })
      .returning();
    group.lessons.push(lesson!);
    await writeLessonOrder(tx, groups);
    return lesson!;
  });
  return out;
}

/** Saves a lesson: title, module (it goes to the end of a new one), length, kind, video and Markdown body. */
export async function updateLesson(deps: Deps, actor: Actor, slug: string, lessonSlug: string, input: unknown): Promise<Changed<CourseLesson>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(lessonSchema, input);
  const out = await changeCourse(deps, course, async (tx) => {
    const lesson = await lockedLesson(tx, course.id, lessonSlug);
    const groups = await lessonGroups(tx, course.id);
    const target = groups.find((g) => g.slug === data.module);
    if (!target) throw new ValidationError({ module: { key: `${V}.module_unknown` } });
    const [row] = await tx
      .update(courseLessons)
      .set({ title: data.title, minutes: data.minutes, kind: data.kind, videoUrl: data.video ?? null, body: data.body, bodyHtml: renderDocument(data.body, { imageBase: fileBase(course.slug) }) })
      .where(eq(courseLessons.id, lesson.id))
      .returning();
    if (target.moduleId !== lesson.moduleId) {
      for (const g of groups) g.lessons = g.lessons.filter((l) => l.id !== lesson.id);
      target.lessons.push({ ...lesson, position: -1 });
      await writeLessonOrder(tx, groups);
      return { ...row!, moduleId: target.moduleId };
    }
    return row!;
  });
  return out;
}

/** Moves a lesson one place in the course: past the edge of its module it joins the next (or previous) one. */
export async function moveLesson(deps: Deps, actor: Actor, slug: string, lessonSlug: string, direction: Direction): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const lesson = await lockedLesson(tx, course.id, lessonSlug);
    const groups = await lessonGroups(tx, course.id);
    const g = groups.findIndex((x) => x.moduleId === lesson.moduleId);
    const list = groups[g]!.lessons;
    const i = list.findIndex((l) => l.id === lesson.id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j >= 0 && j < list.length) [list[i], list[j]] = [list[j]!, list[i]!];
    else {
      const next = groups[direction === 'up' ? g - 1 : g + 1];
      if (!next) return;
      const [moved] = list.splice(i, 1);
      if (direction === 'up') next.lessons.push(moved!);
      else next.lessons.unshift(moved!);
    }
    await writeLessonOrder(tx, groups);
  });
}

/** Deletes a lesson (and learners' completions of it). */
export async function deleteLesson(deps: Deps, actor: Actor, slug: string, lessonSlug: string): Promise<Changed<CourseLesson>> {
  const { course } = await managedCourse(deps, actor, slug);
  const out = await changeCourse(deps, course, async (tx) => {
    const lesson = await lockedLesson(tx, course.id, lessonSlug);
    await tx.delete(courseLessons).where(eq(courseLessons.id, lesson.id));
    await renumberLessons(tx, course.id);
    return lesson;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Quizzes and questions.

async function lockedQuiz(tx: Tx, courseId: number, slug: string): Promise<CourseQuiz> {
  const [quiz] = await tx.select().from(courseQuizzes).where(and(eq(courseQuizzes.courseId, courseId), eq(courseQuizzes.slug, slug))).for('update');
  if (!quiz) throw new NotFoundError('course_authoring.errors.quiz_not_found');
  return quiz;
}

/** Adds a quiz (no questions yet) at the end of the course. */
export async function addQuiz(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Changed<CourseQuiz>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(quizSchema, input);
  const out = await changeCourse(deps, course, async (tx) => {
    const quizzes = await q.quizzesOf(tx, course.id);
    const [row] = await tx
      .insert(courseQuizzes)
      .values({ ...data, courseId: course.id, slug: await uniqueIn(tx, courseQuizzes, course.id, data.title), questions: [], position: quizzes.length })
      .returning();
    return row!;
  });
  return out;
}

/** Saves a quiz's title, description, passing score and attempt limit. */
export async function updateQuiz(deps: Deps, actor: Actor, slug: string, quizSlug: string, input: unknown): Promise<Changed<CourseQuiz>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(quizSchema, input);
  const out = await changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    const [row] = await tx.update(courseQuizzes).set(data).where(eq(courseQuizzes.id, quiz.id)).returning();
    return row!;
  });
  return out;
}

export async function moveQuiz(deps: Deps, actor: Actor, slug: string, quizSlug: string, direction: Direction): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const quizzes = await q.quizzesOf(tx, course.id);
    const from = quizzes.findIndex((z) => z.slug === quizSlug);
    if (from < 0) throw new NotFoundError('course_authoring.errors.quiz_not_found');
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= quizzes.length) return;
    [quizzes[from], quizzes[to]] = [quizzes[to]!, quizzes[from]!];
    for (const [i, z] of quizzes.entries()) if (z.position !== i) await tx.update(courseQuizzes).set({ position: i }).where(eq(courseQuizzes.id, z.id));
  });
}

/** Deletes a quiz, with its learners' attempts. */
export async function deleteQuiz(deps: Deps, actor: Actor, slug: string, quizSlug: string): Promise<Changed<CourseQuiz>> {
  const { course } = await managedCourse(deps, actor, slug);
  const out = await changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    await tx.delete(courseQuizzes).where(eq(courseQuizzes.id, quiz.id));
    return quiz;
  });
  return out;
}

/** Adds a question (questionId null) or replaces one, checked as quiz files are checked. */
export async function saveQuestion(deps: Deps, actor: Actor, slug: string, quizSlug: string, questionId: string | null, input: unknown): Promise<Changed<QuizQuestion>> {
  const { course } = await managedCourse(deps, actor, slug);
  const out = await changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    const index = questionId === null ? -1 : quiz.questions.findIndex((qn) => qn.id === questionId);
    if (questionId !== null && index < 0) throw new NotFoundError('course_authoring.errors.question_not_found');
    if (index < 0 && quiz.questions.length >= 200) throw new ValidationError({ text: { key: `${V}.questions_many`, params: { max: 200 } } });
    const taken = new Set(quiz.questions.map((qn) => qn.id));
    const text = typeof (input as { text?: unknown })?.text === 'string' ? String((input as { text: string }).text) : '';
    const id = questionId ?? (await uniqueSlug(slugify(text, 40, 'domanda'), async (s) => taken.has(s)));
    const question = parseQuestion(input, id);
    const questions = quiz.questions.map(canonicalQuestion);
    if (index < 0) questions.push(question);
    else questions[index] = question;
    await tx.update(courseQuizzes).set({ questions }).where(eq(courseQuizzes.id, quiz.id));
    return question;
  });
  return out;
}

export async function moveQuestion(deps: Deps, actor: Actor, slug: string, quizSlug: string, questionId: string, direction: Direction): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    const questions = quiz.questions.map(canonicalQuestion);
    const from = questions.findIndex((qn) => qn.id === questionId);
    if (from < 0) throw new NotFoundError('course_authoring.errors.question_not_found');
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= questions.length) return;
    [questions[from], questions[to]] = [questions[to]!, questions[from]!];
    await tx.update(courseQuizzes).set({ questions }).where(eq(courseQuizzes.id, quiz.id));
  });
}

export async function deleteQuestion(deps: Deps, actor: Actor, slug: string, quizSlug: string, questionId: string): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    if (!quiz.questions.some((qn) => qn.id === questionId)) throw new NotFoundError('course_authoring.errors.question_not_found');
    await tx.update(courseQuizzes).set({ questions: quiz.questions.filter((qn) => qn.id !== questionId).map(canonicalQuestion) }).where(eq(courseQuizzes.id, quiz.id));
  });
}

/** "up" or "down" from a form; anything else is a 400 naming the field. */
export function parseDirection(input: unknown): Direction {
  return parseForm(z.object({ direction: z.enum(['up', 'down'], { error: 'ca.direction' }) }), input).direction;
}
