import { z } from 'zod';
import { REACTION_KINDS } from '../../../models/schema.ts';
import { msg } from '../../core/validation.ts';

/** Post bodies: not empty, at most 100,000 characters (a long report still fits; 100 kB+ does not). */
export const MAX_BODY = 100_000;
const body = z.string().trim().min(1, msg('body_required')).max(MAX_BODY, msg('body_too_long'));
const attachmentIds = z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(10).default([]);

/** Forms send one id as a string and several as an array. */
const idList = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), attachmentIds);

export const threadInputSchema = z.object({
  title: z.string().trim().min(3, msg('title_short')).max(200, msg('title_long')),
  body,
  attachmentIds: idList,
});
export type ThreadInput = z.infer<typeof threadInputSchema>;

export const postInputSchema = z.object({
  body,
  parentId: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number().int().positive(msg('invalid')).max(2_147_483_647, msg('invalid')).optional(),
  ),
  attachmentIds: idList,
});
export type PostInput = z.infer<typeof postInputSchema>;

export const editSchema = z.object({ body });

export const reactionSchema = z.object({ kind: z.enum(REACTION_KINDS, msg('reaction_kind')) });

export const flagSchema = z.object({ reason: z.string().trim().min(3, msg('reason_required')).max(500) });

export const moderationReasonSchema = z.object({ reason: z.string().trim().max(500).optional() });

export const moveSchema = z.object({
  group: z.string().trim().min(1, msg('required')).max(80),
  reason: z.string().trim().max(500).optional(),
});

export const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });
