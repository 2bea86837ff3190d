// The network's figures over a period, assembled from models/queries/monitoring.ts: totals, rates
// and a series per bucket for each area. The same object is the API's answer and the page's data.
// Each section is built on its own, so a target needs only its section's statements.
import * as q from '../../../models/queries/monitoring.ts';
import type { GroupViewer } from '../../../models/queries/visibility.ts';
import type { DbOrTx } from '../../../models/db.ts';
import { bucketStarts, type Period } from './monitoring.schema.ts';

const sum = (counts: q.BucketCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
const at = (counts: q.BucketCounts, bucket: string) => counts[bucket] ?? 0;
/** A share as a percentage with one decimal; null when there is nothing to divide. */
export const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

type Scope = { db: DbOrTx; period: Period; range: q.StatsRange; buckets: string[]; viewer: GroupViewer; now: Date };

async function members({ db, range, buckets }: Scope) {
  const m = await q.memberFigures(db, range);
  let running = m.before;
  return {
    total: m.total,
    new: sum(m.newByBucket),
    active: m.active,
    series: buckets.map((bucket) => {
      running += at(m.newByBucket, bucket);
      return { bucket, new: at(m.newByBucket, bucket), total: running };
    }),
  };
}

/** Discussions and the groups' ranking come from one pass over the period's posts. */
async function posts({ db, range, buckets, viewer }: Scope) {
  const d = await q.postFigures(db, range);
  // The 10 groups with most posts (ties: the older group first), named only for those who may see them.
  const ranked = [...d.perGroup].sort((a, b) => b.posts - a.posts || a.groupId - b.groupId).slice(0, 10);
  const rows = await q.groupsByIds(
    db,
    ranked.map((g) => g.groupId),
    viewer,
  );
  const details = new Map(rows.map((g) => [g.id, g]));
  const threads = sum(d.threads);
  const replies = sum(d.replies);
  return {
    groups: ranked.map((g, i) => {
      const group = details.get(g.groupId)!;
      return {
        rank: i + 1,
        slug: group.visible ? group.slug : null,
        name: group.visible ? group.name : null,
        visibility: group.visibility,
        hidden: !group.visible,
        posts: g.posts,
        threads: g.threads,
        authors: g.authors,
        activeThreads: g.active,
        members: group.members,
      };
    }),
    discussions: {
      threads,
      replies,
      posts: threads + replies,
      activeThreads: d.perGroup.reduce((n, g) => n + g.active, 0),
      series: buckets.map((bucket) => ({ bucket, threads: at(d.threads, bucket), replies: at(d.replies, bucket) })),
    },
  };
}

async function courses({ db, range, buckets }: Scope) {
  const c = await q.courseFigures(db, range);
  return {
    enrolments: sum(c.enrolmentsByBucket),
    completions: sum(c.completionsByBucket),
    completionRate: rate(c.cohortCompleted, c.cohortEnrolled),
    cohort: { enrolled: c.cohortEnrolled, completed: c.cohortCompleted },
    quizAttempts: c.quizAttempts,
    quizTakers: c.quizTakers,
    quizPassed: c.quizPassed,
    quizPassRate: rate(c.quizPassed, c.quizTakers),
    series: buckets.map((bucket) => ({
      bucket,
      enrolments: at(c.enrolmentsByBucket, bucket),
      completions: at(c.completionsByBucket, bucket),
    })),
  };
}

async function practices({ db, range, buckets }: Scope) {
  const p = await q.practiceFigures(db, range);
  return {
    published: sum(p.publishedByBucket),
    reused: sum(p.reusedByBucket),
    stories: sum(p.storiesByBucket),
    series: buckets.map((bucket) => ({
      bucket,
      published: at(p.publishedByBucket, bucket),
      reused: at(p.reusedByBucket, bucket),
      stories: at(p.storiesByBucket, bucket),
    })),
  };
}

async function exchange({ db, range, buckets }: Scope) {
  const e = await q.exchangeFigures(db, range);
  const cerco = sum(e.cercoByBucket);
  const offro = sum(e.offroByBucket);
  return {
    posts: cerco + offro,
    cerco,
    offro,
    matches: sum(e.matchesByBucket),
    conversations: sum(e.conversationsByBucket),
    series: buckets.map((bucket) => ({
      bucket,
      cerco: at(e.cercoByBucket, bucket),
      offro: at(e.offroByBucket, bucket),
      matches: at(e.matchesByBucket, bucket),
      conversations: at(e.conversationsByBucket, bucket),
    })),
  };
}

async function events({ db, range, buckets, now }: Scope) {
  const e = await q.eventFigures(db, range, now);
  const expected = sum(e.expectedByBucket);
  const attended = sum(e.attendedByBucket);
  return {
    registrations: sum(e.registrationsByBucket),
    held: sum(e.heldByBucket),
    registeredAtHeld: expected,
    attended,
    attendanceRate: rate(attended, expected),
    series: buckets.map((bucket) => ({
      bucket,
      registrations: at(e.registrationsByBucket, bucket),
      attended: at(e.attendedByBucket, bucket),
    })),
  };
}

/**
 * Twinnings: how many exist by the period's end and in which status, how many started in it, and the
 * progress of the milestones due in it (done over due).
 */
async function twinnings({ db, range, period, buckets }: Scope) {
  const t = await q.twinningFigures(db, range, period.fromDay, period.toDay);
  return {
    total: Object.values(t.byStatus).reduce((a, b) => a + b, 0),
    started: sum(t.startedByBucket),
    byStatus: t.byStatus,
    milestones: { total: t.milestonesDue, done: t.milestonesDone },
    milestoneProgress: rate(t.milestonesDone, t.milestonesDue),
    series: buckets.map((bucket) => ({ bucket, started: at(t.startedByBucket, bucket) })),
  };
}

function scopeOf(db: DbOrTx, period: Period, viewer: GroupViewer, now: Date): Scope {
  return {
    db,
    period,
    range: { from: period.from, to: period.to, bucket: period.bucket },
    buckets: bucketStarts(period),
    viewer,
    now,
  };
}

/** Every figure of the period. */
export async function computeStats(db: DbOrTx, period: Period, viewer: GroupViewer, now = new Date()) {
  const scope = scopeOf(db, period, viewer, now);
  const [m, p, c, pr, ex, ev, tw] = await Promise.all([
    members(scope),
    posts(scope),
    courses(scope),
    practices(scope),
    exchange(scope),
    events(scope),
    twinnings(scope),
  ]);
  return {
    period: { from: period.fromDay, to: period.toDay, bucket: period.bucket, buckets: scope.buckets },
    members: m,
    groups: p.groups,
    discussions: p.discussions,
    courses: c,
    practices: pr,
    exchange: ex,
    events: ev,
    twinnings: tw,
  };
}

export type Stats = Awaited<ReturnType<typeof computeStats>>;
export type StatsSection = 'members' | 'discussions' | 'courses' | 'practices' | 'exchange' | 'events' | 'twinnings';

/** One section of the period's figures (what a target on one of its figures needs). */
export async function computeSection(
  db: DbOrTx,
  period: Period,
  section: StatsSection,
  viewer: GroupViewer,
  now = new Date(),
): Promise<Partial<Stats>> {
  const scope = scopeOf(db, period, viewer, now);
  switch (section) {
    case 'members':
      return { members: await members(scope) };
    case 'discussions':
      return { discussions: (await posts(scope)).discussions };
    case 'courses':
      return { courses: await courses(scope) };
    case 'practices':
      return { practices: await practices(scope) };
    case 'exchange':
      return { exchange: await exchange(scope) };
    case 'events':
      return { events: await events(scope) };
    case 'twinnings':
      return { twinnings: await twinnings(scope) };
  }
}
