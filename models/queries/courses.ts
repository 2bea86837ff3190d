// Queries on courses themselves: the course row, the catalogue, the course's files and animators,
// and the writes of authoring and the import on them. A course's content, learning and sessions
// are in courses-content.ts, courses-learning.ts and courses-sessions.ts.
import { and, asc, count, eq, ilike, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  courseAnimators,
  courseEnrolments,
  courseFiles,
  courses,
  type Course,
  type CourseEnrolment,
} from '../schema.ts';

/** The outer course row's id, for subqueries. */
export const COURSE_ID = sql.raw('"courses"."id"');

export async function findCourseBySlug(db: DbOrTx, slug: string): Promise<Course | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.slug, slug));
  return row;
}

/** A course with the viewer's enrolment and whether they run it, in one statement (every course page). */
export async function findCourseForViewer(
  db: DbOrTx,
  slug: string,
  viewerId: number,
): Promise<{ course: Course; enrolment: CourseEnrolment | null; animator: boolean } | undefined> {
  const [row] = await db
    .select({
      course: courses,
      enrolment: courseEnrolments,
      animator: sql<boolean>`EXISTS (SELECT 1 FROM ${courseAnimators}
        WHERE ${courseAnimators.courseId} = ${courses.id} AND ${courseAnimators.userId} = ${viewerId})`,
    })
    .from(courses)
    .leftJoin(courseEnrolments, and(eq(courseEnrolments.courseId, courses.id), eq(courseEnrolments.userId, viewerId)))
    .where(eq(courses.slug, slug));
  return row;
}

export async function findCourseById(db: DbOrTx, id: number): Promise<Course | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.id, id));
  return row;
}

export async function countCourses(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(courses);
  return row?.n ?? 0;
}

export type CatalogueFilter = {
  q?: string | undefined;
  theme?: string | undefined;
  level?: string | undefined;
  hours?: readonly [number, number] | undefined;
  /** Leave these courses out (the home page shows my courses apart). */
  exceptSlugs?: string[];
  limit?: number;
};
export type CatalogueRow = Pick<
  Course,
  'id' | 'slug' | 'title' | 'summary' | 'theme' | 'hours' | 'level' | 'enrolment' | 'status' | 'version' | 'audience'
> & {
  lessonCount: number;
  learnerCount: number;
  cover: string | null;
};

/** Published courses (and, for `draftsOf`, the drafts that person runs; every draft for admins). */
export async function listCatalogue(
  db: DbOrTx,
  filter: CatalogueFilter,
  drafts: { userId: number | null; all: boolean },
): Promise<CatalogueRow[]> {
  const where: (SQL | undefined)[] = [];
  if (drafts.all) where.push(undefined);
  else if (drafts.userId) {
    where.push(
      or(
        eq(courses.status, 'published'),
        eq(courses.createdBy, drafts.userId),
        sql`EXISTS (SELECT 1 FROM course_animators ca WHERE ca.course_id = ${COURSE_ID} AND ca.user_id = ${drafts.userId})`,
      ),
    );
  } else where.push(eq(courses.status, 'published'));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(
      or(
        ilike(courses.title, like),
        ilike(courses.summary, like),
        ilike(courses.audience, like),
        sql`${courses.competences}::text ILIKE ${like}`,
      ),
    );
  }
  if (filter.theme) where.push(eq(courses.theme, filter.theme));
  if (filter.level) where.push(eq(courses.level, filter.level as Course['level']));
  if (filter.hours) where.push(and(sql`${courses.hours} > ${filter.hours[0]}`, lte(courses.hours, filter.hours[1])));
  if (filter.exceptSlugs?.length) where.push(notInArray(courses.slug, filter.exceptSlugs));
  return db
    .select({
      id: courses.id,
      slug: courses.slug,
      title: courses.title,
      summary: courses.summary,
      theme: courses.theme,
      hours: courses.hours,
      level: courses.level,
      enrolment: courses.enrolment,
      status: courses.status,
      version: courses.version,
      audience: courses.audience,
      lessonCount: sql<number>`(SELECT count(*)::int FROM course_lessons l WHERE l.course_id = ${COURSE_ID})`,
      learnerCount: sql<number>`(SELECT count(*)::int FROM course_enrolments e WHERE e.course_id = ${COURSE_ID} AND e.status = 'active')`,
      cover: sql<
        string | null
      >`(SELECT f.path FROM course_files f WHERE f.course_id = ${COURSE_ID} AND f.path LIKE 'cover.%' LIMIT 1)`,
    })
    .from(courses)
    .where(and(...where))
    .orderBy(asc(courses.title))
    .limit(filter.limit ?? 1000);
}

