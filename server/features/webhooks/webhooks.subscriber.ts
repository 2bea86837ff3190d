// Turns the core's durable domain events into webhook deliveries: for each event kind a webhook
// subscribed to, one delivery row per enabled webhook, written only when the event's object is
// public (webhooks.events.ts). The dispatcher delivers events at least once; the rows' unique
// (webhook, event) key makes a redelivered event add nothing. The rows are the webhooks' own
// outbox: the delivery worker (webhooks.worker.ts) sends them, retries them, and finds them again
// after a restart.
import { insertDeliveries, webhooksFor } from '../../../models/queries/webhooks.ts';
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { deliveryBody, publicData, WEBHOOK_EVENTS } from './webhooks.events.ts';

/** Workers of this process, woken when deliveries are written (others find them at their next poll). */
const wakers = new Set<() => void>();
export function onDeliveriesRecorded(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

export function wakeWorkers(): void {
  for (const wake of wakers) wake();
}

export async function recordDeliveries(deps: Deps, event: DomainEvent): Promise<number> {
  const hooks = await webhooksFor(deps.database.db, event.type);
  if (!hooks.length) return 0;
  const data = await publicData(deps, event);
  if (!data) return 0;
  const body = deliveryBody(event, data);
  const rows = await insertDeliveries(
    deps.database.db,
    hooks.map((h) => ({ webhookId: h.id, eventId: event.id, eventType: event.type, body })),
  );
  if (rows.length) wakeWorkers();
  return rows.length;
}

export function registerWebhookSubscribers(deps: Deps): void {
  for (const type of WEBHOOK_EVENTS)
    deps.bus.subscribe(type, (event) => recordDeliveries(deps, event as DomainEvent).then(() => undefined));
}
