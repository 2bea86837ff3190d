// The animator's report: learners and where each stands, how each quiz question went, the course's
// sessions, the learners' table (courses.csv.ts writes it as CSV), and learning records as xAPI statements.
import * as content from '../../../models/queries/courses-content.ts';
import * as learning from '../../../models/queries/courses-learning.ts';
import type { Course } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, UnauthorizedError } from '../../core/errors.ts';
import { accessBySlug, managedCourse } from './courses.access.ts';
import { standingOf } from './courses.scoring.ts';
import { sessionsForCourse } from './courses.sessions.ts';

/** The learners of a course with where each stands (the animator's table and its CSV). */
async function learnerStandings(deps: Deps, course: Course) {
  const learners = await learning.courseLearners(deps.database.db, course.id);
  return learners.map((l) => {
    const standing = standingOf(course.completion, l, l.completedAt);
    // Someone still waiting for approval has not completed anything.
    return { ...l, percent: standing.percent, completed: l.status === 'active' && standing.completed };
  });
}

/** How each question of each quiz went, the questions most often wrong first. */
async function quizStatistics(deps: Deps, course: Course) {
  const db = deps.database.db;
  const [quizzes, results] = await Promise.all([content.answerableQuizzesOf(db, course.id), learning.courseQuizResults(db, course.id)]);
  return quizzes.map((quiz) => {
    const attempts = results.filter((r) => r.quizId === quiz.id);
    const questions = quiz.questions.map((qn) => {
      const answered = attempts.flatMap((r) => r.results.filter((x) => x.id === qn.id));
      const wrong = answered.filter((x) => !x.correct).length;
      return { id: qn.id, text: qn.text, kind: qn.kind, answers: answered.length, wrong, wrongPercent: answered.length ? Math.round((wrong / answered.length) * 100) : 0 };
    });
    return {
      slug: quiz.slug,
      title: quiz.title,
      attempts: attempts.length,
      learners: new Set(attempts.map((r) => r.userId)).size,
      questions: questions.sort((a, b) => b.wrongPercent - a.wrongPercent || b.wrong - a.wrong),
    };
  });
}

/** The animator's report: learners and their progress, and how each quiz question went. */
export async function courseReport(deps: Deps, actor: Actor, slug: string) {
  const access = await managedCourse(deps, actor, slug);
  const [learners, quizStats, lessons] = await Promise.all([
    learnerStandings(deps, access.course),
    quizStatistics(deps, access.course),
    content.lessonOutline(deps.database.db, access.course.id),
  ]);
  return { ...access, learners, lessonTotal: lessons.length, quizTotal: quizStats.length, quizStats };
}

/** The course's management page: the report and every session of the course. */
export async function managePage(deps: Deps, actor: Actor, slug: string) {
  const report = await courseReport(deps, actor, slug);
  return { ...report, sessions: await sessionsForCourse(deps, actor, report.course, { all: true }) };
}

export type LearnerStanding = Awaited<ReturnType<typeof learnerStandings>>[number];

/** The learners and where each stands, for the CSV export. Those who run the course. */
export async function learnersReport(deps: Deps, actor: Actor, slug: string): Promise<{ course: Course; learners: LearnerStanding[] }> {
  const { course } = await managedCourse(deps, actor, slug);
  return { course, learners: await learnerStandings(deps, course) };
}

/** Learning records as xAPI statements: all of the course's for those who run it, one's own otherwise. */
export async function exportStatements(deps: Deps, actor: Actor, slug: string): Promise<{ course: Course; statements: Record<string, unknown>[] }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.manage && !access.enrolment) throw new ForbiddenError('courses.errors.not_enrolled');
  const rows = await learning.statementsOf(deps.database.db, access.course.id, access.can.manage ? null : actor.id);
  return { course: access.course, statements: rows.map((r) => r.statement) };
}
