// The one way into a conversation: the actor's own participant row. Everything that reads or writes
// a conversation goes through here, so someone who is not in it meets the same 404 on every path,
// as if it did not exist (its existence is private too).
import type { DbOrTx } from '../../../models/db.ts';
import * as q from '../../../models/queries/conversations.ts';
import type { Actor } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { canReadConversation } from './conversations.policy.ts';

export const NOT_FOUND = 'conversations.errors.not_found';

/** The conversation and the actor's participant row; 401 for anonymous visitors, 404 for anyone else not in it. */
export async function participation(
  db: DbOrTx,
  actor: Actor,
  conversationId: number,
  opts: { forUpdate?: boolean } = {},
) {
  assertCan(actor, true);
  const found = await q.findParticipation(db, conversationId, actor.id, opts);
  if (!found || !canReadConversation(actor, found.participant)) throw new NotFoundError(NOT_FOUND);
  return { ...found, actor };
}
