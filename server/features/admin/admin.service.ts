// What the administration pages read: the overview's figures, people and administrations. Admins
// only; the changes themselves are the accounts and organizations features' use cases.
import { countUndelivered, failingEvents as listFailingEvents } from '../../../models/queries/events.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { assertCan, isAdmin } from '../accounts/accounts.policy.ts';
import { countGroups } from '../groups/groups.service.ts';
import { countMembers, listMembers } from '../members/members.service.ts';
import { countOrganizations, listOrganizations } from '../organizations/organizations.service.ts';

/** The overview's figures: people, administrations (and those waiting for verification), groups. */
export async function adminOverview(deps: Deps, actor: Actor) {
  assertCan(actor, isAdmin(actor));
  const [userCount, organizations, groupCount, undeliveredEvents, failingEvents] = await Promise.all([
    countMembers(deps),
    countOrganizations(deps),
    countGroups(deps, actor),
    countUndelivered(deps.database.db),
    listFailingEvents(deps.database.db, 20),
  ]);
  return {
    userCount,
    organizationCount: organizations.total,
    unverifiedCount: organizations.unverified,
    groupCount,
    undeliveredEvents,
    failingEvents,
  };
}

/** People, filtered and paginated like the member directory, for changing their roles. */
export async function adminUsers(deps: Deps, actor: Actor, input: unknown) {
  assertCan(actor, isAdmin(actor));
  return listMembers(deps, input);
}

/** Every administration, those waiting for verification first on the page. */
export async function adminOrganizations(deps: Deps, actor: Actor) {
  assertCan(actor, isAdmin(actor));
  const { organizations } = await listOrganizations(deps, {});
  return {
    all: organizations,
    unverified: organizations.filter((o) => !o.verified),
    verified: organizations.filter((o) => o.verified),
  };
}
