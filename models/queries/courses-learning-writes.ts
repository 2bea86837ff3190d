// Writes of learning in a course: enrolments (and their pending state), the lesson reached, lessons
// done, course completion, quiz attempts and learning records (xAPI statements).
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  courseEnrolments,
  learningStatements,
  lessonCompletions,
  quizAttempts,
  type CourseEnrolment,
} from '../schema.ts';

export async function countEnrolments(db: DbOrTx, courseId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(courseEnrolments).where(eq(courseEnrolments.courseId, courseId));
  return row?.n ?? 0;
}

/** Enrols someone once: undefined when they already were (a request at the same moment). */
export async function insertEnrolment(
  db: DbOrTx,
  courseId: number,
  userId: number,
  status: CourseEnrolment['status'],
): Promise<CourseEnrolment | undefined> {
  const [row] = await db
    .insert(courseEnrolments)
    .values({ courseId, userId, status })
    .onConflictDoNothing()
    .returning();
  return row;
}

const enrolmentOf = (courseId: number, userId: number, ...more: (SQL | undefined)[]) =>
  and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.userId, userId), ...more);

/** A pending request made active; undefined when there was no such request. */
export async function activatePendingEnrolment(
  db: DbOrTx,
  courseId: number,
  userId: number,
): Promise<CourseEnrolment | undefined> {
  const [row] = await db
    .update(courseEnrolments)
    .set({ status: 'active', enrolledAt: new Date() })
    .where(enrolmentOf(courseId, userId, eq(courseEnrolments.status, 'pending')))
    .returning();
  return row;
}

/** Removes a pending request; false when there was none. */
export async function deletePendingEnrolment(db: DbOrTx, courseId: number, userId: number): Promise<boolean> {
  const rows = await db
    .delete(courseEnrolments)
    .where(enrolmentOf(courseId, userId, eq(courseEnrolments.status, 'pending')))
    .returning();
  return rows.length > 0;
}

/** The learner's bookmark: the lesson last studied, and when. */
export async function setLastLesson(db: DbOrTx, courseId: number, userId: number, lessonId: number): Promise<void> {
  await db
    .update(courseEnrolments)
    .set({ lastLessonId: lessonId, lastSeenAt: new Date() })
    .where(enrolmentOf(courseId, userId));
}

export async function setCourseCompleted(
  db: DbOrTx,
  courseId: number,
  userId: number,
  completedAt: Date,
): Promise<void> {
  await db.update(courseEnrolments).set({ completedAt }).where(enrolmentOf(courseId, userId));
}

/** Records a lesson done once: undefined when it already was. */
export async function insertLessonCompletion(db: DbOrTx, lessonId: number, userId: number) {
  const [row] = await db.insert(lessonCompletions).values({ lessonId, userId }).onConflictDoNothing().returning();
  return row;
}

export async function countAttempts(db: DbOrTx, quizId: number, userId: number): Promise<number> {
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.userId, userId)));
  return n;
}

export async function insertAttempt(db: DbOrTx, values: typeof quizAttempts.$inferInsert) {
  const [row] = await db.insert(quizAttempts).values(values).returning();
  return row!;
}

export async function insertStatement(db: DbOrTx, values: typeof learningStatements.$inferInsert): Promise<void> {
  await db.insert(learningStatements).values(values);
}
