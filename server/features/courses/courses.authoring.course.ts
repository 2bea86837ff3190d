// Course authoring, the course itself (animators): the editor's overview, a new course, its
// settings, publishing and back to draft, and the Markdown preview.
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import * as content from '../../../models/queries/courses-content.ts';
import { countEnrolments } from '../../../models/queries/courses-learning.ts';
import { findUserById } from '../../../models/queries/users.ts';
import type { Course } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, ForbiddenError, UnauthorizedError, type FieldErrors } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { insertUnderFreeSlug, slugify } from '../../core/slug.ts';
import { assertKnownCompetenceCodes } from '../competences/competences.service.ts';
import { managedCourse } from './courses.access.ts';
import { changeCourse, storedContentHash, type Changed } from './courses.authoring.ts';
import { parseForm, previewSchema, settingsSchema, V, type SettingsInput } from './courses.authoring.schema.ts';
import { ensureCourseSpace, fileBase } from './courses.import.ts';
import { canCreateCourse } from './courses.policy.ts';
import { RESERVED_SLUGS } from './courses.schema.ts';

/** Those who may create courses: animators and admins; anyone else is refused. */
export function assertCanCreateCourse(actor: Actor): Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!canCreateCourse(actor)) throw new ForbiddenError('course_authoring.errors.cannot_create');
  return actor;
}

/** The course as its editor shows it: settings, outline (modules with their lessons), quizzes. */
export async function courseEditor(deps: Deps, actor: Actor, slug: string) {
  const access = await managedCourse(deps, actor, slug);
  const db = deps.database.db;
  const [modules, lessons, quizzes, learners] = await Promise.all([
    content.courseModulesOf(db, access.course.id),
    content.lessonOutline(db, access.course.id),
    content.quizzesOf(db, access.course.id),
    countEnrolments(db, access.course.id),
  ]);
  return { ...access, modules, lessons, quizzes, learners };
}

/** Markdown as learners will see it, for the editor's preview. Animators and admins only. */
export function previewMarkdown(actor: Actor, input: unknown): string {
  assertCanCreateCourse(actor);
  const { markdown, course } = parseForm(previewSchema, input);
  // markdown-it reads CR LF line ends as LF: the text goes to it as it is.
  return renderDocument(markdown, course ? { imageBase: fileBase(course) } : {});
}

/** A course names only competences of the repertory: an unknown code is a 400 on the competences field. */
const knownCompetences = (tx: Tx, data: SettingsInput) =>
  assertKnownCompetenceCodes(
    tx,
    data.competences.map((c) => c.code),
    'competences',
  );

const settingsValues = (slug: string, s: SettingsInput) => ({
  ...s,
  descriptionHtml: renderDocument(s.description, { imageBase: fileBase(slug) }),
});

/** Creates a draft course written in the browser; its creator runs it and owns its discussion space. */
export async function createCourse(deps: Deps, actor: Actor, input: unknown): Promise<Course> {
  const author = assertCanCreateCourse(actor);
  return insertCourse(deps, author, parseForm(settingsSchema, input));
}

async function insertCourse(deps: Deps, actor: Express.User, data: SettingsInput): Promise<Course> {
  return deps.database.db.transaction(async (tx) => {
    await knownCompetences(tx, data);
    const base = slugify(data.title, 60, 'corso');
    const author = await findUserById(tx, actor.id);
    // Two courses with the same title created at once: the slug's unique key gives each its own.
    const course = await insertUnderFreeSlug(
      base.length < 2 ? `corso-${base}` : base,
      async (s) => RESERVED_SLUGS.includes(s) || Boolean(await q.findCourseBySlug(tx, s)),
      (slug) =>
        q.insertCourseUnlessSlugTaken(tx, {
          ...settingsValues(slug, data),
          slug,
          status: 'draft',
          source: 'web',
          createdBy: actor.id,
          version: 1,
          animators: [{ handle: author?.handle ?? null, name: actor.name }],
        }),
    );
    await q.addCourseAnimators(tx, course.id, [actor.id]);
    return ensureCourseSpace(tx, course, [actor.id]);
  });
}

/** Saves the course's settings (title, texts, audience, level, enrolment, competences, completion rule). */
export async function updateSettings(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(settingsSchema, input);
  return changeCourse(deps, course, async (tx) => {
    await knownCompetences(tx, data);
    await q.updateCourse(tx, course.id, settingsValues(course.slug, data));
  });
}

/** Why a course cannot be published yet, as field errors (none: it can). */
async function publishProblems(tx: Tx, courseId: number): Promise<FieldErrors> {
  const modules = await content.courseModulesOf(tx, courseId);
  const lessons = await content.lessonOutline(tx, courseId);
  const quizzes = await content.quizzesOf(tx, courseId);
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
    await q.updateCourse(tx, locked.id, { status: 'published', publishedHash: hash, version, publishedAt: locked.publishedAt ?? new Date() });
    await deps.bus.record(tx, 'course.published', { actorId: by.id, objectId: locked.id, title: locked.title, url: `/corsi/${locked.slug}` });
    return true;
  });
  return out;
}

/** Back to draft, hidden again from everyone but those who run it: refused once people are enrolled. */
export async function unpublishCourse(deps: Deps, actor: Actor, slug: string): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx, locked) => {
    const learners = await countEnrolments(tx, locked.id);
    if (learners > 0) throw new ConflictError('course_authoring.errors.has_learners', { status: { key: `${V}.has_learners`, params: { count: learners } } });
    await q.updateCourse(tx, locked.id, { status: 'draft' });
  });
}
