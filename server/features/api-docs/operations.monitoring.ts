// The /api/v1 operation of the monitoring dashboard: the network's figures over a period.
import { periodQuerySchema } from '../monitoring/monitoring.schema.ts';
import { arr, int, nullable, obj, str, type JsonSchema, type Operation } from './operations.builders.ts';

const num: JsonSchema = { type: 'number' };
const rate: JsonSchema = {
  ...nullable(num),
  description: 'A percentage with one decimal; null when nothing to divide',
};
const day: JsonSchema = { type: 'string', format: 'date' };
const series = (props: Record<string, JsonSchema>) =>
  arr(obj({ bucket: { ...day, description: "The bucket's first day (a Monday, or the 1st)" }, ...props }));

const statsShape = obj({
  period: obj({ from: day, to: day, bucket: { type: 'string', enum: ['week', 'month'] }, buckets: arr(day) }),
  members: obj({
    total: int,
    new: int,
    active: { ...int, description: 'Signed in or wrote in a discussion in the 30 days ending with the period' },
    series: series({ new: int, total: int }),
  }),
  groups: arr(
    obj({
      rank: int,
      slug: { ...nullable(str), description: 'null for a private group the caller may not see' },
      name: nullable(str),
      visibility: { type: 'string', enum: ['public', 'closed', 'private'] },
      hidden: { type: 'boolean' },
      posts: int,
      threads: int,
      authors: int,
      activeThreads: int,
      members: int,
    }),
  ),
  discussions: obj({
    threads: int,
    replies: int,
    posts: int,
    activeThreads: int,
    series: series({ threads: int, replies: int }),
  }),
  courses: obj({
    enrolments: int,
    completions: int,
    completionRate: rate,
    cohort: obj({ enrolled: int, completed: int }),
    quizAttempts: int,
    quizTakers: int,
    quizPassed: int,
    quizPassRate: rate,
    series: series({ enrolments: int, completions: int }),
  }),
  practices: obj({
    published: int,
    reused: int,
    stories: int,
    series: series({ published: int, reused: int, stories: int }),
  }),
  exchange: obj({
    posts: int,
    cerco: int,
    offro: int,
    matches: int,
    conversations: int,
    series: series({ cerco: int, offro: int, matches: int, conversations: int }),
  }),
  events: obj({
    registrations: int,
    held: int,
    registeredAtHeld: int,
    attended: int,
    attendanceRate: rate,
    series: series({ registrations: int, attended: int }),
  }),
  twinnings: obj({
    total: int,
    byStatus: { type: 'object', additionalProperties: int },
    milestones: obj({ total: int, done: int }),
    milestoneProgress: rate,
    series: series({ started: int }),
  }),
});

export const MONITORING_OPERATIONS: Operation[] = [
  {
    id: 'getStats',
    method: 'get',
    path: '/api/v1/stats',
    tag: 'stats',
    auth: 'required',
    query: periodQuerySchema,
    responses: { 200: statsShape },
    errors: [403, 429],
  },
];
