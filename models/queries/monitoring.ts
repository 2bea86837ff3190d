// The network's figures over a period, for the monitoring dashboard: one grouped statement per area,
// each reading a range of an indexed timestamp (0025_monitoring.sql) and answering counts per bucket
// (an Italian week or month), never rows. The definitions of the figures are in the README
// ("Monitoraggio") and beside each query.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { visibleGroupIds, type GroupViewer } from './visibility.ts';

/** A period as instants: [from, to), the start of the first Italian day and of the day after the last. */
export type StatsRange = { from: Date; to: Date; bucket: 'week' | 'month' };
/** Counts per bucket, keyed by the bucket's first Italian day (YYYY-MM-DD). */
export type BucketCounts = Record<string, number>;

const rowsOf = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? [];
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
/** The start of the bucket an instant falls in, as Italian calendars see it (a Monday, or the 1st). */
const truncOf = (r: StatsRange, column: string): SQL =>
  sql.raw(`date_trunc('${r.bucket === 'month' ? 'month' : 'week'}', ${column} AT TIME ZONE 'Europe/Rome')`);
/** That bucket as its first day: 2027-03-15. */
const bucketOf = (r: StatsRange, column: string): SQL => sql`to_char(${truncOf(r, column)}, 'YYYY-MM-DD')`;
const within = (r: StatsRange, column: string): SQL =>
  sql`${sql.raw(column)} >= ${ts(r.from)} AND ${sql.raw(column)} < ${ts(r.to)}`;

type BucketRow = { bucket: string } & Record<string, number | string>;

/** Rows of (bucket, n1, n2…) → { n1: {bucket: n}, n2: … }. */
function byBucket<K extends string>(rows: BucketRow[], keys: readonly K[]): Record<K, BucketCounts> {
  const out = Object.fromEntries(keys.map((k) => [k, {} as BucketCounts])) as Record<K, BucketCounts>;
  for (const row of rows) for (const k of keys) (out[k] as BucketCounts)[row.bucket] = Number(row[k] ?? 0);
  return out;
}

async function one<T>(db: DbOrTx, query: SQL): Promise<T> {
  return rowsOf<T>(await db.execute(query))[0]!;
}

async function buckets<K extends string>(db: DbOrTx, query: SQL, keys: readonly K[]) {
  return byBucket(rowsOf<BucketRow>(await db.execute(query)), keys);
}

/**
 * Members: everyone registered by the period's end, those who registered in it (per bucket), and the
 * active ones — people who, in the 30 days that end with the period, signed in (their last sign-in
 * falls there) or wrote in a discussion. The last sign-in is the only one kept, so for a period in
 * the past the active count is a lower bound (someone who also signed in later is counted only if
 * they wrote).
 */
