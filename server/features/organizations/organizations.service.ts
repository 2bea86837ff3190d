// Administrations: directory, verification and merging of duplicates.
import * as orgs from '../../../models/queries/organizations.ts';
import * as users from '../../../models/queries/users.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan, canManageOrganizations } from '../accounts/accounts.policy.ts';
import { mergeSchema, organizationFilterSchema, organizationUpdateSchema } from './organizations.schema.ts';

export async function listOrganizations(deps: Deps, input: unknown) {
  const filter = parseInput(organizationFilterSchema, input);
  return { filter, organizations: await orgs.listOrganizations(deps.database.db, filter) };
}

/** Every administration with its member count, by name: the choices of a form's select. */
export async function allOrganizations(deps: Deps) {
  return orgs.listOrganizations(deps.database.db);
}

/** How many administrations there are, and how many still wait for verification. */
export async function countOrganizations(deps: Deps) {
  return orgs.countOrganizations(deps.database.db);
}

export async function getOrganization(deps: Deps, slug: string) {
  const org = await orgs.findOrganizationBySlug(deps.database.db, slug);
  if (!org) throw new NotFoundError();
  const { rows, total } = await users.listMembers(deps.database.db, { organization: slug }, { limit: 50, offset: 0 });
  return { org, members: rows, memberCount: total };
}

/** Marks an administration verified (or not). Admins only. */
export async function setVerified(deps: Deps, actor: Actor, slug: string, verified: boolean) {
  assertCan(actor, canManageOrganizations(actor));
  const org = await orgs.findOrganizationBySlug(deps.database.db, slug);
  if (!org) throw new NotFoundError();
  return deps.database.db.transaction(async (tx) => {
    const updated = (await orgs.setVerified(tx, org.id, verified))!;
    if (verified) await deps.bus.record(tx, 'organization.verified', { organizationId: org.id, byUserId: actor.id });
    return updated;
  });
}

/** Edits an administration's name, kind and region. Admins only. */
export async function updateOrganization(deps: Deps, actor: Actor, slug: string, input: unknown) {
  assertCan(actor, canManageOrganizations(actor));
  const data = parseInput(organizationUpdateSchema, input);
  const org = await orgs.findOrganizationBySlug(deps.database.db, slug);
  if (!org) throw new NotFoundError();
  return (await orgs.updateOrganization(deps.database.db, org.id, {
    name: data.name,
    kind: data.kind,
    region: data.region ?? null,
  }))!;
}

/** Merges a duplicate into another administration: members move, the duplicate is deleted. One transaction. */
export async function mergeOrganization(deps: Deps, actor: Actor, slug: string, input: unknown) {
  assertCan(actor, canManageOrganizations(actor));
  const { into } = parseInput(mergeSchema, input);
  if (into === slug) throw new ValidationError({ into: { key: 'validation.merge_self' } });
  const result = await deps.database.db.transaction(async (tx) => {
    const from = await orgs.findOrganizationBySlug(tx, slug);
    if (!from) throw new NotFoundError();
    const target = await orgs.findOrganizationBySlug(tx, into);
    if (!target) throw new ValidationError({ into: { key: 'validation.organization_unknown' } });
    const moved = await orgs.mergeOrganizations(tx, from.id, target.id);
    await deps.bus.record(tx, 'organization.merged', {
      fromOrganizationId: from.id,
      intoOrganizationId: target.id,
      byUserId: actor.id,
    });
    return { from, target, moved };
  });
  return { into: result.target, moved: result.moved };
}
