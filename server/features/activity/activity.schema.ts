import { z } from 'zod';
import { msg } from '../../core/validation.ts';

/** Feed filters by kind (Italian URL values) → the activity types they cover. */
export const KIND_TYPES = {
  discussioni: ['thread.created', 'post.created', 'reaction.added'],
  membri: ['user.registered', 'member.joined'],
  gruppi: ['group.created'],
  corsi: ['course.published', 'course.enrolled', 'course.completed', 'training_offer.published'],
  pratiche: ['practice.published', 'practice.reused', 'practice.validated', 'story.published'],
  scambio: ['exchange.posted'],
  gemellaggi: ['twinning.created', 'twinning.milestone', 'twinning.approved', 'twinning.status_changed'],
  notizie: ['article.published', 'event.published', 'newsletter.sent'],
} as const;
export type FeedKind = keyof typeof KIND_TYPES;
export const FEED_KINDS = Object.keys(KIND_TYPES) as FeedKind[];

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const feedQuerySchema = z.object({
  tipo: z.preprocess(
    emptyToUndefined,
    z.enum(FEED_KINDS as [FeedKind, ...FeedKind[]], msg('invalid_value')).optional(),
  ),
  prima: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
  dopo: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(2_147_483_647).optional()),
  rete: z.preprocess((v) => v === '1' || v === 'true', z.boolean()).default(false),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type FeedQueryInput = z.infer<typeof feedQuerySchema>;
