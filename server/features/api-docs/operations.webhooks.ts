// The /api/v1 operations on webhooks (administrators only): registering, changing and deleting
// webhooks, their deliveries log and replays. Deliveries themselves are described in the README.
import {
  WEBHOOK_EVENTS,
  deliveriesQuerySchema,
  webhookPatchSchema,
  webhookSchema,
} from '../webhooks/webhooks.schema.ts';
import { arr, bool, dateTime, int, nullable, obj, paged, str, type Operation } from './operations.builders.ts';

const events = arr({ type: 'string', enum: [...WEBHOOK_EVENTS] });
const webhookShape = obj({
  id: int,
  url: str,
  description: str,
  events,
  enabled: bool,
  createdAt: dateTime,
  updatedAt: dateTime,
});
const deliveryShape = obj({
  id: int,
  event: str,
  eventId: nullable(int),
  replayOf: nullable(int),
  status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
  attempts: int,
  responseStatus: nullable(int),
  responseMs: nullable(int),
  error: nullable(str),
  createdAt: dateTime,
  lastAttemptAt: nullable(dateTime),
  nextAttemptAt: nullable(dateTime),
  deliveredAt: nullable(dateTime),
});
const oneWebhook = obj({ webhook: webhookShape });
const counts = obj({ pending: int, delivered: int, failed: int });

const admin: Pick<Operation, 'tag' | 'auth' | 'errors'> = { tag: 'webhooks', auth: 'required', errors: [403] };

export const WEBHOOK_OPERATIONS: Operation[] = [
  {
    id: 'listWebhooks',
    method: 'get',
    path: '/api/v1/webhooks',
    ...admin,
    responses: {
      200: obj({
        webhooks: arr({ ...webhookShape, properties: { ...(webhookShape.properties as object), deliveries: counts } }),
      }),
    },
  },
  {
    id: 'createWebhook',
    method: 'post',
    path: '/api/v1/webhooks',
    ...admin,
    body: { name: 'WebhookInput', zod: webhookSchema },
    responses: { 201: obj({ webhook: webhookShape, secret: { type: 'string', description: 'Shown this once' } }) },
  },
  { id: 'getWebhook', method: 'get', path: '/api/v1/webhooks/{id}', ...admin, responses: { 200: oneWebhook } },
  {
    id: 'updateWebhook',
    method: 'patch',
    path: '/api/v1/webhooks/{id}',
    ...admin,
    body: { name: 'WebhookPatch', zod: webhookPatchSchema },
    responses: { 200: oneWebhook },
  },
  { id: 'deleteWebhook', method: 'delete', path: '/api/v1/webhooks/{id}', ...admin, responses: { 204: null } },
  {
    id: 'listWebhookDeliveries',
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries',
    ...admin,
    query: deliveriesQuerySchema,
    responses: { 200: paged('deliveries', deliveryShape) },
  },
  {
    id: 'replayWebhookDelivery',
    method: 'post',
    path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay',
    ...admin,
    responses: { 202: obj({ delivery: deliveryShape }) },
  },
];
