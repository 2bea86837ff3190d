// Course authoring, the lessons (animators): the lesson editor, add, save (a lesson may change
// module), move (past the edge of its module it joins the next or previous one), delete. Lessons
// keep one global order that follows the modules' order.
import * as content from '../../../models/queries/courses-content.ts';
import { courseLessons, type CourseLesson } from '../../../models/schema.ts';
import type { Tx } from '../../../models/db.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { managedCourse } from './courses.access.ts';
import { changeCourse, freeContentSlug, lessonGroups, moveOnePlace, renumberLessons, writeLessonOrder, type Changed, type LessonGroup } from './courses.authoring.ts';
import { lessonSchema, newLessonSchema, parseForm, V, type Direction } from './courses.authoring.schema.ts';
import { fileBase } from './courses.import.ts';

async function findLesson(tx: Tx, courseId: number, slug: string): Promise<CourseLesson> {
  const lesson = await content.findLesson(tx, courseId, slug);
  if (!lesson) throw new NotFoundError('course_authoring.errors.lesson_not_found');
  return lesson;
}

/** A lesson and the course's modules, for the lesson's editor. */
export async function lessonEditor(deps: Deps, actor: Actor, slug: string, lessonSlug: string) {
  const access = await managedCourse(deps, actor, slug);
  const [lesson, modules] = await Promise.all([content.findLesson(deps.database.db, access.course.id, lessonSlug), content.courseModulesOf(deps.database.db, access.course.id)]);
  if (!lesson) throw new NotFoundError('course_authoring.errors.lesson_not_found');
  return { ...access, lesson, modules };
}

/** Adds an empty lesson at the end of a module (the last one when none is named). */
export async function addLesson(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Changed<CourseLesson>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(newLessonSchema, input);
  return changeCourse(deps, course, async (tx) => {
    const groups = await lessonGroups(tx, course.id);
    const group = data.module ? groups.find((g) => g.slug === data.module) : groups.at(-1);
    if (!group) throw new ValidationError({ module: { key: `${V}.${groups.length ? 'module_unknown' : 'module_first'}` } });
    const lessonSlug = await freeContentSlug(tx, courseLessons, course.id, data.title);
    const lesson = await content.insertLesson(tx, { courseId: course.id, moduleId: group.moduleId, slug: lessonSlug, title: data.title, position: 1_000_000 });
    group.lessons.push(lesson);
    await writeLessonOrder(tx, groups);
    return lesson;
  });
}

/** Saves a lesson: title, module (it goes to the end of a new one), length, kind, video and Markdown body. */
export async function updateLesson(deps: Deps, actor: Actor, slug: string, lessonSlug: string, input: unknown): Promise<Changed<CourseLesson>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(lessonSchema, input);
  return changeCourse(deps, course, async (tx) => {
    const lesson = await findLesson(tx, course.id, lessonSlug);
    const groups = await lessonGroups(tx, course.id);
    const target = groups.find((g) => g.slug === data.module);
    if (!target) throw new ValidationError({ module: { key: `${V}.module_unknown` } });
    const bodyHtml = renderDocument(data.body, { imageBase: fileBase(course.slug) });
    const row = await content.updateLesson(tx, lesson.id, { title: data.title, minutes: data.minutes, kind: data.kind, videoUrl: data.video ?? null, body: data.body, bodyHtml });
    if (target.moduleId === lesson.moduleId) return row;
    for (const g of groups) g.lessons = g.lessons.filter((l) => l.id !== lesson.id);
    target.lessons.push({ ...lesson, position: -1 });
    await writeLessonOrder(tx, groups);
    return { ...row, moduleId: target.moduleId };
  });
}

/** Module markers and lessons in one list, so a lesson moved past its module's edge lands in the next one. */
type Slot = { module: LessonGroup } | { lesson: LessonGroup['lessons'][number] };

/** The groups with a lesson moved one place; null when it cannot move (first lesson up, last lesson down). */
export function lessonMoved(groups: LessonGroup[], lessonId: number, direction: Direction): LessonGroup[] | null {
  const slots: Slot[] = groups.flatMap((g) => [{ module: g }, ...g.lessons.map((lesson) => ({ lesson }))]);
  const moved = moveOnePlace(slots, slots.findIndex((s) => 'lesson' in s && s.lesson.id === lessonId), direction);
  // Above the first module is no place for a lesson.
  if (!moved || !('module' in moved[0]!)) return null;
  const out: LessonGroup[] = [];
  for (const slot of moved) {
    if ('module' in slot) out.push({ ...slot.module, lessons: [] });
    else out.at(-1)!.lessons.push(slot.lesson);
  }
  return out;
}

/** Moves a lesson one place in the course: past the edge of its module it joins the next (or previous) one. */
export async function moveLesson(deps: Deps, actor: Actor, slug: string, lessonSlug: string, direction: Direction): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const lesson = await findLesson(tx, course.id, lessonSlug);
    const moved = lessonMoved(await lessonGroups(tx, course.id), lesson.id, direction);
    if (moved) await writeLessonOrder(tx, moved);
  });
}

/** Deletes a lesson (and learners' completions of it). */
export async function deleteLesson(deps: Deps, actor: Actor, slug: string, lessonSlug: string): Promise<Changed<CourseLesson>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const lesson = await findLesson(tx, course.id, lessonSlug);
    await content.deleteLesson(tx, lesson.id);
    await renumberLessons(tx, course.id);
    return lesson;
  });
}
