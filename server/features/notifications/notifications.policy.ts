// Who may be told what. A notification about a group goes only to people who may read that group
// right now (an invitation: to the person invited, who may see the group but not yet read it).
import type { GroupVisibility } from '../../../models/schema.ts';
import type { NotificationKind } from '../../../models/queries/notifications.ts';
import type { Actor } from '../../core/deps.ts';
import { isAdmin } from '../accounts/accounts.policy.ts';
import { canReadGroup, canSeeGroup, type Membership } from '../groups/groups.policy.ts';

export function canBeNotified(
  person: Actor,
  kind: NotificationKind,
  group: { visibility: GroupVisibility },
  m: Membership,
): boolean {
  return kind === 'invited' ? canSeeGroup(person, group, m) : canReadGroup(person, group, m);
}

/** The mail outbox holds every member's mail: administrators only. */
export const canReadOutbox = (actor: Actor): boolean => isAdmin(actor);
