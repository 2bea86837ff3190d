// What a webhook's registration and changes accept (forms and the API alike).
import { z } from 'zod';
import { msg, optionalText } from '../../core/validation.ts';
import { WEBHOOK_EVENTS } from './webhooks.events.ts';

export { WEBHOOK_EVENTS };

/** A form sends one checkbox as a string and several as an array; the API sends an array. */
const eventList = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z
    .array(z.enum(WEBHOOK_EVENTS, msg('webhook_event')))
    .min(1, msg('webhook_events_required'))
    .max(WEBHOOK_EVENTS.length)
    .transform((list) => [...new Set(list)]),
);

const flag = z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** Only http(s) here; production's stricter rules (https, public addresses) are webhooks.url.ts's. */
const webhookUrl = z
  .string(msg('required'))
  .trim()
  .min(1, msg('required'))
  .max(2000)
  .refine((s) => URL.canParse(s) && ['http:', 'https:'].includes(new URL(s).protocol), msg('webhook_url'));

export const webhookSchema = z.object({
  url: webhookUrl,
  description: optionalText(200),
  // No box ticked: the form sends nothing, and the message asks for one.
  events: z.preprocess((v) => v ?? [], eventList),
  enabled: flag.optional(),
});

export const webhookPatchSchema = z.object({
  url: webhookUrl.optional(),
  description: optionalText(200),
  events: eventList.optional(),
  enabled: flag.optional(),
});

export const deliveriesQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export type WebhookInput = z.infer<typeof webhookSchema>;
