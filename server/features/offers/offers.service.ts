// The training-offer catalogue: publishing (API upsert by the provider's external id, the browser's
// CSV upload, changes, withdrawal), the catalogue with its filters, an offer's page and the open
// data. Writes run in one transaction with their domain event (training_offer.published) in the outbox.
import * as competences from '../../../models/queries/competences.ts';
import * as q from '../../../models/queries/offers.ts';
import * as orgs from '../../../models/queries/organizations.ts';
import type { DbOrTx } from '../../../models/db.ts';
import type { Organization, OfferSource, TrainingOffer } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { type FieldErrors, NotFoundError, ValidationError } from '../../core/errors.ts';
import { parseInput, zodToFields } from '../../core/validation.ts';
import { listCatalogue } from '../../../models/queries/courses.ts';
import {
  assertManagesCatalogue,
  assertPublishFor,
  assertSignedIn,
  canPublishFor,
  managesCatalogue,
} from './offers.policy.ts';
import { FIELD_COLUMN, readOfferCsv, type CsvProblem } from './offers.csv.ts';
import {
  OFFER_CSV_MAX_ROWS,
  OFFER_PAGE_SIZE,
  importOptions,
  offerApiQuery,
  offerFields,
  offerPageQuery,
  offerPatch,
  type OfferFields,
} from './offers.schema.ts';

export const offerUrl = (id: number) => `/offerta-formativa/${id}`;

/** The cross-field rules: the end not before the start, a place (province and town) unless online. */
function crossCheck(data: {
  startsOn: string;
  endsOn: string;
  online: boolean;
  province?: string | null | undefined;
  town?: string | null | undefined;
}): FieldErrors {
  const fields: FieldErrors = {};
  if (data.endsOn < data.startsOn) fields.endsOn = { key: 'validation.offer_dates_order' };
  if (!data.online) {
    if (!data.province) fields.province = { key: 'validation.offer_place_required' };
    if (!data.town) fields.town = { key: 'validation.offer_place_required' };
  }
  return fields;
}

/** The repertory's codes an offer names that the repertory lacks. */
async function unknownCompetences(db: DbOrTx, codes: string[]): Promise<string[]> {
  const known = await competences.existingCompetenceCodes(db, codes);
  return codes.filter((c) => !known.has(c));
}

/** Validates an offer's fields (zod, cross-field rules, the repertory): its values or the fields' errors. */
async function validateOffer(
  db: DbOrTx,
  input: unknown,
): Promise<{ ok: true; data: OfferFields } | { ok: false; fields: FieldErrors }> {
  const parsed = offerFields.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, fields: zodToFields(parsed.error) };
  const data = parsed.data;
  const fields = crossCheck(data);
  const unknown = await unknownCompetences(db, [...new Set(data.competences)]);
  if (unknown.length)
    fields.competences = { key: 'validation.offer_competences', params: { codes: unknown.join(', ') } };
  return Object.keys(fields).length
    ? { ok: false, fields }
    : { ok: true, data: { ...data, competences: [...new Set(data.competences)] } };
}

/** The provider an actor publishes for: their own organisation, or (animators, admins) the one named. */
async function providerFor(db: DbOrTx, actor: Express.User, slug: string | undefined): Promise<Organization> {
  let org: Organization | undefined;
  if (slug) {
    org = await orgs.findOrganizationBySlug(db, slug);
    if (!org) throw new ValidationError({ organization: { key: 'validation.offer_organization' } });
  } else if (actor.organizationId) {
    org = await orgs.findOrganizationById(db, actor.organizationId);
  }
  if (!org) throw new ValidationError({ organization: { key: 'validation.offer_organization' } });
  assertPublishFor(actor, org.id);
  return org;
}

const columnsOf = (data: OfferFields, org: Organization) => ({
  title: data.title,
  providerName: data.providerName ?? org.name,
  description: data.description,
  online: data.online,
  province: data.online ? (data.province ?? null) : data.province!,
  town: data.online ? (data.town ?? null) : data.town!,
  startsOn: data.startsOn,
  endsOn: data.endsOn,
  hours: data.hours,
  costCents: data.costCents,
  targetAudience: data.targetAudience,
  certification: data.certification,
  competenceCodes: data.competences,
  url: data.url ?? null,
  theme: data.theme,
});

