// Course authoring, the content (animators): modules, lessons, quizzes and their questions, and
// their order. Each write goes through changeCourse (courses.authoring.ts): the course row locked,
// one transaction, the version settled there.
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import { courseLessons, courseModules, courseQuizzes, type CourseLesson, type CourseModule, type CourseQuiz, type QuizQuestion } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { slugify, uniqueSlug } from '../../core/slug.ts';
import { changeCourse, type Changed } from './courses.authoring.ts';
import { fileBase } from './courses.import.ts';
import { managedCourse } from './courses.service.ts';
import {
  canonicalQuestion,
  lessonSchema,
  moduleSchema,
  newLessonSchema,
  parseForm,
  parseQuestion,
  quizSchema,
  V,
  type Direction,
} from './courses.authoring.schema.ts';

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
