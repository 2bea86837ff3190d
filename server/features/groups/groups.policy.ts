// Who may see and do what in a group. Pure functions over the actor, the group and the actor's
// membership; every path (page, API, attachment, search, feed, socket) asks these. Seeing and
// reading follow the one rule in models/queries/visibility.ts, whose SQL twin every query and live
// room uses: change it there, never here.
import type { Group, GroupRole } from '../../../models/schema.ts';
import { groupAccessAllows } from '../../../models/queries/visibility.ts';
import type { Actor } from '../../core/deps.ts';

export type Membership = { role: GroupRole; status: 'active' | 'pending' | 'invited' } | undefined | null;

const active = (m: Membership) => m?.status === 'active';
const isStaff = (actor: Actor) => actor?.role === 'admin' || actor?.role === 'animator';

/** Knows the group exists: public and closed groups for everyone; private ones for active members, invited people and admins. */
export function canSeeGroup(actor: Actor, group: Pick<Group, 'visibility'>, m: Membership): boolean {
  return groupAccessAllows('see', actor, group.visibility, m?.status);
}

/** Reads discussions, members and attachments: anyone for public groups; active members and admins otherwise. */
export function canReadGroup(actor: Actor, group: Pick<Group, 'visibility'>, m: Membership): boolean {
  return groupAccessAllows('read', actor, group.visibility, m?.status);
}

/** Starts threads and replies: active members only. */
export function canPostInGroup(actor: Actor, _group: Pick<Group, 'visibility'>, m: Membership): boolean {
  return Boolean(actor) && active(m);
}

/** Approves requests, invites, removes members, hides posts, locks, pins, moves: group owners and moderators, animators, admins. */
export function canModerateGroup(actor: Actor, m: Membership): boolean {
  return isStaff(actor) || (active(m) && (m!.role === 'owner' || m!.role === 'moderator'));
}

/** Changes group roles and settings: owners, animators and admins. */
export function canManageGroup(actor: Actor, m: Membership): boolean {
  return isStaff(actor) || (active(m) && m!.role === 'owner');
}

/** Creates groups: animators and admins. */
export function canCreateGroup(actor: Actor): boolean {
  return isStaff(actor);
}

/** Joins directly (public), asks to join (closed), or needs an invitation (private). */
export function joinOutcome(group: Pick<Group, 'visibility'>): 'active' | 'pending' | 'invitation_required' {
  return group.visibility === 'public' ? 'active' : group.visibility === 'closed' ? 'pending' : 'invitation_required';
}