/** Inserts or (same provider, same external id) updates an offer, recording its first publication. */
async function upsert(
  deps: Deps,
  tx: DbOrTx,
  actor: Express.User,
  org: Organization,
  data: OfferFields,
  source: OfferSource,
): Promise<{ offer: TrainingOffer; created: boolean }> {
  const existing = data.externalId ? await q.lockOfferByExternalId(tx, org.id, data.externalId) : undefined;
  if (existing) {
    const offer = (await q.updateOffer(tx, existing.id, { ...columnsOf(data, org), source }))!;
    return { offer, created: false };
  }
  const offer = await q.insertOffer(tx, {
    ...columnsOf(data, org),
    organizationId: org.id,
    externalId: data.externalId ?? null,
    source,
    createdBy: actor.id,
  });
  await deps.bus.record(tx, 'training_offer.published', {
    actorId: actor.id,
    objectId: offer.id,
    title: offer.title,
    url: offerUrl(offer.id),
  });
  return { offer, created: true };
}

/** Publishes an offer (API or form): 201 created, or 200 when the provider's external id already named one. */
export async function publishOffer(
  deps: Deps,
  actor: Actor,
  input: unknown,
  source: OfferSource = 'api',
): Promise<{ offer: q.OfferRow; created: boolean }> {
  assertSignedIn(actor);
  return deps.database.db.transaction(async (tx) => {
    const checked = await validateOffer(tx, input);
    if (!checked.ok) throw new ValidationError(checked.fields);
    const org = await providerFor(tx, actor, checked.data.organization);
    const { offer, created } = await upsert(deps, tx, actor, org, checked.data, source);
    return { offer: (await q.findOffer(tx, offer.id))!, created };
  });
}

/** Changes some fields of an offer (its provider's members and systems, animators, admins). */
export async function editOffer(deps: Deps, actor: Actor, id: number, input: unknown): Promise<q.OfferRow> {
  assertSignedIn(actor);
  const patch = parseInput(offerPatch, input);
  const given = new Set(input && typeof input === 'object' ? Object.keys(input) : []);
  return deps.database.db.transaction(async (tx) => {
    const current = await q.findOffer(tx, id);
    if (!current) throw new NotFoundError();
    assertPublishFor(actor, current.organizationId);
    const merged = {
      externalId: current.externalId ?? undefined,
      title: current.title,
      providerName: current.providerName,
      description: current.description,
      online: current.online,
      province: current.province ?? undefined,
      town: current.town ?? undefined,
      startsOn: current.startsOn,
      endsOn: current.endsOn,
      hours: current.hours,
      costCents: current.costCents,
      targetAudience: current.targetAudience,
      certification: current.certification,
      competences: current.competenceCodes,
      url: current.url ?? undefined,
      theme: current.theme,
      // Only the fields the request names: the schema's defaults must not reset the others.
      ...Object.fromEntries(Object.entries(patch).filter(([k, v]) => given.has(k) && v !== undefined)),
    };
    const checked = await validateOffer(tx, merged);
    if (!checked.ok) throw new ValidationError(checked.fields);
    const org = (await orgs.findOrganizationById(tx, current.organizationId))!;
    await q.updateOffer(tx, id, columnsOf(checked.data, org));
    return (await q.findOffer(tx, id))!;
  });
}

/** Withdraws an offer from the catalogue (deleted). */
export async function removeOffer(deps: Deps, actor: Actor, id: number): Promise<void> {
  assertSignedIn(actor);
  await deps.database.db.transaction(async (tx) => {
    const current = await q.findOffer(tx, id);
    if (!current) throw new NotFoundError();
    assertPublishFor(actor, current.organizationId);
    await q.deleteOffer(tx, id);
  });
}

export type ImportReport = {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  imported: boolean;
  problems: CsvProblem[];
};

/** Aborts the import's transaction once every row is checked and some are broken. */
class BrokenImport extends Error {
  readonly report: ImportReport;
  constructor(report: ImportReport) {
    super('broken import');
    this.report = report;
  }
}

/**
 * Imports a CSV of offers for one provider: every row is checked (fields, the repertory, the same
 * external id twice); nothing is saved when a row is broken, nor on a dry run, which reports what
 * would happen. Rows with an external id already known update that offer.
 */
