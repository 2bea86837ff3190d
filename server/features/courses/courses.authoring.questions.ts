// Course authoring, a quiz's questions (animators): the question editor, add or replace (checked
// as quiz files are checked), move, delete. The questions live in the quiz row, in their order.
import * as content from '../../../models/queries/courses-content.ts';
import type { QuizQuestion } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { slugify, uniqueSlug } from '../../core/slug.ts';
import { managedCourse } from './courses.access.ts';
import { changeCourse, moveOnePlace, type Changed } from './courses.authoring.ts';
import { lockedQuiz, quizEditor } from './courses.authoring.quizzes.ts';
import { canonicalQuestion, parseQuestion, V, type Direction } from './courses.authoring.schema.ts';

const MAX_QUESTIONS = 200;

/** A quiz and one of its questions (null: a new question). */
export async function questionEditor(deps: Deps, actor: Actor, slug: string, quizSlug: string, questionId: string | null) {
  const access = await quizEditor(deps, actor, slug, quizSlug);
  const question = questionId === null ? null : access.quiz.questions.find((qn) => qn.id === questionId);
  if (question === undefined) throw new NotFoundError('course_authoring.errors.question_not_found');
  return { ...access, question };
}

/** Adds a question (questionId null) or replaces one, checked as quiz files are checked. */
export async function saveQuestion(deps: Deps, actor: Actor, slug: string, quizSlug: string, questionId: string | null, input: unknown): Promise<Changed<QuizQuestion>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    const index = questionId === null ? -1 : quiz.questions.findIndex((qn) => qn.id === questionId);
    if (questionId !== null && index < 0) throw new NotFoundError('course_authoring.errors.question_not_found');
    if (index < 0 && quiz.questions.length >= MAX_QUESTIONS) throw new ValidationError({ text: { key: `${V}.questions_many`, params: { max: MAX_QUESTIONS } } });
    const taken = new Set(quiz.questions.map((qn) => qn.id));
    const text = typeof (input as { text?: unknown })?.text === 'string' ? String((input as { text: string }).text) : '';
    const id = questionId ?? (await uniqueSlug(slugify(text, 40, 'domanda'), async (s) => taken.has(s)));
    const question = parseQuestion(input, id);
    const questions = quiz.questions.map(canonicalQuestion);
    if (index < 0) questions.push(question);
    else questions[index] = question;
    await content.setQuizQuestions(tx, quiz.id, questions);
    return question;
  });
}

/** Moves a question one place up or down in its quiz. */
export async function moveQuestion(deps: Deps, actor: Actor, slug: string, quizSlug: string, questionId: string, direction: Direction): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    const questions = quiz.questions.map(canonicalQuestion);
    const from = questions.findIndex((qn) => qn.id === questionId);
    if (from < 0) throw new NotFoundError('course_authoring.errors.question_not_found');
    const moved = moveOnePlace(questions, from, direction);
    if (moved) await content.setQuizQuestions(tx, quiz.id, moved);
  });
}

/** Deletes a question from its quiz. */
export async function deleteQuestion(deps: Deps, actor: Actor, slug: string, quizSlug: string, questionId: string): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const quiz = await lockedQuiz(tx, course.id, quizSlug);
    if (!quiz.questions.some((qn) => qn.id === questionId)) throw new NotFoundError('course_authoring.errors.question_not_found');
    await content.setQuizQuestions(tx, quiz.id, quiz.questions.filter((qn) => qn.id !== questionId).map(canonicalQuestion));
  });
}
