// Member rows → what pages and the API show, with `can` flags.
import type { MemberRow } from '../../../models/queries/users.ts';
import type { Actor } from '../../core/deps.ts';
import { canEditProfile } from '../accounts/accounts.policy.ts';

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
  return {
    ...publicFields(row),
    createdAt: row.createdAt,
    lastLoginAt: row.lastLoginAt,
    url: `/membri/${row.id}`,
    can: { edit: canEditProfile(actor, row.id) },
  };
}

/** The JSON shape of a member for the API (no e-mail unless it is the viewer's own or an admin asks). */
export function memberJson(row: MemberRow, email?: string) {
  return {
    ...publicFields(row),
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    ...(email ? { email } : {}),
  };
}