export async function importOffers(deps: Deps, actor: Actor, csv: string, options: unknown): Promise<ImportReport> {
  assertSignedIn(actor);
  const opts = parseInput(importOptions, options);
  const { rows, fileProblems } = readOfferCsv(csv);
  const empty = { dryRun: opts.dryRun, rows: rows.length, created: 0, updated: 0, imported: false };
  if (fileProblems.length) return { ...empty, problems: fileProblems };
  if (rows.length > OFFER_CSV_MAX_ROWS) {
    return {
      ...empty,
      problems: [{ row: 1, field: '', key: 'validation.offer_csv_too_many', params: { max: OFFER_CSV_MAX_ROWS } }],
    };
  }
  try {
    return await deps.database.db.transaction(async (tx) => {
      const org = await providerFor(tx, actor, opts.organization);
      const problems: CsvProblem[] = [];
      const seen = new Map<string, number>();
      let created = 0;
      let updated = 0;
      for (const row of rows) {
        problems.push(...row.problems);
        const checked = await validateOffer(tx, row.input);
        if (!checked.ok) {
          for (const [field, m] of Object.entries(checked.fields)) {
            if (row.problems.some((p) => p.field === FIELD_COLUMN[field])) continue;
            problems.push({
              row: row.line,
              field: FIELD_COLUMN[field] ?? field,
              key: m.key,
              ...(m.params ? { params: m.params } : {}),
            });
          }
          continue;
        }
        const ext = checked.data.externalId;
        if (ext && seen.has(ext)) {
          problems.push({
            row: row.line,
            field: 'external_id',
            key: 'validation.offer_csv_duplicate',
            params: { line: seen.get(ext) },
          });
          continue;
        }
        if (ext) seen.set(ext, row.line);
        if (row.problems.length || problems.length) continue;
        const { created: isNew } = await upsert(deps, tx, actor, org, checked.data, 'csv');
        if (isNew) created++;
        else updated++;
      }
      const report = { ...empty, created, updated, problems };
      if (problems.length || opts.dryRun) throw new BrokenImport(report);
      return { ...report, imported: true };
    });
  } catch (err) {
    if (err instanceof BrokenImport) {
      const r = err.report;
      // A dry run with no problems reports what would be created and updated.
      return r.problems.length ? { ...r, created: 0, updated: 0 } : r;
    }
    throw err;
  }
}

/** The catalogue's page: live offers by the filters, and a few of the platform's own courses. */
export async function offerCataloguePage(deps: Deps, actor: Actor, input: unknown) {
  const filters = parseInput(offerPageQuery, input);
  const db = deps.database.db;
  const filter = {
    q: filters.q,
    province: filters.provincia,
    theme: filters.tema,
    from: filters.dal,
    to: filters.al,
    free: filters.gratuiti === '1',
  };
  const offset = (filters.page - 1) * OFFER_PAGE_SIZE;
  const [{ rows, total }, provinces, courses] = await Promise.all([
    q.listOffers(db, filter, { limit: OFFER_PAGE_SIZE, offset }),
    q.liveProvinces(db),
    // The platform's courses are online, free and always open: they fit every filter but a province.
    filters.provincia
      ? Promise.resolve([])
      : listCatalogue(db, { q: filters.q, limit: 4 }, { userId: null, all: false }),
  ]);
  return {
    filters,
    offers: rows,
    total,
    page: filters.page,
    pages: Math.max(1, Math.ceil(total / OFFER_PAGE_SIZE)),
    provinces,
    courses,
    canUpload: managesCatalogue(actor),
  };
}

/** The API's list. */
export async function listOffersApi(deps: Deps, input: unknown) {
  const f = parseInput(offerApiQuery, input);
  const { rows, total } = await q.listOffers(
    deps.database.db,
    {
      q: f.q,
      province: f.province,
      theme: f.theme,
      from: f.from,
      to: f.to,
      free: f.free === 'true' ? true : undefined,
    },
    { limit: f.limit, offset: (f.page - 1) * f.limit },
  );
  return { offers: rows, page: f.page, pages: Math.max(1, Math.ceil(total / f.limit)), total };
}

/** One offer (an expired one too: its page says so); whether the actor may change it. */
export async function readOffer(deps: Deps, actor: Actor, id: number) {
  const offer = await q.findOffer(deps.database.db, id);
  if (!offer) throw new NotFoundError();
  const codes = offer.competenceCodes;
  const named = codes.length ? await competences.competencesByCodes(deps.database.db, codes) : [];
  return { offer, competences: named, canEdit: canPublishFor(actor, offer.organizationId) };
}

/** Every live offer, for the open data. */
export async function openOffers(deps: Deps) {
  return q.allLiveOffers(deps.database.db);
}

/** The upload page: the administrations an animator or admin may publish for. */
export async function uploadPage(deps: Deps, actor: Actor) {
  assertManagesCatalogue(actor);
  const list = await orgs.listOrganizations(deps.database.db);
  return { organizations: list, ownOrganizationId: actor.organizationId };
}
