// Webhooks and their deliveries: registered by admins (server/features/webhooks), written by the
// webhooks subscriber, claimed and marked by the delivery worker (webhooks.worker.ts).
import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { webhookDeliveries, webhooks, type Webhook, type WebhookDelivery } from '../schema.ts';

export type NewWebhook = { url: string; description: string; events: string[]; secretEnc: string; createdBy: number };
export type WebhookChanges = Partial<Pick<Webhook, 'url' | 'description' | 'events' | 'enabled'>>;

export async function insertWebhook(db: DbOrTx, values: NewWebhook): Promise<Webhook> {
  const [row] = await db.insert(webhooks).values(values).returning();
  return row!;
}

export async function updateWebhook(db: DbOrTx, id: number, changes: WebhookChanges): Promise<Webhook | undefined> {
  const [row] = await db
    .update(webhooks)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(webhooks.id, id))
    .returning();
  return row;
}

export async function deleteWebhook(db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
  return rows.length > 0;
}

export async function findWebhook(db: DbOrTx, id: number): Promise<Webhook | undefined> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return row;
}

/** Every webhook with its deliveries' counts by status, newest first. */
export async function listWebhooks(db: DbOrTx) {
  return db
    .select({
      webhook: webhooks,
      pending: sql<number>`(SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = ${webhooks.id} AND d.status = 'pending')::int`,
      failed: sql<number>`(SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = ${webhooks.id} AND d.status = 'failed')::int`,
      delivered: sql<number>`(SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = ${webhooks.id} AND d.status = 'delivered')::int`,
    })
    .from(webhooks)
    .orderBy(desc(webhooks.id));
}

/** The enabled webhooks that asked for this event kind. */
export async function webhooksFor(db: DbOrTx, eventType: string): Promise<Webhook[]> {
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.enabled, true), sql`${eventType} = ANY(${webhooks.events})`));
}

export type NewDelivery = {
  webhookId: number;
  eventId: number | null;
  eventType: string;
  body: unknown;
  replayOf?: number | null;
};

/** Writes deliveries; one already written for the same webhook and event is left as it is. */
export async function insertDeliveries(db: DbOrTx, rows: NewDelivery[]): Promise<WebhookDelivery[]> {
  if (!rows.length) return [];
  return db
    .insert(webhookDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [webhookDeliveries.webhookId, webhookDeliveries.eventId] })
    .returning();
}

export type ClaimedDelivery = WebhookDelivery & { url: string; secretEnc: string };

/**
 * Claims up to `limit` pending deliveries that are due, of enabled webhooks, oldest first, for
 * `leaseMs` (their available_at moves past the lease and their attempts go up): SKIP LOCKED lets
 * several processes claim side by side and never hands one row to two of them; a process that died
 * while sending leaves its rows to be taken again when the lease runs out.
 */
export async function claimDeliveries(db: DbOrTx, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        sql`${webhookDeliveries.availableAt} <= now()`,
        sql`EXISTS (SELECT 1 FROM webhooks w WHERE w.id = ${webhookDeliveries.webhookId} AND w.enabled)`,
      ),
    )
    .orderBy(asc(webhookDeliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(webhookDeliveries)
    .set({
      availableAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastAttemptAt: sql`now()`,
    })
    .where(inArray(webhookDeliveries.id, due))
    .returning();
  if (!rows.length) return [];
  const hooks = await db
    .select({ id: webhooks.id, url: webhooks.url, secretEnc: webhooks.secretEnc })
    .from(webhooks)
    .where(
      inArray(
        webhooks.id,
        rows.map((r) => r.webhookId),
      ),
    );
  const byId = new Map(hooks.map((h) => [h.id, h]));
  return rows
    .filter((r) => byId.has(r.webhookId))
    .map((r) => ({ ...r, url: byId.get(r.webhookId)!.url, secretEnc: byId.get(r.webhookId)!.secretEnc }))
    .sort((a, b) => a.id - b.id);
}

export type AttemptResult = { responseStatus: number | null; responseMs: number | null; error: string | null };

const columnsOf = (r: AttemptResult) => ({
  responseStatus: r.responseStatus,
  responseMs: r.responseMs,
  lastError: r.error?.slice(0, 2000) ?? null,
});

export async function markDelivered(db: DbOrTx, id: number, result: AttemptResult): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ ...columnsOf(result), status: 'delivered', deliveredAt: sql`now()` })
    .where(eq(webhookDeliveries.id, id));
}

/** A failed attempt: tried again after `retryInMs`, or, with null, failed for good. */
export async function markAttemptFailed(
  db: DbOrTx,
  id: number,
  result: AttemptResult,
  retryInMs: number | null,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      ...columnsOf(result),
      ...(retryInMs === null
        ? { status: 'failed' as const }
        : { availableAt: sql`now() + ${retryInMs} * interval '1 millisecond'` }),
    })
    .where(eq(webhookDeliveries.id, id));
}

/** A webhook's deliveries, newest first, a page at a time. */
export async function listDeliveries(db: DbOrTx, webhookId: number, page: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, webhookId))
      .orderBy(desc(webhookDeliveries.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findDelivery(db: DbOrTx, webhookId: number, id: number): Promise<WebhookDelivery | undefined> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.id, id)));
  return row;
}

/** Deliveries still to send (tests wait for none). */
export async function countPendingDeliveries(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
  return row?.n ?? 0;
}

export async function setWebhookSecret(db: DbOrTx, id: number, secretEnc: string): Promise<Webhook | undefined> {
  const [row] = await db
    .update(webhooks)
    .set({ secretEnc, updatedAt: sql`now()` })
    .where(eq(webhooks.id, id))
    .returning();
  return row;
}

/** Forgets deliveries concluded (delivered or failed) before `before`: the log is not an archive. */
export async function pruneDeliveries(db: DbOrTx, before: Date): Promise<void> {
  await db
    .delete(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.status, ['delivered', 'failed']), lt(webhookDeliveries.createdAt, before)));
}