export async function courseThemes(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ theme: courses.theme })
    .from(courses)
    .where(and(eq(courses.status, 'published'), sql`${courses.theme} <> ''`))
    .orderBy(asc(courses.theme));
  return rows.map((r) => r.theme);
}

export async function findCourseFile(
  db: DbOrTx,
  courseId: number,
  filePath: string,
): Promise<{ mime: string; data: Buffer } | undefined> {
  const [row] = await db
    .select({ mime: courseFiles.mime, data: courseFiles.data })
    .from(courseFiles)
    .where(and(eq(courseFiles.courseId, courseId), eq(courseFiles.path, filePath)));
  return row;
}

export async function coverPathOf(db: DbOrTx, courseId: number): Promise<string | undefined> {
  const [row] = await db
    .select({ path: courseFiles.path })
    .from(courseFiles)
    .where(and(eq(courseFiles.courseId, courseId), sql`${courseFiles.path} LIKE 'cover.%'`));
  return row?.path;
}

export async function courseAnimatorIds(db: DbOrTx, courseId: number): Promise<number[]> {
  return (
    await db.select({ id: courseAnimators.userId }).from(courseAnimators).where(eq(courseAnimators.courseId, courseId))
  ).map((r) => r.id);
}

export async function isCourseAnimator(db: DbOrTx, courseId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: courseAnimators.userId })
    .from(courseAnimators)
    .where(and(eq(courseAnimators.courseId, courseId), eq(courseAnimators.userId, userId)));
  return Boolean(row);
}

/** The course whose discussion space a group is, if any (the live course rooms). */
export async function courseSlugOfGroup(db: DbOrTx, groupId: number): Promise<string | null> {
  const [row] = await db.select({ slug: courses.slug }).from(courses).where(eq(courses.groupId, groupId));
  return row?.slug ?? null;
}

// ---------------------------------------------------------------------------------------------
// Writes.

/** The course row locked for the rest of the transaction. */
export async function lockCourse(db: DbOrTx, id: number): Promise<Course | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.id, id)).for('update');
  return row;
}

export async function lockCourseBySlug(db: DbOrTx, slug: string): Promise<Course | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.slug, slug)).for('update');
  return row;
}

export async function insertCourse(db: DbOrTx, values: typeof courses.$inferInsert): Promise<Course> {
  const [row] = await db.insert(courses).values(values).returning();
  return row!;
}

/** Creates a course unless its slug is taken (undefined then). */
export async function insertCourseUnlessSlugTaken(
  db: DbOrTx,
  values: typeof courses.$inferInsert,
): Promise<Course | undefined> {
  const [row] = await db.insert(courses).values(values).onConflictDoNothing({ target: courses.slug }).returning();
  return row;
}

export async function updateCourse(
  db: DbOrTx,
  id: number,
  values: Partial<typeof courses.$inferInsert>,
): Promise<Course> {
  const [row] = await db.update(courses).set(values).where(eq(courses.id, id)).returning();
  return row!;
}

export async function addCourseAnimators(db: DbOrTx, courseId: number, userIds: number[]): Promise<void> {
  if (userIds.length)
    await db
      .insert(courseAnimators)
      .values(userIds.map((userId) => ({ courseId, userId })))
      .onConflictDoNothing();
}

/** The course's animators are exactly these people. */
export async function replaceCourseAnimators(db: DbOrTx, courseId: number, userIds: number[]): Promise<void> {
  await db.delete(courseAnimators).where(eq(courseAnimators.courseId, courseId));
  await addCourseAnimators(db, courseId, [...new Set(userIds)]);
}

/** The course's files are exactly these. */
export async function replaceCourseFiles(
  db: DbOrTx,
  courseId: number,
  files: { path: string; mime: string; data: Buffer }[],
): Promise<void> {
  await db.delete(courseFiles).where(eq(courseFiles.courseId, courseId));
  if (files.length)
    await db.insert(courseFiles).values(files.map((f) => ({ courseId, path: f.path, mime: f.mime, data: f.data })));
}

// Sessions are in courses-sessions.ts; notifications read this one from here.
export { findSession } from './courses-sessions.ts';
