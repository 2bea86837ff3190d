// Queries on a course's content: modules, lessons and quizzes (questions live in the quiz row),
// as learners read them and as authoring and the import write them.
import { and, asc, count, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  courseLessons,
  courseModules,
  courseQuizzes,
  type CourseLesson,
  type CourseModule,
  type CourseQuiz,
  type QuizQuestion,
} from '../schema.ts';

/** A quiz learners can take has questions (one being written in the browser may have none yet). */
export const answerable = (questions: SQL | typeof courseQuizzes.questions) =>
  sql`jsonb_array_length(${questions}) > 0`;

export async function courseModulesOf(db: DbOrTx, courseId: number): Promise<CourseModule[]> {
  return db
    .select()
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseModules.id));
}

export type LessonOutline = Pick<
  CourseLesson,
  'id' | 'slug' | 'title' | 'moduleId' | 'position' | 'minutes' | 'kind' | 'threadId'
>;

/** Lessons in order, without their bodies. */
export async function lessonOutline(db: DbOrTx, courseId: number): Promise<LessonOutline[]> {
  return db
    .select({
      id: courseLessons.id,
      slug: courseLessons.slug,
      title: courseLessons.title,
      moduleId: courseLessons.moduleId,
      position: courseLessons.position,
      minutes: courseLessons.minutes,
      kind: courseLessons.kind,
      threadId: courseLessons.threadId,
    })
    .from(courseLessons)
    .innerJoin(courseModules, eq(courseModules.id, courseLessons.moduleId))
    .where(eq(courseLessons.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseLessons.position), asc(courseLessons.id));
}

export async function findLesson(db: DbOrTx, courseId: number, slug: string): Promise<CourseLesson | undefined> {
  const [row] = await db
    .select()
    .from(courseLessons)
    .where(and(eq(courseLessons.courseId, courseId), eq(courseLessons.slug, slug)));
  return row;
}

export async function quizzesOf(db: DbOrTx, courseId: number): Promise<CourseQuiz[]> {
  return db
    .select()
    .from(courseQuizzes)
    .where(eq(courseQuizzes.courseId, courseId))
    .orderBy(asc(courseQuizzes.position), asc(courseQuizzes.id));
}

/** The quizzes learners can take: those with questions. */
export async function answerableQuizzesOf(db: DbOrTx, courseId: number): Promise<CourseQuiz[]> {
  return db
    .select()
    .from(courseQuizzes)
    .where(and(eq(courseQuizzes.courseId, courseId), answerable(courseQuizzes.questions)))
    .orderBy(asc(courseQuizzes.position), asc(courseQuizzes.id));
}

/** A quiz of the course; `answerable`: only if learners can take it (it has questions); `lock`: for update. */
export async function findQuiz(
  db: DbOrTx,
  courseId: number,
  slug: string,
  opts: { answerable?: boolean; lock?: boolean } = {},
): Promise<CourseQuiz | undefined> {
  const query = db
    .select()
    .from(courseQuizzes)
    .where(
      and(
        eq(courseQuizzes.courseId, courseId),
        eq(courseQuizzes.slug, slug),
        opts.answerable ? answerable(courseQuizzes.questions) : undefined,
      ),
    );
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

// ---------------------------------------------------------------------------------------------
// Modules.

export async function findModule(db: DbOrTx, courseId: number, slug: string): Promise<CourseModule | undefined> {
  const [row] = await db
    .select()
    .from(courseModules)
    .where(and(eq(courseModules.courseId, courseId), eq(courseModules.slug, slug)));
  return row;
}

export async function insertModule(db: DbOrTx, values: typeof courseModules.$inferInsert): Promise<CourseModule> {
  const [row] = await db.insert(courseModules).values(values).returning();
  return row!;
}

export async function updateModule(
  db: DbOrTx,
  id: number,
  values: Pick<CourseModule, 'title' | 'summary'>,
): Promise<CourseModule> {
  const [row] = await db.update(courseModules).set(values).where(eq(courseModules.id, id)).returning();
  return row!;
}

export async function deleteModule(db: DbOrTx, id: number): Promise<void> {
  await db.delete(courseModules).where(eq(courseModules.id, id));
}

export async function countModuleLessons(db: DbOrTx, moduleId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(courseLessons).where(eq(courseLessons.moduleId, moduleId));
  return row?.n ?? 0;
}

/** Modules and quizzes in the order given: positions 0…n-1, written only where they changed. */
export async function writePositions(
  db: DbOrTx,
  table: typeof courseModules | typeof courseQuizzes,
  items: { id: number; position: number }[],
): Promise<void> {
  for (const [i, item] of items.entries())
    if (item.position !== i) await db.update(table).set({ position: i }).where(eq(table.id, item.id));
}

/** Whether a module, lesson or quiz of the course already has this slug. */
export async function contentSlugTaken(
  db: DbOrTx,
  table: typeof courseModules | typeof courseLessons | typeof courseQuizzes,
  courseId: number,
  slug: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.courseId, courseId), eq(table.slug, slug)));
  return Boolean(row);
}

// ---------------------------------------------------------------------------------------------
// Lessons.

