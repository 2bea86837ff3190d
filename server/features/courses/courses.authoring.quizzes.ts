// Course authoring, the quizzes (animators): the quiz editor, add, save, move, delete. Their
// questions are in courses.authoring.questions.ts.
import type { Tx } from '../../../models/db.ts';
import * as content from '../../../models/queries/courses-content.ts';
import { courseQuizzes, type CourseQuiz } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import { managedCourse } from './courses.access.ts';
import { changeCourse, freeContentSlug, moveOnePlace, type Changed } from './courses.authoring.ts';
import { parseForm, quizSchema, type Direction } from './courses.authoring.schema.ts';

/** A quiz of the course, its row locked for the rest of the change. */
export async function lockedQuiz(tx: Tx, courseId: number, slug: string): Promise<CourseQuiz> {
  const quiz = await content.findQuiz(tx, courseId, slug, { lock: true });
  if (!quiz) throw new NotFoundError('course_authoring.errors.quiz_not_found');
  return quiz;
}

/** A quiz with its questions, for the quiz's editor. */
export async function quizEditor(deps: Deps, actor: Actor, slug: string, quizSlug: string) {
  const access = await managedCourse(deps, actor, slug);
  const quiz = await content.findQuiz(deps.database.db, access.course.id, quizSlug);
  if (!quiz) throw new NotFoundError('course_authoring.errors.quiz_not_found');
  return { ...access, quiz };
}

/** Adds a quiz (no questions yet) at the end of the course. */
export async function addQuiz(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Changed<CourseQuiz>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(quizSchema, input);
  return changeCourse(deps, course, async (tx) => {
    const quizzes = await content.quizzesOf(tx, course.id);
    const quizSlug = await freeContentSlug(tx, courseQuizzes, course.id, data.title);
    return content.insertQuiz(tx, { ...data, courseId: course.id, slug: quizSlug, questions: [], position: quizzes.length });
  });
}

/** Saves a quiz's title, description, passing score and attempt limit. */
export async function updateQuiz(deps: Deps, actor: Actor, slug: string, quizSlug: string, input: unknown): Promise<Changed<CourseQuiz>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(quizSchema, input);
  return changeCourse(deps, course, async (tx) => content.updateQuiz(tx, (await lockedQuiz(tx, course.id, quizSlug)).id, data));
}

/** Moves a quiz one place up or down among the course's quizzes. */
export async function moveQuiz(deps: Deps, actor: Actor, slug: string, quizSlug: string, direction: Direction): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const quizzes = await content.quizzesOf(tx, course.id);
    const from = quizzes.findIndex((z) => z.slug === quizSlug);
    if (from < 0) throw new NotFoundError('course_authoring.errors.quiz_not_found');
    const moved = moveOnePlace(quizzes, from, direction);
    if (moved) await content.writePositions(tx, courseQuizzes, moved);
  });
}

/** Deletes a quiz, with its learners' attempts. */
export async function deleteQuiz(deps: Deps, actor: Actor, slug: string, quizSlug: string): Promise<Changed<CourseQuiz>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    await content.deleteQuiz(tx, quiz.id);
    return quiz;
  });
}
