// Writing good practices: register a draft, edit it (its authors and admins), and change a
// published practice, which publishes the change at once as a new version (the previous ones stay
// readable). Policy first, one transaction. The lifecycle (submit, validate, publish, archive) is
// in practices.lifecycle.service.ts, reading in practices.read.service.ts.
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/practices.ts';
import * as files from '../../../models/queries/practices-files.ts';
import { isAppointedValidator } from '../../../models/queries/practices-protocol.ts';
import type { Practice } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { insertUnderFreeSlug, slugify } from '../../core/slug.ts';
import { parseInput } from '../../core/validation.ts';
import {
  canCreatePractice,
  canNameOrganization,
  canReadPractice,
  canWritePractice,
  EDITABLE_STATUSES,
  type PracticeSubject,
  type Standing,
} from './practices.policy.ts';
import { MAX_PRACTICE_FILES, practiceInputSchema, type PracticeInput } from './practices.schema.ts';
import { insertVersionWithDiff, snapshotOf } from './practices.snapshot.ts';
import { missingForPublication } from './practices.rules.ts';
import { assertInvolved, resolveNames } from './practices.names.ts';
import { recordFields } from './practices.fields.ts';

/**
 * Words a practice's slug may not take: the fixed path segments under /buone-pratiche/ (this
 * feature's pages and the catalogue's) and under /api/v1/practices/ (the open-data export), so that
 * every practice is reachable at both addresses. (dati.csv and dati.json are no slugs: no dots.)
 */
export const RESERVED_SLUGS = [
  'nuova',
  'mie',
  'da-validare',
  'dati',
  'open-data',
  'esporta',
  'export',
  'catalogo',
  'cerca',
  'storie',
  'riusi',
  'feed',
];
/** What a practice slug looks like: any other path segment under /buone-pratiche/ is another page's. */
export const PRACTICE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const practiceUrl = (p: Pick<Practice, 'slug'>): string => `/buone-pratiche/${p.slug}`;

export type LoadedPractice = { practice: q.PracticeRow; subject: PracticeSubject; standing: Standing };

/** A practice with what its rules look at (co-authors, the actor's standing); undefined when there is none. */
export async function loadPractice(
  deps: Deps,
  actor: Actor,
  slug: string,
  tx?: Tx,
): Promise<LoadedPractice | undefined> {
  if (!PRACTICE_SLUG.test(slug)) return undefined;
  const db = tx ?? deps.database.db;
  const practice = await q.findPracticeBySlug(db, slug, { lock: Boolean(tx) });
  if (!practice) return undefined;
  const coAuthorIds = (await q.coAuthorsOf(db, practice.id)).map((a) => a.id);
  const formerCoAuthorIds = await q.formerCoAuthorIdsOf(db, practice.id);
  const standing = { appointed: actor ? await isAppointedValidator(db, actor.id) : false };
  const subject = { status: practice.status, createdBy: practice.createdBy, coAuthorIds, formerCoAuthorIds };
  return { practice, subject, standing };
}

/** A practice the actor may read; any other is "not found", whoever asks and however. */
export async function readablePractice(deps: Deps, actor: Actor, slug: string, tx?: Tx): Promise<LoadedPractice> {
  const loaded = await loadPractice(deps, actor, slug, tx);
  if (!loaded || !canReadPractice(actor, loaded.subject, loaded.standing)) throw new NotFoundError();
  return loaded;
}

/**
 * Whether the actor may still read the practice after changing it: a co-author who took themselves
 * off a draft may not (the change is saved all the same).
 */
export async function stillReadable(deps: Deps, actor: Actor, slug: string): Promise<boolean> {
  const loaded = await loadPractice(deps, actor, slug);
  return Boolean(loaded && canReadPractice(actor, loaded.subject, loaded.standing));
}

/** A practice the actor may change now: 404 unreadable, 403 not theirs, 409 in review or archived. */
export async function editablePractice(deps: Deps, actor: Actor, slug: string, tx?: Tx): Promise<LoadedPractice> {
  if (!actor) throw new UnauthorizedError();
  const loaded = await readablePractice(deps, actor, slug, tx);
  if (!canWritePractice(actor, loaded.subject)) throw new ForbiddenError('practices.errors.cannot_edit');
  if (!EDITABLE_STATUSES.includes(loaded.practice.status))
    throw new ConflictError(`practices.errors.not_editable_${loaded.practice.status}`);
  return loaded;
}

