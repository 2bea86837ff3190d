// What people send to private conversations, as zod schemas shared by the pages and the API, and
// the origin other features give a conversation they open (a typed value, never a form field).
import { z } from 'zod';
import { CONVERSATION_ORIGIN_KINDS, type ConversationOrigin } from '../../../models/schema.ts';
import { msg } from '../../core/validation.ts';
import { ONE_LINE } from '../courses/courses.schema.ts';

export type { ConversationOrigin };

/** At most this many people besides the writer in one conversation (the messages say 20 too). */
export const MAX_RECIPIENTS = 20;
export const MAX_BODY = 20_000;
const MAX_ID = 2_147_483_647;

/** One value or several (a repeated form field `a`, or a JSON array), as a list. */
const list = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** A positive integer id from JSON or a form field; anything else is NaN. */
const toId = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,10}$/.test(v.trim()) ? Number(v) : Number.NaN;

/** Member ids; any bad one is an error of the field as a whole ("recipientIds", not "recipientIds.3"). */
const recipientIds = z.preprocess(
  list,
  z
    .array(z.unknown().meta({ type: 'integer', minimum: 1 }), msg('conversations.recipients_required'))
    .max(MAX_RECIPIENTS, msg('conversations.too_many_recipients'))
    .transform((values, ctx) => {
      const ids = values.map(toId);
      if (ids.every((n) => Number.isSafeInteger(n) && n > 0 && n <= MAX_ID)) return ids;
      ctx.addIssue({ code: 'custom', message: 'v.conversations.recipient_unknown' });
      return z.NEVER;
    }),
);

/** Recipients by @handle, separated by commas or spaces ("@laura.mannucci, @luca.dipietro"). */
const handles = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string(msg('invalid_type')).trim().max(2000),
);

const body = z
  .string(msg('conversations.body_required'))
  .trim()
  .min(1, msg('conversations.body_required'))
  .max(MAX_BODY);

/** A new conversation from a person (page form or API): recipients, subject, first message. */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * What a conversation is about, named by reference (a Cerco/Offro post, the match it was opened
 * from, a practice): the service looks each one up with the writer's read rights and writes the
 * origin's links itself, so nobody can make a conversation point elsewhere.
 */
export const originRefSchema = z.object({
  post: z.preprocess(
    blankToUndefined,
    z.coerce
      .number(msg('conversations.origin_ref'))
      .int(msg('conversations.origin_ref'))
      .positive(msg('conversations.origin_ref'))
      .max(MAX_ID, msg('conversations.origin_ref'))
      .optional(),
  ),
  match: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(exchange:\d{1,10}|practice:[a-z0-9][a-z0-9-]{0,119})$/, msg('conversations.origin_ref'))
      .refine((v) => !v.startsWith('exchange:') || Number(v.slice(9)) <= MAX_ID, msg('conversations.origin_ref'))
      .optional(),
  ),
  pratica: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,119}$/, msg('conversations.origin_ref'))
      .optional(),
  ),
});
export type OriginRef = z.infer<typeof originRefSchema>;

export const newConversationSchema = z
  .object({
    recipientIds: recipientIds.default([]),
    handles: handles.default(''),
    subject: z.string(msg('required')).trim().min(1, msg('required')).max(200).regex(ONE_LINE, msg('one_line')),
    body,
  })
  .extend(originRefSchema.shape);
export type NewConversationInput = z.input<typeof newConversationSchema>;

/** A local path: starts with one slash, never "//" or "/\" (another site), no spaces. */
const localPath = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/, msg('conversations.origin_url'));

export const conversationOriginSchema = z.object({
  kind: z.enum(CONVERSATION_ORIGIN_KINDS),
  links: z
    .array(z.object({ label: z.string().trim().min(1).max(200).regex(ONE_LINE), url: localPath }))
    .max(5)
    .default([]),
  twinningProposal: z.boolean().optional(),
});

/** What another feature's service passes to startConversation: a person's input plus a trusted origin. */
export const startConversationSchema = newConversationSchema.extend({
  origin: conversationOriginSchema.optional(),
});
export type StartConversationInput = z.input<typeof newConversationSchema> & { origin?: ConversationOrigin };

export const replySchema = z.object({ body });

/** People added to a conversation, by @handle (the page) or id (a script). */
export const addParticipantsSchema = z.object({ recipientIds: recipientIds.default([]), handles: handles.default('') });

export const reportSchema = z.object({
  reason: z
    .string(msg('conversations.reason_required'))
    .trim()
    .min(1, msg('conversations.reason_required'))
    .max(1000)
    .regex(ONE_LINE, msg('one_line')),
});

const page = z.coerce.number().int().min(1).max(10_000).optional().catch(undefined);
export const listQuerySchema = z.object({ page: page.transform((p) => p ?? 1) });
/** A conversation's page of messages; none given: the last (the newest messages). */
export const threadQuerySchema = z.object({ page });

export const muteSchema = z.object({
  muted: z
    .union([z.boolean(), z.enum(['true', 'false', 'on', 'off'])])
    .transform((v) => v === true || v === 'true' || v === 'on'),
});
