// Course authoring, what every change shares: the content's fingerprint and the course's version,
// changeCourse (every write locks the course row, changes it in one transaction and settles the
// version there: a change to what learners see in a published course bumps it, saving the same
// content again does not), the one reorder helper, and the lessons' order. The use cases are per
// resource: courses.authoring.course.ts, .modules.ts, .lessons.ts, .quizzes.ts, .questions.ts.
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import * as content from '../../../models/queries/courses-content.ts';
import { courseLessons, courseModules, courseQuizzes, type Course } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import { slugify, uniqueSlug } from '../../core/slug.ts';
import { canonicalQuestion, type Direction } from './courses.authoring.schema.ts';
import { bundleHash } from './courses.import.ts';

// ---------------------------------------------------------------------------------------------
// Versions.

/** The fingerprint of what learners see, from the database, in the shape the import hashes files. */
export async function storedContentHash(tx: Tx, course: Course): Promise<string> {
  // One after the other: a transaction's queries share one connection.
  const modules = await content.courseModulesOf(tx, course.id);
  const lessons = await content.lessonsOf(tx, course.id);
  const quizzes = await content.quizzesOf(tx, course.id);
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
  const course = (await q.findCourseById(tx, courseId))!;
  const values: Partial<Course> = { updatedAt: new Date() };
  let bumped = false;
  if (course.status === 'published') {
    const hash = await storedContentHash(tx, course);
    if (hash !== course.publishedHash) {
      Object.assign(values, { version: course.version + 1, publishedHash: hash });
      bumped = true;
    }
  }
  return { course: await q.updateCourse(tx, courseId, values), bumped };
}

/** Runs one change to a course in a transaction with the course row locked, then settles its version. */
export async function changeCourse<T>(deps: Deps, course: Course, change: (tx: Tx, course: Course) => Promise<T>): Promise<Changed<T>> {
  return deps.database.db.transaction(async (tx) => {
    const locked = await q.lockCourse(tx, course.id);
    if (!locked) throw new NotFoundError('course_authoring.errors.not_found');
    const value = await change(tx, locked);
    return { value, ...(await settleVersion(tx, locked.id)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Order.

/**
 * The one reorder helper (modules, lessons, quizzes, questions): the list with the item at `from`
 * moved one place up or down, or null when it is already at that edge and nothing changes.
 */
export function moveOnePlace<T>(items: readonly T[], from: number, direction: Direction): T[] | null {
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= items.length) return null;
  const moved = [...items];
  [moved[from], moved[to]] = [moved[to]!, moved[from]!];
  return moved;
}

type LessonPlace = { id: number; moduleId: number; position: number };
export type LessonGroup = { moduleId: number; slug: string; lessons: LessonPlace[] };

/** The course's lessons grouped by module, modules and lessons in their order. */
export async function lessonGroups(tx: Tx, courseId: number): Promise<LessonGroup[]> {
  const modules = await content.courseModulesOf(tx, courseId);
  const lessons = await content.lessonOutline(tx, courseId);
  return modules.map((m) => ({ moduleId: m.id, slug: m.slug, lessons: lessons.filter((l) => l.moduleId === m.id) }));
}

/** Writes the lessons' order: module by module, in the order given, positions 0…n-1 (one global order). */
export async function writeLessonOrder(tx: Tx, groups: { moduleId: number; lessons: LessonPlace[] }[]): Promise<void> {
  let position = 0;
  for (const group of groups) {
    for (const lesson of group.lessons) {
      if (lesson.position !== position || lesson.moduleId !== group.moduleId) await content.placeLesson(tx, lesson.id, { position, moduleId: group.moduleId });
      position++;
    }
  }
}

export const renumberLessons = async (tx: Tx, courseId: number) => writeLessonOrder(tx, await lessonGroups(tx, courseId));

/** The word a module, lesson or quiz whose title has no letter or digit ("🎉") is addressed by. */
const CONTENT_WORD = new Map<unknown, string>([
  [courseModules, 'modulo'],
  [courseLessons, 'lezione'],
  [courseQuizzes, 'verifica'],
]);

/** A slug for a new module, lesson or quiz, free in the course. */
export async function freeContentSlug(tx: Tx, table: typeof courseModules | typeof courseLessons | typeof courseQuizzes, courseId: number, text: string): Promise<string> {
  return uniqueSlug(slugify(text, 56, CONTENT_WORD.get(table)), (s) => content.contentSlugTaken(tx, table, courseId, s));
}
