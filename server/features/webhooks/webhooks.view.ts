// Webhooks and deliveries as the pages and the API show them (never the secret).
import type { Webhook, WebhookDelivery } from '../../../models/schema.ts';

export const webhookJson = (w: Webhook) => ({
  id: w.id,
  url: w.url,
  description: w.description,
  events: w.events,
  enabled: w.enabled,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

export const deliveryJson = (d: WebhookDelivery) => ({
  id: d.id,
  event: d.eventType,
  eventId: d.eventId,
  replayOf: d.replayOf,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  responseMs: d.responseMs,
  error: d.lastError,
  createdAt: d.createdAt.toISOString(),
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  nextAttemptAt: d.status === 'pending' ? d.availableAt.toISOString() : null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});
