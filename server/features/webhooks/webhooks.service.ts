// Webhooks for administrators: register, change, enable or disable, delete, the deliveries log,
// replay a delivery, send a test ping. Every operation is for site admins only.
import * as q from '../../../models/queries/webhooks.ts';
import type { Webhook, WebhookDelivery } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan, isAdmin } from '../accounts/accounts.policy.ts';
import { deliveryBody, PING_EVENT } from './webhooks.events.ts';
import { deliveriesQuerySchema, webhookPatchSchema, webhookSchema } from './webhooks.schema.ts';
import { encryptSecret, newSecret } from './webhooks.secret.ts';
import { wakeWorkers } from './webhooks.subscriber.ts';
import { urlRefusal } from './webhooks.url.ts';

export const DELIVERIES_PER_PAGE = 25;

function assertAdmin(actor: Actor): asserts actor is Express.User {
  assertCan(actor, isAdmin(actor));
}

/** Production's address rules (webhooks.url.ts), as a refusal of the url field. */
async function checkUrl(deps: Deps, url: string): Promise<void> {
  const refusal = await urlRefusal(url, deps.config.env === 'production');
  if (refusal) throw new ValidationError({ url: { key: refusal } });
}

async function found(deps: Deps, id: number): Promise<Webhook> {
  const webhook = await q.findWebhook(deps.database.db, id);
  if (!webhook) throw new NotFoundError();
  return webhook;
}

export async function listWebhooks(deps: Deps, actor: Actor) {
  assertAdmin(actor);
  return q.listWebhooks(deps.database.db);
}

export async function getWebhook(deps: Deps, actor: Actor, id: number): Promise<Webhook> {
  assertAdmin(actor);
  return found(deps, id);
}

/** Registers a webhook; its secret comes back in clear this once. */
export async function createWebhook(
  deps: Deps,
  actor: Actor,
  input: unknown,
): Promise<{ webhook: Webhook; secret: string }> {
  assertAdmin(actor);
  const data = parseInput(webhookSchema, input);
  await checkUrl(deps, data.url);
  const secret = newSecret();
  const webhook = await q.insertWebhook(deps.database.db, {
    url: data.url,
    description: data.description ?? '',
    events: data.events,
    secretEnc: encryptSecret(deps.config.sessionSecret, secret),
    createdBy: actor.id,
  });
  const enabled =
    data.enabled === false ? await q.updateWebhook(deps.database.db, webhook.id, { enabled: false }) : webhook;
  return { webhook: enabled!, secret };
}

export async function updateWebhook(deps: Deps, actor: Actor, id: number, input: unknown): Promise<Webhook> {
  assertAdmin(actor);
  const data = parseInput(webhookPatchSchema, input);
  await found(deps, id);
  if (data.url !== undefined) await checkUrl(deps, data.url);
  const changes: q.WebhookChanges = {};
  if (data.url !== undefined) changes.url = data.url;
  if (data.description !== undefined) changes.description = data.description;
  if (data.events !== undefined) changes.events = data.events;
  if (data.enabled !== undefined) changes.enabled = data.enabled;
  const updated = await q.updateWebhook(deps.database.db, id, changes);
  if (!updated) throw new NotFoundError();
  return updated;
}

/** A new secret replaces the old one at once (shown this once). */
export async function rotateSecret(
  deps: Deps,
  actor: Actor,
  id: number,
): Promise<{ webhook: Webhook; secret: string }> {
  assertAdmin(actor);
  await found(deps, id);
  const secret = newSecret();
  const webhook = await q.setWebhookSecret(deps.database.db, id, encryptSecret(deps.config.sessionSecret, secret));
  if (!webhook) throw new NotFoundError();
  return { webhook, secret };
}

export async function deleteWebhook(deps: Deps, actor: Actor, id: number): Promise<void> {
  assertAdmin(actor);
  if (!(await q.deleteWebhook(deps.database.db, id))) throw new NotFoundError();
}

export async function deliveries(deps: Deps, actor: Actor, id: number, query: unknown) {
  assertAdmin(actor);
  const webhook = await found(deps, id);
  const { page } = parseInput(deliveriesQuerySchema, query);
  const { rows, total } = await q.listDeliveries(deps.database.db, id, {
    limit: DELIVERIES_PER_PAGE,
    offset: (page - 1) * DELIVERIES_PER_PAGE,
  });
  return { webhook, rows, total, page, pages: Math.max(1, Math.ceil(total / DELIVERIES_PER_PAGE)) };
}

/** Sends a delivery's body again, as a new delivery (the original keeps its own record). */
export async function replayDelivery(
  deps: Deps,
  actor: Actor,
  webhookId: number,
  deliveryId: number,
): Promise<WebhookDelivery> {
  assertAdmin(actor);
  await found(deps, webhookId);
  const original = await q.findDelivery(deps.database.db, webhookId, deliveryId);
  if (!original) throw new NotFoundError();
  const [replay] = await q.insertDeliveries(deps.database.db, [
    { webhookId, eventId: null, eventType: original.eventType, body: original.body, replayOf: original.id },
  ]);
  wakeWorkers();
  return replay!;
}

/** Queues a `webhook.ping` delivery, to check the receiver and its signature verification. */
export async function sendPing(deps: Deps, actor: Actor, webhookId: number): Promise<WebhookDelivery> {
  assertAdmin(actor);
  const webhook = await found(deps, webhookId);
  const now = new Date();
  const body = deliveryBody(
    { id: `ping-${now.getTime()}`, type: PING_EVENT, occurredAt: now },
    {
      webhookId: webhook.id,
      message: 'Rete SPI: prova del webhook',
    },
  );
  const [ping] = await q.insertDeliveries(deps.database.db, [
    { webhookId, eventId: null, eventType: PING_EVENT, body },
  ]);
  wakeWorkers();
  return ping!;
}
