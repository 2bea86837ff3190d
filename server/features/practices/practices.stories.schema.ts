// What a story takes: a title and a short Markdown text (a testimony, not an article), and a
// moderator's decision.
import { z } from 'zod';
import { msg } from '../../core/validation.ts';

export const STORY_TITLE_MAX = 140;
export const STORY_BODY_MIN = 20;
export const STORY_BODY_MAX = 5000;

/** Browsers send text areas with CRLF: stored text uses LF. */
const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);

export const storyInputSchema = z.object({
  title: z
    .string(msg('practice_story_title'))
    .trim()
    .min(3, msg('practice_story_title'))
    .max(STORY_TITLE_MAX, msg('practice_story_title'))
    .regex(/^[^\p{Cc}]*$/u, msg('one_line')),
  body: z.preprocess(
    lf,
    z
      .string(msg('practice_story_body'))
      .trim()
      .min(STORY_BODY_MIN, msg('practice_story_body'))
      .max(STORY_BODY_MAX, msg('practice_story_body_long')),
  ),
});
export type StoryInput = z.infer<typeof storyInputSchema>;

export const STORY_DECISIONS = ['published', 'rejected'] as const;
export type StoryDecision = (typeof STORY_DECISIONS)[number];

/** The moderation queue's page. */
export const storyQueueQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
