// Imports course folders into the database: everything checked first, then every course written
// in one transaction. Modules, lessons and quizzes are matched by slug, so learners keep their
// completions and attempts; a change to a published course's content bumps its version.
import path from 'node:path';
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import * as content from '../../../models/queries/courses-content.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import type { courses, Course } from '../../../models/schema.ts';
import { ROOT_DIR } from '../../config.ts';
import type { Deps } from '../../core/deps.ts';
import { renderDocument } from '../../core/markdown.ts';
import { translator } from '../../core/i18n.ts';
import { unknownCompetenceCodes } from '../competences/competences.service.ts';
import { ensureGroupMember, provisionGroup } from '../groups/groups.service.ts';
import { contentHash, CourseFilesError, readCourses, type CourseBundle, type FileProblem } from './courses.files.ts';

export type ImportResult = { slug: string; title: string; created: boolean; version: number; lessons: number; quizzes: number; published: boolean };

const t = translator('it');
export const fileBase = (slug: string) => `/corsi/${slug}/file`;

/** The content learners see, as one fingerprint (what a version number stands for). */
export function bundleHash(b: Pick<CourseBundle, 'title' | 'summary' | 'description' | 'modules' | 'lessons' | 'quizzes' | 'completion'>): string {
  return contentHash({
    title: b.title,
    summary: b.summary,
    description: b.description,
    completion: b.completion,
    modules: b.modules.map((m) => [m.slug, m.title, m.summary]),
    lessons: b.lessons.map((l) => [l.slug, l.module, l.title, l.minutes, l.kind, l.video, l.body]),
    quizzes: b.quizzes.map((q) => [q.slug, q.title, q.description, q.passingScore, q.maxAttempts, q.questions]),
  });
}

/** Validates every course under `dir`, then creates or updates them all in one transaction. */
export async function importCourses(deps: Deps, dir: string, opts: { replaceWebCourses?: boolean } = {}): Promise<ImportResult[]> {
  const bundles = await readCourses(dir);
  return deps.database.db.transaction(async (tx) => {
    const unknown = await unknownCompetences(tx, bundles);
    if (unknown.length) throw new CourseFilesError(unknown);
    const out: ImportResult[] = [];
    for (const bundle of bundles) {
      const { result, newlyPublished: course } = await writeBundle(tx, bundle, opts);
      out.push(result);
      if (course) await deps.bus.record(tx, 'course.published', { actorId: course.createdBy, objectId: course.id, title: course.title, url: `/corsi/${course.slug}` });
    }
    return out;
  });
}

/** Each course's competence codes that the repertory lacks (/competenze): the import refuses them all. */
async function unknownCompetences(tx: Tx, bundles: CourseBundle[]): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  for (const b of bundles) {
    const codes = await unknownCompetenceCodes(tx, b.competences.map((c) => c.code));
    if (codes.length) problems.push({ file: `${b.slug}/course.yml`, line: null, message: t('validation.competence_unknown', { codes: codes.join(', '), count: codes.length }) });
  }
  return problems;
}

/** The animators named in the course file who may run it (animators and admins), by handle. */
async function animatorIdsOf(tx: Tx, b: CourseBundle): Promise<number[]> {
  const handles = b.animators.map((a) => a.handle?.replace(/^@/, '').toLowerCase()).filter((h): h is string => Boolean(h));
  const animatorUsers = handles.length ? await findUsersByHandles(tx, handles) : [];
  // Only animators and admins run courses: a member named in the file is shown by name, nothing more.
  return handles
    .map((h) => animatorUsers.find((u) => u.handle === h && (u.role === 'animator' || u.role === 'admin'))?.id)
    .filter((id): id is number => id !== undefined);
}

/** The course row's values from its file. */
function courseValues(b: CourseBundle, now: Date) {
  return {
    title: b.title,
    summary: b.summary,
    description: b.description,
    descriptionHtml: renderDocument(b.description, { imageBase: fileBase(b.slug) }),
    audience: b.audience,
    theme: b.theme,
    hours: b.hours,
    level: b.level,
    language: b.language,
    enrolment: b.enrolment,
    licence: b.licence,
    competences: b.competences,
    animators: b.animators.map((a) => ({ handle: a.handle?.replace(/^@/, '').toLowerCase() ?? null, name: a.name })),
    completion: b.completion,
    status: b.published ? ('published' as const) : ('draft' as const),
    source: 'file' as const,
    updatedAt: now,
  } satisfies Partial<typeof courses.$inferInsert>;
}

