// Learning completed on the platform, in the booklet: one entry per person and course, written when
// `course.completed` is delivered (at least once: the entry is written once), and for courses
// completed before the booklet existed, when their person next opens the booklet (lazily).
import * as q from '../../../models/queries/booklet.ts';
import type { Deps } from '../../core/deps.ts';

type ResultFacts = { quizTotal: number; quizPassed: number; bestScore: number | null };

/**
 * The result as the booklet states it (Italian: the booklet is an Italian document): "Superato",
 * and with quizzes how many were passed and the mean of the best scores.
 */
export function resultText(f: ResultFacts): string {
  if (!f.quizTotal) return 'Superato';
  const score = f.bestScore === null ? '' : `, punteggio medio ${f.bestScore}%`;
  return `Superato – verifiche superate ${f.quizPassed} su ${f.quizTotal}${score}`;
}

/**
 * Writes the booklet entry of a course the person completed: the course's hours and competences at
 * completion, the result from their quizzes. Nothing when it is there already; false then.
 */
export async function recordCourseEntry(deps: Deps, userId: number, courseId: number, at?: Date): Promise<boolean> {
  const db = deps.database.db;
  const facts = await q.courseEntryFacts(db, userId, courseId);
  if (!facts) return false;
  return q.insertCourseEntry(db, {
    userId,
    courseId,
    completedAt: facts.completedAt ?? at ?? new Date(),
    hours: facts.hours,
    result: resultText(facts),
    competences: facts.competences.map((c) => ({ code: c.code, title: c.title })),
  });
}

/** Entries for the courses the person completed before the booklet listened (one query when there are none). */
export async function backfillCourseEntries(deps: Deps, userId: number): Promise<number> {
  let written = 0;
  for (const courseId of await q.coursesMissingEntries(deps.database.db, userId))
    if (await recordCourseEntry(deps, userId, courseId)) written++;
  return written;
}
