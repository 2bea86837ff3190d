// Member rows → what pages and the API show, with `can` flags.
import type { MemberRow } from '../../../models/queries/users.ts';
import type { Actor } from '../../core/deps.ts';
import { canEditProfile, canSeeLastLogin } from '../accounts/accounts.policy.ts';

/** What anyone may see of a member, on a page or through the API. */
function publicFields(row: MemberRow) {
  return {
    id: row.id,
    name: row.name,
    handle: row.handle,
    role: row.role,
    jobTitle: row.jobTitle,
    region: row.region,
    bio: row.bio,
    organization: row.organizationSlug ? { slug: row.organizationSlug, name: row.organizationName } : null,
  };
}

export function memberView(row: MemberRow, actor: Actor) {
  const seeLastLogin = canSeeLastLogin(actor);
  return {
    ...publicFields(row),
    createdAt: row.createdAt,
    lastLoginAt: seeLastLogin ? row.lastLoginAt : null,
    url: `/membri/${row.id}`,
    can: { edit: canEditProfile(actor, row.id), seeLastLogin },
  };
}

/**
 * The JSON shape of a member for the API: the last login for signed-in viewers only, no e-mail
 * unless it is the viewer's own or an admin asks.
 */
export function memberJson(row: MemberRow, viewer: Actor, email?: string) {
  return {
    ...publicFields(row),
    createdAt: row.createdAt.toISOString(),
    ...(canSeeLastLogin(viewer) ? { lastLoginAt: row.lastLoginAt?.toISOString() ?? null } : {}),
    ...(email ? { email } : {}),
  };
}