/** Anyone signed in may register a practice (for their administration); anonymous people sign in first. */
export function assertCanCreate(actor: Actor): Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!canCreatePractice(actor)) throw new ForbiddenError();
  return actor;
}

/** The slug of the actor's own administration (a new practice's lead by default). */
export async function ownOrganizationSlug(deps: Deps, actor: Actor): Promise<string | undefined> {
  if (!actor?.organizationId) return undefined;
  return (await q.organizationsById(deps.database.db, [actor.organizationId]))[0]?.slug;
}

/** A practice's values as its form shows them and as PATCH starts from. */
export async function practiceFormValues(db: Tx | Deps['database']['db'], p: q.PracticeRow) {
  const coOwners = await q.coOwnersOf(db, p.id);
  const coAuthors = await q.coAuthorsOf(db, p.id);
  const contact = p.contactUserId ? await q.userById(db, p.contactUserId) : undefined;
  return {
    title: p.title,
    summary: p.summary,
    description: p.description,
    organization: p.organizationSlug,
    coOwners: coOwners.map((o) => o.slug),
    contact: contact?.handle,
    coAuthors: coAuthors.map((a) => a.handle),
    ...recordFields(p),
    kit: p.kit,
    tags: p.tags,
    competenceCodes: p.competenceCodes,
  };
}

/** The columns that follow from the input. */
function columns(data: PracticeInput) {
  return {
    title: data.title,
    summary: data.summary,
    description: data.description,
    descriptionHtml: renderDocument(data.description),
    region: data.region,
    territorialLevel: data.territorialLevel,
    theme: data.theme,
    targetUsers: data.targetUsers,
    objectives: data.objectives,
    results: data.results,
    indicators: data.indicators,
    resources: data.resources,
    costs: data.costs,
    reuseRequirements: data.reuseRequirements,
    licence: data.licence,
    startedOn: data.startedOn,
    endedOn: data.endedOn,
    links: data.links,
    components: data.components,
    kit: data.kit.map((k) => (k.attachmentId ? { kind: k.kind, title: k.title, attachmentId: k.attachmentId } : k)),
    tags: data.tags,
    competenceCodes: data.competenceCodes,
  };
}

/** Files: those removed leave, new uploads of the writer join (kit items may name them); all or none. */
async function writeFiles(tx: Tx, practiceId: number, data: PracticeInput, writer: Express.User): Promise<void> {
  await files.unlinkPracticeAttachments(tx, practiceId, data.removeAttachmentIds);
  const current = await files.attachmentsOfPractice(tx, practiceId);
  const kitIds = data.kit.flatMap((k) => (k.attachmentId ? [k.attachmentId] : []));
  const adding = [...new Set([...data.attachmentIds, ...kitIds])].filter((id) => !current.some((a) => a.id === id));
  if (current.length + adding.length > MAX_PRACTICE_FILES)
    throw new ValidationError({ attachmentIds: { key: 'validation.practice_too_many_files' } });
  const linked = await files.linkPracticeAttachments(tx, practiceId, adding, writer.id, current.length);
  if (linked !== adding.length) throw new ValidationError({ attachmentIds: { key: 'attachments.not_linkable' } });
  const kept = new Set([...current.map((a) => a.id), ...adding]);
  const index = data.kit.findIndex((k) => k.attachmentId && !kept.has(k.attachmentId));
  if (index >= 0) throw new ValidationError({ [`kit.${index}.url`]: { key: 'validation.practice_kit_file_removed' } });
}

