// Learning records as xAPI statements (actor, verb, object, result, timestamp), stored with the
// write that caused them and exported as JSON for a Learning Record Store.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../models/db.ts';
import { insertStatement } from '../../../models/queries/courses-learning.ts';
import type { Course } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';

const ADL = 'http://adlnet.gov/expapi/verbs/';
export const VERBS = {
  registered: { id: `${ADL}registered`, display: { 'it-IT': 'si è iscritto/a a', 'en-US': 'registered' } },
  completed: { id: `${ADL}completed`, display: { 'it-IT': 'ha completato', 'en-US': 'completed' } },
  passed: { id: `${ADL}passed`, display: { 'it-IT': 'ha superato', 'en-US': 'passed' } },
  failed: { id: `${ADL}failed`, display: { 'it-IT': 'non ha superato', 'en-US': 'failed' } },
  attended: { id: `${ADL}attended`, display: { 'it-IT': 'ha partecipato a', 'en-US': 'attended' } },
} as const;
export type Verb = keyof typeof VERBS;

const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  meeting: 'http://adlnet.gov/expapi/activities/meeting',
} as const;

export type StatementInput = {
  baseUrl: string;
  actor: { id: number; name: string };
  verb: Verb;
  course: { id: number; slug: string; title: string };
  /** The activity: the course itself, or a lesson, quiz or session in it. */
  object: { type: keyof typeof ACTIVITY_TYPES; path: string; title: string };
  result?: { score?: { raw: number; max: number }; success?: boolean; completion?: boolean };
  timestamp?: Date;
};

/** Builds one statement; the actor is an account on this platform (no e-mail address leaves it). */
export function buildStatement(input: StatementInput): Record<string, unknown> & { id: string } {
  const base = input.baseUrl.replace(/\/$/, '');
  const courseIri = `${base}/corsi/${input.course.slug}`;
  const objectIri = `${base}${input.object.path}`;
  const result = input.result && {
    ...(input.result.score && {
      score: {
        raw: input.result.score.raw,
        min: 0,
        max: input.result.score.max,
        scaled: input.result.score.max ? Math.round((input.result.score.raw / input.result.score.max) * 10_000) / 10_000 : 0,
      },
    }),
    ...(input.result.success !== undefined && { success: input.result.success }),
    ...(input.result.completion !== undefined && { completion: input.result.completion }),
  };
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', name: input.actor.name, account: { homePage: base, name: String(input.actor.id) } },
    verb: VERBS[input.verb],
    object: {
      objectType: 'Activity',
      id: objectIri,
      definition: { type: ACTIVITY_TYPES[input.object.type], name: { 'it-IT': input.object.title } },
    },
    ...(result && { result }),
    ...(objectIri !== courseIri && {
      context: { contextActivities: { parent: [{ objectType: 'Activity', id: courseIri, definition: { type: ACTIVITY_TYPES.course, name: { 'it-IT': input.course.title } } }] } },
    }),
    timestamp: (input.timestamp ?? new Date()).toISOString(),
    version: '1.0.3',
  };
}

/** Stores a statement inside the caller's transaction, so a record exists exactly when its fact does. */
export async function recordStatement(tx: Tx, input: StatementInput): Promise<void> {
  const statement = buildStatement(input);
  await insertStatement(tx, { id: statement.id, userId: input.actor.id, courseId: input.course.id, verb: input.verb, statement });
}

/** The statement of a learning fact by a learner in a course. */
export const courseStatement = (
  deps: Deps,
  course: Course,
  user: { id: number; name: string },
  verb: StatementInput['verb'],
  object: StatementInput['object'],
  result?: StatementInput['result'],
): StatementInput => ({
  baseUrl: deps.config.publicUrl,
  actor: { id: user.id, name: user.name },
  verb,
  course: { id: course.id, slug: course.slug, title: course.title },
  object,
  ...(result && { result }),
});