/** The lessons with their bodies, in their stored order (the content's fingerprint). */
export async function lessonsOf(db: DbOrTx, courseId: number): Promise<CourseLesson[]> {
  return db
    .select()
    .from(courseLessons)
    .where(eq(courseLessons.courseId, courseId))
    .orderBy(asc(courseLessons.position), asc(courseLessons.id));
}

export async function insertLesson(db: DbOrTx, values: typeof courseLessons.$inferInsert): Promise<CourseLesson> {
  const [row] = await db.insert(courseLessons).values(values).returning();
  return row!;
}

export async function updateLesson(
  db: DbOrTx,
  id: number,
  values: Partial<typeof courseLessons.$inferInsert>,
): Promise<CourseLesson> {
  const [row] = await db.update(courseLessons).set(values).where(eq(courseLessons.id, id)).returning();
  return row!;
}

/** Puts a lesson in its place: a module and the global position. */
export async function placeLesson(
  db: DbOrTx,
  id: number,
  place: { moduleId: number; position: number },
): Promise<void> {
  await db.update(courseLessons).set(place).where(eq(courseLessons.id, id));
}

export async function deleteLesson(db: DbOrTx, id: number): Promise<void> {
  await db.delete(courseLessons).where(eq(courseLessons.id, id));
}

/** The thread recorded on a lesson, its row locked until the transaction ends. */
export async function lockLessonThread(db: DbOrTx, lessonId: number): Promise<number | null> {
  const [row] = await db
    .select({ threadId: courseLessons.threadId })
    .from(courseLessons)
    .where(eq(courseLessons.id, lessonId))
    .for('update');
  return row?.threadId ?? null;
}

export async function setLessonThread(db: DbOrTx, lessonId: number, threadId: number): Promise<void> {
  await db.update(courseLessons).set({ threadId }).where(eq(courseLessons.id, lessonId));
}

// ---------------------------------------------------------------------------------------------
// Quizzes.

export async function insertQuiz(db: DbOrTx, values: typeof courseQuizzes.$inferInsert): Promise<CourseQuiz> {
  const [row] = await db.insert(courseQuizzes).values(values).returning();
  return row!;
}

export async function updateQuiz(
  db: DbOrTx,
  id: number,
  values: Partial<Pick<CourseQuiz, 'title' | 'description' | 'passingScore' | 'maxAttempts'>>,
): Promise<CourseQuiz> {
  const [row] = await db.update(courseQuizzes).set(values).where(eq(courseQuizzes.id, id)).returning();
  return row!;
}

export async function setQuizQuestions(db: DbOrTx, id: number, questions: QuizQuestion[]): Promise<void> {
  await db.update(courseQuizzes).set({ questions }).where(eq(courseQuizzes.id, id));
}

export async function deleteQuiz(db: DbOrTx, id: number): Promise<void> {
  await db.delete(courseQuizzes).where(eq(courseQuizzes.id, id));
}

// ---------------------------------------------------------------------------------------------
// The import: content matched by slug, so learners keep their completions and attempts.

export async function upsertModule(
  db: DbOrTx,
  courseId: number,
  slug: string,
  values: Pick<CourseModule, 'title' | 'summary' | 'position'>,
): Promise<number> {
  const [row] = await db
    .insert(courseModules)
    .values({ ...values, courseId, slug })
    .onConflictDoUpdate({ target: [courseModules.courseId, courseModules.slug], set: values })
    .returning({ id: courseModules.id });
  return row!.id;
}

export async function upsertLesson(
  db: DbOrTx,
  courseId: number,
  slug: string,
  values: Omit<typeof courseLessons.$inferInsert, 'courseId' | 'slug'>,
): Promise<void> {
  await db
    .insert(courseLessons)
    .values({ ...values, courseId, slug })
    .onConflictDoUpdate({ target: [courseLessons.courseId, courseLessons.slug], set: values });
}

export async function upsertQuiz(
  db: DbOrTx,
  courseId: number,
  slug: string,
  values: Omit<typeof courseQuizzes.$inferInsert, 'courseId' | 'slug'>,
): Promise<void> {
  await db
    .insert(courseQuizzes)
    .values({ ...values, courseId, slug })
    .onConflictDoUpdate({ target: [courseQuizzes.courseId, courseQuizzes.slug], set: values });
}

/** Deletes the course's lessons whose slugs are not listed. */
export async function deleteLessonsExcept(db: DbOrTx, courseId: number, slugs: string[]): Promise<void> {
  await db
    .delete(courseLessons)
    .where(and(eq(courseLessons.courseId, courseId), notInArray(courseLessons.slug, slugs)));
}

export async function deleteModulesExcept(db: DbOrTx, courseId: number, slugs: string[]): Promise<void> {
  await db
    .delete(courseModules)
    .where(and(eq(courseModules.courseId, courseId), notInArray(courseModules.slug, slugs)));
}

/** Deletes the course's quizzes whose slugs are not listed (every one when none is). */
export async function deleteQuizzesExcept(db: DbOrTx, courseId: number, slugs: string[]): Promise<void> {
  await db
    .delete(courseQuizzes)
    .where(and(eq(courseQuizzes.courseId, courseId), slugs.length ? notInArray(courseQuizzes.slug, slugs) : undefined));
}
