// Imports course folders into the database: everything checked first, then every course written
// in one transaction. Modules, lessons and quizzes are matched by slug, so learners keep their
// completions and attempts; a change to a published course's content bumps its version.
import path from 'node:path';
import { and, eq, notInArray } from 'drizzle-orm';
import type { Tx } from '../../../models/db.ts';
import { countCourses } from '../../../models/queries/courses.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import {
  courseAnimators,
  courseFiles,
  courseLessons,
  courseModules,
  courseQuizzes,
  courses,
  type Course,
} from '../../../models/schema.ts';
import { ROOT_DIR } from '../../config.ts';
import type { Deps } from '../../core/deps.ts';
import { renderDocument } from '../../core/markdown.ts';
import { translator } from '../../core/i18n.ts';
import { ensureGroupMember, provisionGroup } from '../groups/groups.service.ts';
import { contentHash, CourseFilesError, readCourses, type CourseBundle } from './courses.files.ts';

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
    const out: ImportResult[] = [];
    for (const bundle of bundles) {
      const { result, newlyPublished: course } = await writeBundle(tx, bundle, opts);
      out.push(result);
      if (course) await deps.bus.record(tx, 'course.published', { actorId: course.createdBy, objectId: course.id, title: course.title, url: `/corsi/${course.slug}` });
    }
    return out;
  });
}

async function writeBundle(tx: Tx, b: CourseBundle, opts: { replaceWebCourses?: boolean }): Promise<{ result: ImportResult; newlyPublished: Course | null }> {
  const [existing] = await tx.select().from(courses).where(eq(courses.slug, b.slug)).for('update');
  if (existing?.source === 'web' && !opts.replaceWebCourses) {
    throw new CourseFilesError([{ file: b.slug, line: null, message: t('courses.import.web_course', { slug: b.slug }) }]);
  }
  const handles = b.animators.map((a) => a.handle?.replace(/^@/, '').toLowerCase()).filter((h): h is string => Boolean(h));
  const animatorUsers = handles.length ? await findUsersByHandles(tx, handles) : [];
  // Only animators and admins run courses: a member named in the file is shown by name, nothing more.
  const animatorIds = handles
    .map((h) => animatorUsers.find((u) => u.handle === h && (u.role === 'animator' || u.role === 'admin'))?.id)
    .filter((id): id is number => id !== undefined);

  const hash = bundleHash(b);
  const status = b.published ? 'published' : 'draft';
  const now = new Date();
  const values = {
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
    status,
    source: 'file' as const,
    updatedAt: now,
  } satisfies Partial<typeof courses.$inferInsert>;

  let course: Course;
  if (existing) {
    const changed = existing.publishedHash !== null && existing.publishedHash !== hash;
    [course] = (await tx
      .update(courses)
      .set({
        ...values,
        version: existing.status === 'published' && status === 'published' && changed ? existing.version + 1 : existing.version,
        publishedHash: status === 'published' ? hash : existing.publishedHash,
        publishedAt: status === 'published' ? (existing.publishedAt ?? now) : existing.publishedAt,
      })
      .where(eq(courses.id, existing.id))
      .returning()) as [Course];
  } else {
    [course] = (await tx
      .insert(courses)
      .values({ ...values, slug: b.slug, version: 1, publishedHash: status === 'published' ? hash : null, publishedAt: status === 'published' ? now : null, createdBy: animatorIds[0] ?? null })
      .returning()) as [Course];
  }

  // Modules first (lessons may move between them), then lessons, then what the files no longer hold.
  const moduleIds = new Map<string, number>();
  for (const [i, m] of b.modules.entries()) {
    const [row] = await tx
      .insert(courseModules)
      .values({ courseId: course.id, slug: m.slug, title: m.title, summary: m.summary, position: i })
      .onConflictDoUpdate({ target: [courseModules.courseId, courseModules.slug], set: { title: m.title, summary: m.summary, position: i } })
      .returning({ id: courseModules.id });
    moduleIds.set(m.slug, row!.id);
  }
  for (const [i, l] of b.lessons.entries()) {
    const lesson = {
      moduleId: moduleIds.get(l.module)!,
      title: l.title,
      position: i,
      minutes: l.minutes,
      kind: l.kind,
      videoUrl: l.video,
      body: l.body,
      bodyHtml: renderDocument(l.body, { imageBase: fileBase(b.slug) }),
    };
    await tx
      .insert(courseLessons)
      .values({ ...lesson, courseId: course.id, slug: l.slug })
      .onConflictDoUpdate({ target: [courseLessons.courseId, courseLessons.slug], set: lesson });
  }
  await tx.delete(courseLessons).where(and(eq(courseLessons.courseId, course.id), notInArray(courseLessons.slug, b.lessons.map((l) => l.slug))));
  await tx.delete(courseModules).where(and(eq(courseModules.courseId, course.id), notInArray(courseModules.slug, b.modules.map((m) => m.slug))));
  for (const [i, q] of b.quizzes.entries()) {
    const quiz = { title: q.title, description: q.description, passingScore: q.passingScore, maxAttempts: q.maxAttempts, questions: q.questions, position: i };
    await tx
      .insert(courseQuizzes)
      .values({ ...quiz, courseId: course.id, slug: q.slug })
      .onConflictDoUpdate({ target: [courseQuizzes.courseId, courseQuizzes.slug], set: quiz });
  }
  const quizSlugs = b.quizzes.map((q) => q.slug);
  await tx
    .delete(courseQuizzes)
    .where(and(eq(courseQuizzes.courseId, course.id), quizSlugs.length ? notInArray(courseQuizzes.slug, quizSlugs) : undefined));

  await tx.delete(courseFiles).where(eq(courseFiles.courseId, course.id));
  // The cover is served as cover.<ext>; it keeps its own path too when a lesson shows it.
  const files = b.files.flatMap((f) =>
    f.path !== b.cover
      ? [f]
      : [{ ...f, path: `cover${path.extname(f.path).toLowerCase()}` }, ...(b.lessons.some((l) => l.body.includes(f.path)) ? [f] : [])],
  );
  if (files.length) await tx.insert(courseFiles).values(files.map((f) => ({ courseId: course.id, path: f.path, mime: f.mime, data: f.data })));

  await tx.delete(courseAnimators).where(eq(courseAnimators.courseId, course.id));
  if (animatorIds.length) await tx.insert(courseAnimators).values([...new Set(animatorIds)].map((userId) => ({ courseId: course.id, userId }))).onConflictDoNothing();

  course = await ensureCourseSpace(tx, course, animatorIds);
  return {
    result: { slug: course.slug, title: course.title, created: !existing, version: course.version, lessons: b.lessons.length, quizzes: b.quizzes.length, published: status === 'published' },
    newlyPublished: status === 'published' && existing?.status !== 'published' ? course : null,
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
    [current] = (await tx.update(courses).set({ groupId: group.id }).where(eq(courses.id, course.id)).returning()) as [Course];
  }
  for (const id of animatorIds) await ensureGroupMember(tx, current.groupId!, id, 'moderator');
  return current;
}

/**
 * On a first start (no course in the database yet), imports the courses shipped in `courses/`.
 * A broken course folder is logged, not fatal: the platform still starts.
 */
export async function importCoursesOnFirstStart(deps: Deps, dir = path.join(ROOT_DIR, 'courses')): Promise<ImportResult[]> {
  if ((await countCourses(deps.database.db)) > 0) return [];
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