/** Creates the course row, or updates it with a new version when published content changed. */
async function writeCourseRow(tx: Tx, b: CourseBundle, existing: Course | undefined, createdBy: number | null): Promise<Course> {
  const hash = bundleHash(b);
  const now = new Date();
  const values = courseValues(b, now);
  const published = values.status === 'published';
  if (!existing) {
    return q.insertCourse(tx, { ...values, slug: b.slug, version: 1, publishedHash: published ? hash : null, publishedAt: published ? now : null, createdBy });
  }
  const changed = existing.publishedHash !== null && existing.publishedHash !== hash;
  return q.updateCourse(tx, existing.id, {
    ...values,
    version: existing.status === 'published' && published && changed ? existing.version + 1 : existing.version,
    publishedHash: published ? hash : existing.publishedHash,
    publishedAt: published ? (existing.publishedAt ?? now) : existing.publishedAt,
  });
}

/** Modules first (lessons may move between them), then lessons, then what the files no longer hold. */
async function writeContent(tx: Tx, courseId: number, b: CourseBundle): Promise<void> {
  const moduleIds = new Map<string, number>();
  for (const [i, m] of b.modules.entries()) moduleIds.set(m.slug, await content.upsertModule(tx, courseId, m.slug, { title: m.title, summary: m.summary, position: i }));
  for (const [i, l] of b.lessons.entries()) {
    await content.upsertLesson(tx, courseId, l.slug, {
      moduleId: moduleIds.get(l.module)!,
      title: l.title,
      position: i,
      minutes: l.minutes,
      kind: l.kind,
      videoUrl: l.video,
      body: l.body,
      bodyHtml: renderDocument(l.body, { imageBase: fileBase(b.slug) }),
    });
  }
  await content.deleteLessonsExcept(tx, courseId, b.lessons.map((l) => l.slug));
  await content.deleteModulesExcept(tx, courseId, b.modules.map((m) => m.slug));
  for (const [i, z] of b.quizzes.entries()) {
    await content.upsertQuiz(tx, courseId, z.slug, { title: z.title, description: z.description, passingScore: z.passingScore, maxAttempts: z.maxAttempts, questions: z.questions, position: i });
  }
  await content.deleteQuizzesExcept(tx, courseId, b.quizzes.map((z) => z.slug));
}

/** The course's files; the cover is served as cover.<ext>, and keeps its own path too when a lesson shows it. */
function filesToStore(b: CourseBundle) {
  return b.files.flatMap((f) =>
    f.path !== b.cover
      ? [f]
      : [{ ...f, path: `cover${path.extname(f.path).toLowerCase()}` }, ...(b.lessons.some((l) => l.body.includes(f.path)) ? [f] : [])],
  );
}

async function writeBundle(tx: Tx, b: CourseBundle, opts: { replaceWebCourses?: boolean }): Promise<{ result: ImportResult; newlyPublished: Course | null }> {
  const existing = await q.lockCourseBySlug(tx, b.slug);
  if (existing?.source === 'web' && !opts.replaceWebCourses) {
    throw new CourseFilesError([{ file: b.slug, line: null, message: t('courses.import.web_course', { slug: b.slug }) }]);
  }
  const animatorIds = await animatorIdsOf(tx, b);
  let course = await writeCourseRow(tx, b, existing, animatorIds[0] ?? null);
  await writeContent(tx, course.id, b);
  await q.replaceCourseFiles(tx, course.id, filesToStore(b));
  await q.replaceCourseAnimators(tx, course.id, animatorIds);
  course = await ensureCourseSpace(tx, course, animatorIds);
  const published = course.status === 'published';
  return {
    result: { slug: course.slug, title: course.title, created: !existing, version: course.version, lessons: b.lessons.length, quizzes: b.quizzes.length, published },
    newlyPublished: published && existing?.status !== 'published' ? course : null,
  };
}

/** The course's discussion space: a private group of its learners and animators, created once. */
export async function ensureCourseSpace(tx: Tx, course: Course, animatorIds: number[]): Promise<Course> {
  let current = course;
  if (!course.groupId) {
    const group = await provisionGroup(
      tx,
      {
        name: t('courses.space.name', { title: course.title }).slice(0, 120),
        description: t('courses.space.description', { title: course.title }),
        theme: course.theme,
        visibility: 'private',
        createdBy: animatorIds[0] ?? course.createdBy,
      },
      animatorIds.slice(0, 1),
    );
    current = await q.updateCourse(tx, course.id, { groupId: group.id });
  }
  for (const id of animatorIds) await ensureGroupMember(tx, current.groupId!, id, 'moderator');
  return current;
}

/**
 * On a first start (no course in the database yet), imports the courses shipped in `courses/`.
 * A broken course folder is logged, not fatal: the platform still starts.
 */
export async function importCoursesOnFirstStart(deps: Deps, dir = path.join(ROOT_DIR, 'courses')): Promise<ImportResult[]> {
  if ((await q.countCourses(deps.database.db)) > 0) return [];
  try {
    const results = await importCourses(deps, dir);
    deps.log.info({ courses: results.map((r) => r.slug) }, 'courses imported');
    return results;
  } catch (err) {
    if (err instanceof CourseFilesError) deps.log.error({ problems: err.problems }, 'courses not imported: the files have problems');
    else deps.log.error({ err }, 'courses not imported');
    return [];
  }
}

