// The network's figures over a period, assembled from models/queries/monitoring.ts: totals, rates
// and a series per bucket for each area. The same object is the API's answer and the page's data.
import * as q from '../../../models/queries/monitoring.ts';
import type { GroupViewer } from '../../../models/queries/visibility.ts';
import type { DbOrTx } from '../../../models/db.ts';
import { bucketStarts, type Period } from './monitoring.schema.ts';

const sum = (counts: q.BucketCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
const at = (counts: q.BucketCounts, bucket: string) => counts[bucket] ?? 0;
/** A share as a percentage with one decimal; null when there is nothing to divide. */
export const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/**
 * Twinnings: by status and milestone progress.
 * TODO(twinnings): the twinnings feature's tables do not exist on this branch; the merger fills this
 * function in (twinnings started in the period by status, milestones done / due) and its series.
 */
export async function twinningFigures(_db: DbOrTx, _period: Period, buckets: string[]) {
  return {
    total: 0,
    byStatus: {} as Record<string, number>,
    milestones: { total: 0, done: 0 },
    milestoneProgress: null as number | null,
    series: buckets.map((bucket) => ({ bucket, started: 0 })),
  };
}

export async function computeStats(db: DbOrTx, period: Period, viewer: GroupViewer, now = new Date()) {
  const range: q.StatsRange = { from: period.from, to: period.to, bucket: period.bucket };
  const buckets = bucketStarts(period);
  const [members, discussions, courses, practices, exchange, events, twinnings] = await Promise.all([
    q.memberFigures(db, range),
    q.postFigures(db, range),
    q.courseFigures(db, range),
    q.practiceFigures(db, range),
    q.exchangeFigures(db, range),
    q.eventFigures(db, range, now),
    twinningFigures(db, period, buckets),
  ]);

  // The 10 groups with most posts (ties: the older group first), named only for those who may see them.
  const ranked = [...discussions.perGroup].sort((a, b) => b.posts - a.posts || a.groupId - b.groupId).slice(0, 10);
  const details = new Map(
    (
      await q.groupsByIds(
        db,
        ranked.map((g) => g.groupId),
        viewer,
      )
    ).map((g) => [g.id, g]),
  );
  const groups = ranked.map((g) => ({ ...g, ...details.get(g.groupId)! }));
  let running = members.before;
  const threads = sum(discussions.threads);
  const replies = sum(discussions.replies);
  const cerco = sum(exchange.cercoByBucket);
  const offro = sum(exchange.offroByBucket);
  const expected = sum(events.expectedByBucket);
  const attended = sum(events.attendedByBucket);
  return {
    period: { from: period.fromDay, to: period.toDay, bucket: period.bucket, buckets },
    members: {
      total: members.total,
      new: sum(members.newByBucket),
      active: members.active,
      series: buckets.map((bucket) => {
        running += at(members.newByBucket, bucket);
        return { bucket, new: at(members.newByBucket, bucket), total: running };
      }),
    },
    groups: groups.map((g, i) => ({
      rank: i + 1,
      slug: g.visible ? g.slug : null,
      name: g.visible ? g.name : null,
      visibility: g.visibility,
      hidden: !g.visible,
      posts: g.posts,
      threads: g.threads,
      authors: g.authors,
      activeThreads: g.active,
      members: g.members,
    })),
    discussions: {
      threads,
      replies,
      posts: threads + replies,
      activeThreads: discussions.perGroup.reduce((n, g) => n + g.active, 0),
      series: buckets.map((bucket) => ({
        bucket,
        threads: at(discussions.threads, bucket),
        replies: at(discussions.replies, bucket),
      })),
    },
    courses: {
      enrolments: sum(courses.enrolmentsByBucket),
      completions: sum(courses.completionsByBucket),
      completionRate: rate(courses.cohortCompleted, courses.cohortEnrolled),
      cohort: { enrolled: courses.cohortEnrolled, completed: courses.cohortCompleted },
      quizAttempts: courses.quizAttempts,
      quizTakers: courses.quizTakers,
      quizPassed: courses.quizPassed,
      quizPassRate: rate(courses.quizPassed, courses.quizTakers),
      series: buckets.map((bucket) => ({
        bucket,
        enrolments: at(courses.enrolmentsByBucket, bucket),
        completions: at(courses.completionsByBucket, bucket),
      })),
    },
    practices: {
      published: sum(practices.publishedByBucket),
      reused: sum(practices.reusedByBucket),
      stories: sum(practices.storiesByBucket),
      series: buckets.map((bucket) => ({
        bucket,
        published: at(practices.publishedByBucket, bucket),
        reused: at(practices.reusedByBucket, bucket),
        stories: at(practices.storiesByBucket, bucket),
      })),
    },
    exchange: {
      posts: cerco + offro,
      cerco,
      offro,
      matches: sum(exchange.matchesByBucket),
      conversations: sum(exchange.conversationsByBucket),
      series: buckets.map((bucket) => ({
        bucket,
        cerco: at(exchange.cercoByBucket, bucket),
        offro: at(exchange.offroByBucket, bucket),
        matches: at(exchange.matchesByBucket, bucket),
        conversations: at(exchange.conversationsByBucket, bucket),
      })),
    },
    events: {
      registrations: sum(events.registrationsByBucket),
      held: sum(events.heldByBucket),
      registeredAtHeld: expected,
      attended,
      attendanceRate: rate(attended, expected),
      series: buckets.map((bucket) => ({
        bucket,
        registrations: at(events.registrationsByBucket, bucket),
        attended: at(events.attendedByBucket, bucket),
      })),
    },
    twinnings: { ...twinnings },
  };
}

export type Stats = Awaited<ReturnType<typeof computeStats>>;
