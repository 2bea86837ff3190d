// Blocking people: a blocked person cannot write to the blocker, and neither can the blocker write
// to them, in a new conversation or an existing one (a refusal writes nothing). The list of people
// one has blocked is theirs alone (/messaggi-privati/bloccati).
import { findUserById } from '../../../models/queries/users.ts';
import * as mod from '../../../models/queries/message-moderation.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { canBlock, canMessageMember } from './conversations.policy.ts';

/** A member who exists, for blocking (a 404 otherwise; oneself is a refusal of the input). */
async function blockable(deps: Deps, actor: Actor, memberId: number) {
  assertCan(actor, true);
  if (!canBlock(actor, memberId)) throw new ValidationError({ member: { key: 'validation.conversations.block_self' } });
  const member = await findUserById(deps.database.db, memberId);
  if (!member) throw new NotFoundError();
  return { blocker: actor, member };
}

/** Blocks a member; blocking again changes nothing. Returns their name. */
export async function blockMember(deps: Deps, actor: Actor, memberId: number): Promise<{ name: string }> {
  const { blocker, member } = await blockable(deps, actor, memberId);
  await mod.insertBlock(deps.database.db, blocker.id, member.id);
  return { name: member.name };
}

export async function unblockMember(deps: Deps, actor: Actor, memberId: number): Promise<{ name: string }> {
  const { blocker, member } = await blockable(deps, actor, memberId);
  await mod.deleteBlock(deps.database.db, blocker.id, member.id);
  return { name: member.name };
}

/** The people the actor has blocked, by name. */
export async function blockedMembers(deps: Deps, actor: Actor) {
  assertCan(actor, true);
  return mod.listBlocked(deps.database.db, actor.id);
}

/**
 * What a profile offers its signed-in visitor: "Scrivi un messaggio" when no block stands either
 * way, "Sblocca" when the visitor blocked them. That the member blocked the visitor is not said:
 * the button is simply not there.
 */
export async function messagingWith(
  deps: Deps,
  actor: Actor,
  memberId: number,
  /** The blocks between the two when the caller read them already (the profile page does). */
  known?: { blockerId: number; blockedId: number }[],
) {
  if (!actor || actor.id === memberId) return { canWrite: false, canBlock: false, blockedByMe: false };
  const blocks = known ?? (await mod.blocksBetween(deps.database.db, actor.id, [memberId]));
  return {
    canWrite: canMessageMember(actor, memberId, blocks),
    canBlock: canBlock(actor, memberId),
    blockedByMe: blocks.some((b) => b.blockerId === actor.id),
  };
}
