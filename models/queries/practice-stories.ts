// Stories ("Invia una storia"): short testimonies on a practice, pending until a moderator
// publishes or rejects them; the published ones of a practice, an author's pending ones, the queue.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { organizations, practiceStories, practices, users, type PracticeStory, type StoryStatus } from '../schema.ts';

export type NewStory = {
  practiceId: number;
  authorId: number;
  organizationId: number | null;
  title: string;
  body: string;
  bodyHtml: string;
  now: Date;
};

export async function insertStory(db: DbOrTx, s: NewStory): Promise<PracticeStory> {
  const { now, ...values } = s;
  const [row] = await db
    .insert(practiceStories)
    .values({ ...values, status: 'pending', createdAt: now })
    .returning();
  return row!;
}

export async function findStory(db: DbOrTx, id: number, opts: { lock?: boolean } = {}) {
  const query = db.select().from(practiceStories).where(eq(practiceStories.id, id));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

/** A pending story's decision (call with its row locked). */
export async function setStoryStatus(
  db: DbOrTx,
  id: number,
  status: Exclude<StoryStatus, 'pending'>,
  moderatorId: number,
  now: Date,
): Promise<PracticeStory> {
  const [row] = await db
    .update(practiceStories)
    .set({ status, moderatedBy: moderatorId, moderatedAt: now })
    .where(eq(practiceStories.id, id))
    .returning();
  return row!;
}

export type StoryRow = PracticeStory & { authorName: string | null; organizationName: string | null };

const storyColumns = { story: practiceStories, authorName: users.name, organizationName: organizations.name };
const flatten = (r: { story: PracticeStory; authorName: string | null; organizationName: string | null }) => ({
  ...r.story,
  authorName: r.authorName,
  organizationName: r.organizationName,
});

/** The practice's stories in one status (published: the oldest first, as a conversation reads). */
export async function storiesOf(db: DbOrTx, practiceId: number, status: StoryStatus): Promise<StoryRow[]> {
  const rows = await db
    .select(storyColumns)
    .from(practiceStories)
    .leftJoin(users, eq(users.id, practiceStories.authorId))
    .leftJoin(organizations, eq(organizations.id, practiceStories.organizationId))
    .where(and(eq(practiceStories.practiceId, practiceId), eq(practiceStories.status, status)))
    .orderBy(asc(practiceStories.createdAt), asc(practiceStories.id));
  return rows.map(flatten);
}

/** An author's stories on a practice still waiting for moderation. */
export async function pendingStoriesOfAuthor(db: DbOrTx, practiceId: number, authorId: number): Promise<StoryRow[]> {
  const rows = await db
    .select(storyColumns)
    .from(practiceStories)
    .leftJoin(users, eq(users.id, practiceStories.authorId))
    .leftJoin(organizations, eq(organizations.id, practiceStories.organizationId))
    .where(
      and(
        eq(practiceStories.practiceId, practiceId),
        eq(practiceStories.authorId, authorId),
        eq(practiceStories.status, 'pending'),
      ),
    )
    .orderBy(asc(practiceStories.id));
  return rows.map(flatten);
}

export async function countPendingStories(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(practiceStories)
    .where(eq(practiceStories.status, 'pending'));
  return Number(row?.n ?? 0);
}

export type QueuedStory = StoryRow & { practiceSlug: string; practiceTitle: string; practiceStatus: string };

/** The moderation queue: pending stories, the oldest first, with their practice. */
export async function pendingStories(db: DbOrTx, limit: number, offset: number): Promise<QueuedStory[]> {
  const rows = await db
    .select({
      ...storyColumns,
      practiceSlug: practices.slug,
      practiceTitle: practices.title,
      practiceStatus: practices.status,
    })
    .from(practiceStories)
    .innerJoin(practices, eq(practices.id, practiceStories.practiceId))
    .leftJoin(users, eq(users.id, practiceStories.authorId))
    .leftJoin(organizations, eq(organizations.id, practiceStories.organizationId))
    .where(eq(practiceStories.status, 'pending'))
    .orderBy(asc(practiceStories.createdAt), asc(practiceStories.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({
    ...flatten(r),
    practiceSlug: r.practiceSlug,
    practiceTitle: r.practiceTitle,
    practiceStatus: r.practiceStatus,
  }));
}
