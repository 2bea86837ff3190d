// The Notiziario's issues, their recipients and deliveries.
import { and, asc, desc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { newsletterDeliveries, newsletterIssues, organizations, users, type NewsletterIssue } from '../schema.ts';

export type NewIssue = typeof newsletterIssues.$inferInsert;

export async function insertIssue(db: DbOrTx, values: Omit<NewIssue, 'number'>): Promise<NewsletterIssue> {
  // Numbers run on from the highest; the unique constraint turns a concurrent draft into a retry.
  const [row] = await db
    .insert(newsletterIssues)
    .values({ ...values, number: sql`(SELECT coalesce(max(number), 0) + 1 FROM newsletter_issues)` })
    .returning();
  return row!;
}

export async function updateIssue(db: DbOrTx, id: number, values: Partial<NewIssue>): Promise<NewsletterIssue> {
  const [row] = await db
    .update(newsletterIssues)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(newsletterIssues.id, id))
    .returning();
  return row!;
}

export async function deleteIssue(db: DbOrTx, id: number): Promise<void> {
  await db.delete(newsletterIssues).where(eq(newsletterIssues.id, id));
}

export async function findIssueByNumber(
  db: DbOrTx,
  number: number,
  opts: { forUpdate?: boolean } = {},
): Promise<NewsletterIssue | undefined> {
  const query = db.select().from(newsletterIssues).where(eq(newsletterIssues.number, number));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findIssueById(db: DbOrTx, id: number): Promise<NewsletterIssue | undefined> {
  const [row] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
  return row;
}

/** Sent issues, newest first (the public archive), or every issue for the people who write them. */
export async function listIssues(
  db: DbOrTx,
  opts: { includeDrafts: boolean; limit: number; offset: number },
): Promise<{ rows: NewsletterIssue[]; total: number }> {
  const where = opts.includeDrafts ? undefined : eq(newsletterIssues.status, 'sent');
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(newsletterIssues)
      .where(where)
      .orderBy(desc(newsletterIssues.number))
      .limit(opts.limit)
      .offset(opts.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(newsletterIssues)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The day after the last issue's period (where the next one starts), if any. */
export async function lastPeriodEnd(db: DbOrTx): Promise<string | undefined> {
  const [row] = await db
    .select({ end: newsletterIssues.periodEnd })
    .from(newsletterIssues)
    .orderBy(desc(newsletterIssues.periodEnd))
    .limit(1);
  return row?.end;
}

export async function countSubscribers(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.newsletter, true));
  return row?.n ?? 0;
}

/** One delivery row per person subscribed right now: who this issue goes to. */
export async function insertDeliveries(db: DbOrTx, issueId: number): Promise<number> {
  const rows = await db
    .insert(newsletterDeliveries)
    .select(
      db
        .select({
          issueId: sql<number>`${issueId}`.as('issue_id'),
          userId: users.id,
          sentAt: sql<null>`NULL`.as('sent_at'),
        })
        .from(users)
        .where(eq(users.newsletter, true)),
    )
    .onConflictDoNothing()
    .returning({ userId: newsletterDeliveries.userId });
  return rows.length;
}

export type Recipient = { userId: number; name: string; email: string; locale: string; subscribed: boolean };

/** Recipients of an issue not yet sent to, in id order, a batch at a time. */
export async function unsentRecipients(
  db: DbOrTx,
  issueId: number,
  afterUserId: number,
  limit: number,
): Promise<Recipient[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      subscribed: users.newsletter,
    })
    .from(newsletterDeliveries)
    .innerJoin(users, eq(users.id, newsletterDeliveries.userId))
    .where(
      and(
        eq(newsletterDeliveries.issueId, issueId),
        isNull(newsletterDeliveries.sentAt),
        gt(newsletterDeliveries.userId, afterUserId),
      ),
    )
    .orderBy(asc(newsletterDeliveries.userId))
    .limit(limit);
}

/**
 * Takes one recipient's delivery for this process (true) unless another already took it: the row is
 * marked before the mail goes, so two processes delivering the same event never send it twice.
 */
export async function claimDelivery(db: DbOrTx, issueId: number, userId: number): Promise<boolean> {
  const rows = await db
    .update(newsletterDeliveries)
    .set({ sentAt: new Date() })
    .where(
      and(
        eq(newsletterDeliveries.issueId, issueId),
        eq(newsletterDeliveries.userId, userId),
        isNull(newsletterDeliveries.sentAt),
      ),
    )
    .returning({ userId: newsletterDeliveries.userId });
  return rows.length > 0;
}

export async function countDelivered(db: DbOrTx, issueId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(sent_at)::int` })
    .from(newsletterDeliveries)
    .where(eq(newsletterDeliveries.issueId, issueId));
  return row?.n ?? 0;
}

/** People who joined in the period (the "new members" section), newest first. */
export async function membersJoinedBetween(db: DbOrTx, from: Date, to: Date, limit: number) {
  const where = and(gte(users.createdAt, from), lt(users.createdAt, to));
  const [rows, [count]] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, jobTitle: users.jobTitle, organization: organizations.name })
      .from(users)
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(where)
      .orderBy(desc(users.createdAt))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
