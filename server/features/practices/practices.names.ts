// Whom and what a practice names: its lead and co-owner administrations by slug, its co-authors
// and contact person by handle, the repertory's competences it develops by code. Unknown names are 400s naming the field; so are administrations
// and people named anew without being involved in it (practices.policy.ts: canNameCoOwner,
// canNameContact). The lead administration's own rule (canNameOrganization) is the service's.
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/practices.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import { ValidationError } from '../../core/errors.ts';
import { unknownCompetenceCodes } from '../competences/competences.service.ts';
import { canNameContact, canNameCoOwner } from './practices.policy.ts';
import type { PracticeInput } from './practices.schema.ts';

/**
 * The administrations, people and competences the input names, by slug, handle and repertory code:
 * unknown ones are 400s naming the field.
 */
export async function resolveNames(tx: Tx, data: PracticeInput) {
  const orgs = await q.organizationsBySlugs(tx, [data.organization, ...data.coOwners]);
  const lead = orgs.find((o) => o.slug === data.organization);
  const unknownOwners = data.coOwners.filter((s) => !orgs.some((o) => o.slug === s));
  const handles = [...data.coAuthors, ...(data.contact ? [data.contact] : [])];
  const people = await findUsersByHandles(tx, handles);
  const unknownAuthors = data.coAuthors.filter((h) => !people.some((p) => p.handle === h));
  const fields: Record<string, { key: string; params?: Record<string, unknown> }> = {};
  if (!lead) fields.organization = { key: 'validation.practice_organization_unknown' };
  if (unknownOwners.length)
    fields.coOwners = { key: 'validation.practice_organizations_unknown', params: { names: unknownOwners.join(', ') } };
  if (unknownAuthors.length)
    fields.coAuthors = { key: 'validation.practice_people_unknown', params: { names: unknownAuthors.join(', ') } };
  if (data.contact && !people.some((p) => p.handle === data.contact))
    fields.contact = { key: 'validation.practice_people_unknown', params: { names: data.contact } };
  const unknownCodes = await unknownCompetenceCodes(tx, data.competenceCodes);
  if (unknownCodes.length)
    fields.competenceCodes = {
      key: 'validation.competence_unknown',
      params: { codes: unknownCodes.join(', '), count: unknownCodes.length },
    };
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return {
    lead: lead!,
    coOwners: data.coOwners.map((s) => orgs.find((o) => o.slug === s)!),
    coAuthors: data.coAuthors.map((h) => people.find((p) => p.handle === h)!),
    contact: data.contact ? people.find((p) => p.handle === data.contact)! : undefined,
  };
}

type Names = Awaited<ReturnType<typeof resolveNames>>;

/**
 * The administrations and people named anew must be involved (practices.policy.ts): a co-owner is
 * the administration of its creator or of a co-author (any, for animators and admins); the contact
 * is one of its authors or someone of an owner administration. What it already named stays: only
 * a change is checked. 400 naming the field otherwise.
 */
export async function assertInvolved(
  tx: Tx,
  writer: Express.User,
  names: Names,
  createdBy: number | null,
  current: { coOwnerIds: number[]; contactUserId: number | null } = { coOwnerIds: [], contactUserId: null },
): Promise<void> {
  const authorIds = [...(createdBy ? [createdBy] : []), ...names.coAuthors.map((a) => a.id)];
  const orgOf = await q.organizationIdsOfUsers(tx, [...authorIds, ...(names.contact ? [names.contact.id] : [])]);
  const authorOrganizations = authorIds.flatMap((id) => orgOf.get(id) ?? []);
  const fields: Record<string, { key: string; params?: Record<string, unknown> }> = {};
  const strangers = names.coOwners.filter(
    (o) => !current.coOwnerIds.includes(o.id) && !canNameCoOwner(writer, o.id, authorOrganizations),
  );
  if (strangers.length)
    fields.coOwners = {
      key: 'validation.practice_co_owners_not_involved',
      params: { names: strangers.map((o) => o.name).join(', ') },
    };
  const contact = names.contact;
  // Owners that may stand: the lead and the co-owners not refused above.
  const owners = [names.lead.id, ...names.coOwners.filter((o) => !strangers.includes(o)).map((o) => o.id)];
  if (
    contact &&
    contact.id !== current.contactUserId &&
    !canNameContact({ id: contact.id, organizationId: orgOf.get(contact.id) ?? null }, authorIds, owners)
  )
    fields.contact = { key: 'validation.practice_contact_not_involved', params: { name: contact.handle } };
  if (Object.keys(fields).length) throw new ValidationError(fields);
}