export async function memberFigures(db: DbOrTx, r: StatsRange) {
  const activeFrom = new Date(r.to.getTime() - 30 * 86_400_000);
  const [counts, series, active] = await Promise.all([
    one<{ total: number; before: number }>(
      db,
      sql`SELECT count(*) FILTER (WHERE created_at < ${ts(r.to)})::int AS total,
                 count(*) FILTER (WHERE created_at < ${ts(r.from)})::int AS before
          FROM users`,
    ),
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'created_at')} AS bucket, count(*)::int AS new
          FROM users WHERE ${within(r, 'created_at')} GROUP BY 1`,
      ['new'],
    ),
    one<{ active: number }>(
      db,
      sql`SELECT count(*)::int AS active FROM (
            SELECT id FROM users
            WHERE last_login_at >= ${ts(activeFrom)} AND last_login_at < ${ts(r.to)}
            UNION
            SELECT author_id FROM posts
            WHERE deleted_at IS NULL AND author_id IS NOT NULL
              AND created_at >= ${ts(activeFrom)} AND created_at < ${ts(r.to)}
          ) people`,
    ),
  ]);
  return { total: counts.total, before: counts.before, active: active.active, newByBucket: series.new };
}

/**
 * Discussions and groups in one pass over the period's posts (not deleted, in threads not deleted):
 * per bucket, threads opened (a thread's first post) and replies; per group, the same with its
 * distinct authors and the discussions that had a post ("discussioni attive": a thread is in one
 * group, so their sum is the network's).
 */
export async function postFigures(db: DbOrTx, r: StatsRange) {
  const rows = rowsOf<{
    bucket: string | null;
    group_id: number | null;
    threads: number;
    replies: number;
    authors: number;
    active: number;
  }>(
    await db.execute(sql`
      SELECT to_char(b, 'YYYY-MM-DD') AS bucket, group_id,
             count(*) FILTER (WHERE position = 1)::int AS threads,
             count(*) FILTER (WHERE position > 1)::int AS replies,
             count(DISTINCT author_id)::int AS authors,
             count(DISTINCT thread_id)::int AS active
      FROM (SELECT ${truncOf(r, 'p.created_at')} AS b, t.group_id, p.position, p.author_id, p.thread_id
            FROM posts p JOIN threads t ON t.id = p.thread_id AND t.deleted_at IS NULL
            WHERE p.deleted_at IS NULL AND ${within(r, 'p.created_at')}) x
      GROUP BY GROUPING SETS ((b), (group_id))`),
  );
  const perBucket = rows.filter((x) => x.bucket !== null) as (BucketRow & (typeof rows)[number])[];
  const perGroup = rows
    .filter((x) => x.bucket === null)
    .map((x) => ({
      groupId: x.group_id!,
      posts: x.threads + x.replies,
      threads: x.threads,
      authors: x.authors,
      active: x.active,
    }));
  return { ...byBucket(perBucket as BucketRow[], ['threads', 'replies'] as const), perGroup };
}

export type GroupActivityRow = {
  id: number;
  slug: string;
  name: string;
  visibility: string;
  /** The viewer may know the group exists (models/queries/visibility.ts, level "see"). */
  visible: boolean;
  members: number;
};

/** Name, visibility (for this viewer) and active members of the groups ranked. */
export async function groupsByIds(db: DbOrTx, ids: number[], viewer: GroupViewer) {
  if (!ids.length) return [];
  return rowsOf<GroupActivityRow>(
    await db.execute(sql`
      SELECT g.id, g.slug, g.name, g.visibility, (g.id IN ${visibleGroupIds(viewer)}) AS visible,
             g.member_count AS members
      FROM groups g WHERE g.id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`),
  );
}

/**
 * Courses: enrolments (accepted ones) and completions per bucket; the completion rate of the
 * period's enrolments (the share of them completed by its end); the quiz pass rate (of the
 * person–quiz pairs with an attempt in the period, the share with a passing one in it).
 */
export async function courseFigures(db: DbOrTx, r: StatsRange) {
  const [enrolled, completed, cohort, quizzes] = await Promise.all([
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'enrolled_at')} AS bucket, count(*)::int AS n
          FROM course_enrolments WHERE status = 'active' AND ${within(r, 'enrolled_at')} GROUP BY 1`,
      ['n'],
    ),
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'completed_at')} AS bucket, count(*)::int AS n
          FROM course_enrolments WHERE status = 'active' AND ${within(r, 'completed_at')} GROUP BY 1`,
      ['n'],
    ),
    one<{ enrolled: number; completed: number }>(
      db,
      sql`SELECT count(*)::int AS enrolled, count(*) FILTER (WHERE completed_at < ${ts(r.to)})::int AS completed
          FROM course_enrolments WHERE status = 'active' AND ${within(r, 'enrolled_at')}`,
    ),
    one<{ attempts: number; takers: number; passed: number }>(
      db,
      sql`SELECT coalesce(sum(attempts), 0)::int AS attempts, count(*)::int AS takers,
                 count(*) FILTER (WHERE passed)::int AS passed
          FROM (SELECT quiz_id, user_id, count(*) AS attempts, bool_or(passed) AS passed
                FROM quiz_attempts WHERE ${within(r, 'created_at')} GROUP BY quiz_id, user_id) pairs`,
    ),
  ]);
  return {
    enrolmentsByBucket: enrolled.n,
    completionsByBucket: completed.n,
    cohortEnrolled: cohort.enrolled,
    cohortCompleted: cohort.completed,
    quizAttempts: quizzes.attempts,
    quizTakers: quizzes.takers,
    quizPassed: quizzes.passed,
  };
}

/**
 * Good practices: published in the period (whatever their status now: an archived one was
 * published), reuse declarations ("l'abbiamo riusata", both reused and reusing) and the stories
 * published (accepted by moderation) among those sent in the period, per bucket.
 */
export async function practiceFigures(db: DbOrTx, r: StatsRange) {
  const [published, reused, stories] = await Promise.all([
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'published_at')} AS bucket, count(*)::int AS n
          FROM practices WHERE ${within(r, 'published_at')} GROUP BY 1`,
      ['n'],
    ),
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'created_at')} AS bucket, count(*)::int AS n, count(DISTINCT practice_id)::int AS practices
          FROM practice_reuses WHERE ${within(r, 'created_at')} GROUP BY 1`,
      ['n'],
    ),
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'created_at')} AS bucket, count(*)::int AS n
          FROM practice_stories WHERE status = 'published' AND ${within(r, 'created_at')} GROUP BY 1`,
      ['n'],
    ),
  ]);
  return { publishedByBucket: published.n, reusedByBucket: reused.n, storiesByBucket: stories.n };
}

