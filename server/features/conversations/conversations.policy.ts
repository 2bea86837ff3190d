// Who may do what with private conversations. Pure functions over the actor, their participant row
// and the blocks between people; the service asks these, templates get the answers as `can` flags.
// The one rule of privacy: a conversation exists only for its participants. Administrators are no
// exception; they see a single message, and only once a participant has reported it.
import type { Actor } from '../../core/deps.ts';
import { isAdmin } from '../accounts/accounts.policy.ts';

export type Block = { blockerId: number; blockedId: number };

/** Any signed-in member writes to other members. */
export const canStartConversation = (actor: Actor): boolean => Boolean(actor);

/** Reads a conversation and its messages: a participant (someone with a participant row) only. */
export const canReadConversation = (actor: Actor, participant: { userId: number } | undefined): boolean =>
  Boolean(actor && participant && participant.userId === actor.id);

/**
 * Why the actor may not write to these people, or null when they may: a block either way between
 * the actor and one of them. `blocks` are the blocks involving the actor (blocksBetween).
 */
export function blockBetween(
  actorId: number,
  blocks: readonly Block[],
): { reason: 'you_blocked' | 'blocked_you'; otherId: number } | null {
  const mine = blocks.find((b) => b.blockerId === actorId);
  if (mine) return { reason: 'you_blocked', otherId: mine.blockedId };
  const theirs = blocks.find((b) => b.blockedId === actorId);
  return theirs ? { reason: 'blocked_you', otherId: theirs.blockerId } : null;
}

/**
 * Whether people may be put in one conversation together: no block between any two of them (a
 * third person must not bring someone back in contact with a person who blocked them).
 */
export const canMeet = (blocks: readonly Block[]): boolean => blocks.length === 0;

/** Writes a message: a participant, with nobody blocked either way among the others, and someone to read it. */
export const canWrite = (isParticipant: boolean, blocks: readonly Block[], others: number): boolean =>
  isParticipant && blocks.length === 0 && others > 0;

/** The "Scrivi un messaggio" button on a profile: signed in, not oneself, no block either way. */
export const canMessageMember = (actor: Actor, memberId: number, blocks: readonly Block[]): boolean =>
  Boolean(actor && actor.id !== memberId && blocks.length === 0);

/** Blocks or unblocks someone: any signed-in member, anyone but themselves. */
export const canBlock = (actor: Actor, memberId: number): boolean => Boolean(actor && actor.id !== memberId);

/** A message that can be reported: words someone wrote, still there. */
export const isReportable = (message: { kind: string; removedAt: Date | null }): boolean =>
  message.kind === 'text' && !message.removedAt;

/** Reports a message: a participant, about someone else's words still there. */
export const canReportMessage = (
  actor: Actor,
  message: { authorId: number | null; kind: string; removedAt: Date | null },
): boolean => Boolean(actor && message.authorId !== actor.id && isReportable(message));

/** The queue of reported messages, and the decision on each: administrators. */
export const canReviewReports = (actor: Actor): boolean => isAdmin(actor);
