// Courses for learners, the catalogue side: the catalogue (/corsi), suggestions, "I miei corsi",
// the course page and the course's files. Other features ask for courses here. Access is in
// courses.access.ts, enrolment in courses.enrolment.ts, learning in courses.lessons.ts,
// courses.quizzes.ts and courses.progress.ts, sessions in courses.sessions.ts, the animator's
// report in courses.report.ts, authoring in courses.authoring*.ts.
import * as q from '../../../models/queries/courses.ts';
import * as learning from '../../../models/queries/courses-learning.ts';
import { myCourses as myCourseRows } from '../../../models/queries/courses-learning.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { accessBySlug } from './courses.access.ts';
import { canCreateCourse } from './courses.policy.ts';
import { progressFrom } from './courses.progress.ts';
import { catalogueSchema, DURATIONS } from './courses.schema.ts';
import { standingOf } from './courses.scoring.ts';
import { sessionsForCourse } from './courses.sessions.ts';

// Who may see a course and how: the live course rooms ask too.
export { accessBySlug, type CourseAccess } from './courses.access.ts';

/** The catalogue: published courses (plus drafts for those who run them), filtered and searched. */
export async function catalogue(deps: Deps, actor: Actor, input: unknown) {
  const filters = parseInput(catalogueSchema, input);
  const db = deps.database.db;
  const [rows, themes] = await Promise.all([
    q.listCatalogue(
      db,
      { q: filters.q, theme: filters.tema, level: filters.livello, hours: filters.durata ? DURATIONS[filters.durata] : undefined },
      { userId: actor?.role === 'animator' ? actor.id : null, all: actor?.role === 'admin' },
    ),
    q.courseThemes(db),
  ]);
  return { filters, courses: rows, themes };
}

/** The catalogue page: the courses, each with the viewer's own standing in it, and whether they may create one. */
export async function cataloguePage(deps: Deps, actor: Actor, input: unknown) {
  const { filters, courses, themes } = await catalogue(deps, actor, input);
  const mine = actor ? await myCourses(deps, actor) : [];
  return {
    filters,
    themes,
    courses: courses.map((c) => ({ ...c, mine: mine.find((m) => m.slug === c.slug) ?? null })),
    canCreate: canCreateCourse(actor),
  };
}

/** A few published courses to suggest (the home page), leaving out those the person already follows. */
export async function suggestedCourses(deps: Deps, exceptSlugs: string[], limit: number) {
  return q.listCatalogue(deps.database.db, { exceptSlugs, limit }, { userId: null, all: false });
}

/**
 * The home page's learning part for a signed-in person, in one statement: their courses (as
 * myCourses), `suggest` courses they do not follow (as suggestedCourses) and their booklet's counts.
 */
export async function homeLearning(deps: Deps, actor: NonNullable<Actor>, suggest: number) {
  const { counts, mine, suggested } = await learning.homeLearning(deps.database.db, actor.id, suggest);
  return { mine: mine.map((r) => ({ ...r, ...standingOf(r.completion, r, r.completedAt) })), suggested, booklet: counts };
}

/** The courses a person follows, with their progress and where to resume. */
export async function myCourses(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  const rows = await myCourseRows(deps.database.db, actor.id);
  return rows.map((r) => ({ ...r, ...standingOf(r.completion, r, r.completedAt) }));
}

/** Everything the course page shows. */
export async function courseDetail(deps: Deps, actor: Actor, slug: string) {
  const access = await accessBySlug(deps, actor, slug);
  const db = deps.database.db;
  const { course, enrolment } = access;
  const learner = actor && enrolment?.status === 'active' ? actor.id : null;
  // Everything but the course and its sessions: one statement.
  const found = await learning.coursePageContent(
    db,
    course.id,
    learner,
    course.animators.map((a) => a.handle).filter((h): h is string => Boolean(h)),
  );
  if (!found) throw new NotFoundError();
  const { lessons: outlined, quizzes, animators: animatorUsers, cover } = found;
  const structure = {
    lessons: outlined,
    modules: found.modules.map((m) => ({ ...m, lessons: outlined.filter((l) => l.moduleId === m.id) })),
  };
  const progress = found.facts ? progressFrom(course, found.facts, enrolment) : null;
  const { lessons } = structure;
  const resume = learner
    ? (lessons.find((l) => l.id === enrolment?.lastLessonId && !l.done) ?? lessons.find((l) => !l.done) ?? lessons.find((l) => l.id === enrolment?.lastLessonId) ?? lessons[0])
    : lessons[0];
  return {
    ...access,
    ...structure,
    cover: cover ? `/corsi/${course.slug}/file/${cover}` : null,
    quizzes: quizzes.map((quiz) => ({ slug: quiz.slug, title: quiz.title, description: quiz.description, questionCount: quiz.questionCount, passingScore: quiz.passingScore, maxAttempts: quiz.maxAttempts, standing: learner ? { quizId: quiz.id, attempts: quiz.attempts, passed: quiz.passed } : null })),
    animators: course.animators.map((a) => ({ name: a.name, id: animatorUsers.find((u) => u.handle === a.handle)?.id ?? null })),
    minutes: lessons.reduce((sum, l) => sum + l.minutes, 0),
    progress,
    resume: resume ?? null,
    groupSlug: found.groupSlug,
  };
}

/** The course page: the course and its sessions from now on, as the viewer sees them. */
export async function coursePage(deps: Deps, actor: Actor, slug: string) {
  const detail = await courseDetail(deps, actor, slug);
  return { ...detail, sessions: await sessionsForCourse(deps, actor, detail.course) };
}

/** A file the course's pages show (cover, lesson images), for those who may see the course. */
export async function courseFile(deps: Deps, actor: Actor, slug: string, filePath: string) {
  const { course, can } = await accessBySlug(deps, actor, slug);
  // The cover belongs to the catalogue; lesson images to those who may study.
  if (!filePath.startsWith('cover.') && !can.study) throw new NotFoundError();
  const file = await q.findCourseFile(deps.database.db, course.id, filePath);
  if (!file) throw new NotFoundError();
  return file;
}