/**
 * Cerco / Offro: posts per kind and bucket; the private conversations opened from it — on a post
 * (origin "exchange") or on one of its suggested matches (origin "match": a match taken up).
 */
export async function exchangeFigures(db: DbOrTx, r: StatsRange) {
  const [posts, talks] = await Promise.all([
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'created_at')} AS bucket,
                 count(*) FILTER (WHERE kind = 'cerco')::int AS cerco,
                 count(*) FILTER (WHERE kind = 'offro')::int AS offro
          FROM exchange_posts WHERE ${within(r, 'created_at')} GROUP BY 1`,
      ['cerco', 'offro'],
    ),
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'created_at')} AS bucket,
                 count(*) FILTER (WHERE origin->>'kind' = 'match')::int AS matches,
                 count(*)::int AS conversations
          FROM conversations
          WHERE origin->>'kind' IN ('exchange', 'match') AND ${within(r, 'created_at')} GROUP BY 1`,
      ['matches', 'conversations'],
    ),
  ]);
  return {
    cercoByBucket: posts.cerco,
    offroByBucket: posts.offro,
    matchesByBucket: talks.matches,
    conversationsByBucket: talks.conversations,
  };
}

/**
 * Events (every kind, course sessions included; cancelled ones left out): registrations made in the
 * period (seats taken, not the waiting list) per bucket; for the events held in it (started in the
 * period and already over), the people registered and those marked present, per bucket of the
 * event's start.
 */
export async function eventFigures(db: DbOrTx, r: StatsRange, now: Date) {
  const [registered, held] = await Promise.all([
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'er.registered_at')} AS bucket, count(*)::int AS n
          FROM event_registrations er JOIN calendar_events e ON e.id = er.event_id AND e.cancelled_at IS NULL
          WHERE er.status = 'registered' AND ${within(r, 'er.registered_at')} GROUP BY 1`,
      ['n'],
    ),
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'e.starts_at')} AS bucket,
                 count(DISTINCT e.id)::int AS events,
                 count(er.user_id) FILTER (WHERE er.status = 'registered')::int AS expected,
                 count(er.user_id) FILTER (WHERE er.status = 'registered' AND er.attended)::int AS attended
          FROM calendar_events e LEFT JOIN event_registrations er ON er.event_id = e.id
          WHERE e.cancelled_at IS NULL AND e.ends_at <= ${ts(now)} AND ${within(r, 'e.starts_at')} GROUP BY 1`,
      ['events', 'expected', 'attended'],
    ),
  ]);
  return {
    registrationsByBucket: registered.n,
    heldByBucket: held.events,
    expectedByBucket: held.expected,
    attendedByBucket: held.attended,
  };
}

/**
 * Twinnings: those started (created) per bucket; the current status of every twinning created by the
 * period's end; the milestones due within the period's days and how many of them are done.
 */
export async function twinningFigures(db: DbOrTx, r: StatsRange, fromDay: string, toDay: string) {
  const [started, statuses, milestones] = await Promise.all([
    buckets(
      db,
      sql`SELECT ${bucketOf(r, 'created_at')} AS bucket, count(*)::int AS n
          FROM twinnings WHERE ${within(r, 'created_at')} GROUP BY 1`,
      ['n'],
    ),
    db.execute(sql`SELECT status, count(*)::int AS n FROM twinnings WHERE created_at < ${ts(r.to)} GROUP BY status`),
    db.execute(
      sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'done')::int AS done
          FROM twinning_milestones WHERE due_on BETWEEN ${fromDay}::date AND ${toDay}::date`,
    ),
  ]);
  const byStatus = Object.fromEntries(rowsOf<{ status: string; n: number }>(statuses).map((s) => [s.status, s.n]));
  const [m] = rowsOf<{ total: number; done: number }>(milestones);
  return { startedByBucket: started.n, byStatus, milestonesDue: m?.total ?? 0, milestonesDone: m?.done ?? 0 };
}