/** Registers a practice as a draft: the writer is its creator and, unless named otherwise, its contact. */
export async function createPractice(deps: Deps, actor: Actor, input: unknown, now = new Date()): Promise<Practice> {
  const writer = assertCanCreate(actor);
  const data = parseInput(practiceInputSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const names = await resolveNames(tx, data);
    if (!canNameOrganization(writer, names.lead.id)) throw new ForbiddenError('practices.errors.own_organization');
    await assertInvolved(tx, writer, names, writer.id);
    const practice = await insertUnderFreeSlug(
      slugify(data.title, 80, 'pratica'),
      async (s) => RESERVED_SLUGS.includes(s) || (await q.slugTaken(tx, s)),
      (slug) =>
        q.insertPracticeUnlessSlugTaken(tx, {
          ...columns(data),
          slug,
          status: 'draft',
          organizationId: names.lead.id,
          contactUserId: names.contact?.id ?? writer.id,
          createdBy: writer.id,
          createdAt: now,
          updatedAt: now,
        }),
    );
    await q.replaceCoOwners(
      tx,
      practice.id,
      names.coOwners.map((o) => o.id),
    );
    await q.replaceCoAuthors(
      tx,
      practice.id,
      names.coAuthors.filter((a) => a.id !== writer.id).map((a) => a.id),
      now,
    );
    await writeFiles(tx, practice.id, data, writer);
    return practice;
  });
}

/**
 * Edits a practice (PATCH: the input is laid over its current values, and the whole is checked).
 * A draft simply changes; a published practice must stay complete, and its change is published at
 * once as version n+1 with the writer's note, the earlier versions staying readable
 * (`practice.updated` tells of it: the home page's practices, for one).
 */
export async function editPractice(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: unknown,
  now = new Date(),
): Promise<{ practice: Practice; changed: boolean }> {
  return deps.database.db.transaction(async (tx) => {
    const { practice } = await editablePractice(deps, actor, slug, tx);
    const writer = actor!;
    const before = await practiceFormValues(tx, practice);
    const given = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
    const data = parseInput(practiceInputSchema, { ...before, ...given });
    const names = await resolveNames(tx, data);
    if (names.lead.id !== practice.organizationId && !canNameOrganization(writer, names.lead.id))
      throw new ForbiddenError('practices.errors.own_organization');
    await assertInvolved(tx, writer, names, practice.createdBy, {
      coOwnerIds: (await q.coOwnersOf(tx, practice.id)).map((o) => o.id),
      contactUserId: practice.contactUserId,
    });
    const published = practice.status === 'published';
    if (published) {
      const missing = missingForPublication(data);
      if (missing.length) throw incompleteError(missing);
    }
    const snapshotBefore = published ? await snapshotOf(tx, practice) : undefined;
    const coAuthorIds = names.coAuthors.filter((a) => a.id !== practice.createdBy).map((a) => a.id);
    const updated = await q.updatePractice(tx, practice.id, {
      ...columns(data),
      organizationId: names.lead.id,
      contactUserId: names.contact?.id ?? practice.contactUserId,
      // A published practice is dated by its versions: only a real change moves it.
      updatedAt: published ? practice.updatedAt : now,
    });
    await q.replaceCoOwners(
      tx,
      practice.id,
      names.coOwners.map((o) => o.id),
    );
    await q.replaceCoAuthors(tx, practice.id, coAuthorIds, now);
    await writeFiles(tx, practice.id, data, writer);
    if (!published) return { practice: updated, changed: true };
    const snapshot = await snapshotOf(tx, updated);
    if (JSON.stringify(snapshot) === JSON.stringify(snapshotBefore)) return { practice, changed: false };
    const version = practice.version + 1;
    await insertVersionWithDiff(tx, {
      practiceId: practice.id,
      version,
      snapshot,
      note: data.note,
      createdBy: writer.id,
      createdAt: now,
    });
    const revised = await q.updatePractice(tx, practice.id, { version, updatedAt: now });
    await deps.bus.record(tx, 'practice.updated', {
      practiceId: practice.id,
      byUserId: writer.id,
      version,
      title: revised.title,
      url: practiceUrl(revised),
    });
    return { practice: revised, changed: true };
  });
}

/** A 400 naming each field publication still needs. */
export function incompleteError(missing: readonly string[]): ValidationError {
  return new ValidationError(
    Object.fromEntries(missing.map((f) => [f, { key: `validation.practice_needed_${f}` }])),
    'practices.errors.incomplete',
  );
}
