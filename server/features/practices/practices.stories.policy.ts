// Stories: any signed-in member tells one about a published practice; moderators (animators and
// admins) publish or reject it; until then only its author sees it, marked as waiting.
import type { PracticeStatus } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

const MODERATORS = ['animator', 'admin'] as const;

export const canModerateStories = (actor: Actor): boolean =>
  Boolean(actor && (MODERATORS as readonly string[]).includes(actor.role));

export const canTellStory = (actor: Actor, practice: { status: PracticeStatus }): boolean =>
  Boolean(actor) && practice.status === 'published';
