// The animator's report: learners and where each stands, how each quiz question went, the learners'
// CSV, and learning records as xAPI statements.
import * as q from '../../../models/queries/courses.ts';
import type { Course } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, UnauthorizedError } from '../../core/errors.ts';
import { standingOf } from './courses.scoring.ts';
import { accessBySlug, managedCourse } from './courses.service.ts';

/** The learners of a course with where each stands (the animator's table and its CSV). */
async function learnerStandings(deps: Deps, course: Course) {
  const learners = await q.courseLearners(deps.database.db, course.id);
  return learners.map((l) => {
    const standing = standingOf(course.completion, l, l.completedAt);
    // Someone still waiting for approval has not completed anything.
    return { ...l, percent: standing.percent, completed: l.status === 'active' && standing.completed };
  });
}

/** How each question of each quiz went, the questions most often wrong first. */
async function quizStatistics(deps: Deps, course: Course) {
  const db = deps.database.db;
  const [quizzes, results] = await Promise.all([q.answerableQuizzesOf(db, course.id), q.courseQuizResults(db, course.id)]);
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
    q.lessonOutline(deps.database.db, access.course.id),
  ]);
  return { ...access, learners, lessonTotal: lessons.length, quizTotal: quizStats.length, quizStats };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The learners' report as CSV (UTF-8 with BOM, so spreadsheets read the accents). */
export async function learnersCsv(deps: Deps, actor: Actor, slug: string, t: (key: string) => string): Promise<{ course: Course; csv: string }> {
  const { course } = await managedCourse(deps, actor, slug);
  const learners = await learnerStandings(deps, course);
  const header = ['name', 'email', 'organization', 'status', 'enrolled_at', 'lessons_done', 'quizzes_passed', 'sessions_attended', 'best_score', 'attempts', 'progress', 'completed_at'].map((h) => t(`courses.csv.${h}`));
  const lines = learners.map((l) =>
    [l.name, l.email, l.organization, t(`courses.csv.status_${l.status}`), l.enrolledAt, `${l.lessonDone}/${l.lessonTotal}`, `${l.quizPassed}/${l.quizTotal}`, l.attended, l.bestScore, l.attempts, `${l.percent}%`, l.completedAt].map(csvCell).join(','),
  );
  return { course, csv: `\ufeff${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n` };
}

/** Learning records as xAPI statements: all of the course's for those who run it, one's own otherwise. */
export async function exportStatements(deps: Deps, actor: Actor, slug: string): Promise<{ course: Course; statements: Record<string, unknown>[] }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.manage && !access.enrolment) throw new ForbiddenError('courses.errors.not_enrolled');
  const rows = await q.statementsOf(deps.database.db, access.course.id, access.can.manage ? null : actor.id);
  return { course: access.course, statements: rows.map((r) => r.statement) };
}
