// Learning and experience a person declares in their booklet (formal, non-formal, informal): what,
// where, from/to, hours, description, the repertory competences it shows, and evidence documents.
// Everything is checked before anything is stored: a refused form changes nothing and keeps no file.
import * as q from '../../../models/queries/booklet.ts';
import * as qe from '../../../models/queries/booklet-evidence.ts';
import { requestsCitingExperience } from '../../../models/queries/booklet-validations.ts';
import type { Tx } from '../../../models/db.ts';
import type { BookletExperience } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { checkUpload, uploadAttachment, type UploadedFile } from '../attachments/attachments.service.ts';
import { isLockedByRequests } from './booklet.policy.ts';
import { declaredExperiences, type DeclaredExperience } from './booklet.service.ts';
import { EVIDENCE_MIMES, experienceFields, MAX_EVIDENCE, type ExperienceInput } from './booklet.schema.ts';

export const EVIDENCE_RULES = { mimes: EVIDENCE_MIMES, key: 'validation.booklet_evidence_type' };

/** The repertory competences of these codes; an unknown code is a 400 naming the field and the codes. */
export async function resolveCompetences(
  deps: Deps,
  codes: string[],
  field = 'competences',
): Promise<q.CompetenceRef[]> {
  const found = await q.competencesByCodes(deps.database.db, codes);
  const unknown = codes.filter((c) => !found.some((f) => f.code === c));
  if (unknown.length)
    throw new ValidationError({
      [field]: { key: 'validation.booklet_competence_unknown', params: { codes: unknown.join(', ') } },
    });
  return found;
}

/**
 * Checks new evidence before anything is stored: at most MAX_EVIDENCE files with those kept, uploads
 * named by id must be the person's own documents, files must be documents (content, type and name).
 */
export async function checkEvidence(
  deps: Deps,
  actor: Express.User,
  ids: number[],
  files: UploadedFile[],
  kept: number,
) {
  if (kept + ids.length + files.length > MAX_EVIDENCE)
    throw new ValidationError({ files: { key: 'validation.booklet_too_many_files', params: { max: MAX_EVIDENCE } } });
  const mimes = await qe.ownUploadMimes(deps.database.db, ids, actor.id);
  if (ids.some((id) => !mimes.has(id)))
    throw new ValidationError({ attachmentIds: { key: 'validation.booklet_evidence_not_linkable' } });
  if (ids.some((id) => !(EVIDENCE_MIMES as readonly string[]).includes(mimes.get(id)!)))
    throw new ValidationError({ attachmentIds: { key: EVIDENCE_RULES.key } });
  for (const file of files) await checkUpload(deps, file, 'files', EVIDENCE_RULES);
}

/** Stores checked files as the person's uploads; their ids, to link in the transaction. */
export async function storeEvidence(deps: Deps, actor: Express.User, files: UploadedFile[]): Promise<number[]> {
  const ids: number[] = [];
  for (const file of files) ids.push((await uploadAttachment(deps, actor, file, 'files', EVIDENCE_RULES)).id);
  return ids;
}

/** Links evidence inside the caller's transaction, all or none. */
export async function linkEvidence(tx: Tx, experienceId: number, ids: number[], uploaderId: number): Promise<void> {
  const linked = await qe.linkEvidence(tx, experienceId, ids, uploaderId);
  if (linked !== ids.length)
    throw new ValidationError({ attachmentIds: { key: 'validation.booklet_evidence_not_linkable' } });
}

const columnsOf = (data: ExperienceInput) => ({
  kind: data.kind,
  title: data.title,
  place: data.place,
  startedOn: data.startedOn,
  endedOn: data.endedOn,
  hours: data.hours ?? null,
  description: data.description,
});

/**
 * Experiences one person may declare: far more than a working life needs, and a bound on what their
 * booklet's page and PDF have to lay out.
 */
export const MAX_EXPERIENCES = 200;

/** Declares an experience with its competences and evidence. */
export async function createExperience(deps: Deps, actor: Actor, input: unknown, files: UploadedFile[] = []) {
  if (!actor) throw new UnauthorizedError();
  const data = parseInput(experienceFields, input);
  const competences = await resolveCompetences(deps, data.competences);
  await checkEvidence(deps, actor, data.attachmentIds, files, 0);
  const full = () => new ConflictError('booklet.errors.too_many_experiences');
  if ((await q.countExperiences(deps.database.db, actor.id)) >= MAX_EXPERIENCES) throw full();
  const uploaded = await storeEvidence(deps, actor, files);
  const experience = await deps.database.db.transaction(async (tx) => {
    // Counted again under the person's lock: two declarations sent at once cannot pass the cap together.
    if ((await q.lockAndCountExperiences(tx, actor.id)) >= MAX_EXPERIENCES) throw full();
    const row = await q.insertExperience(tx, { ...columnsOf(data), userId: actor.id });
    await q.setExperienceCompetences(
      tx,
      row.id,
      competences.map((c) => c.id),
    );
    await linkEvidence(tx, row.id, [...data.attachmentIds, ...uploaded], actor.id);
    return row;
  });
  return experienceDetail(deps, experience);
}

/** One experience with its competences and evidence. */
async function experienceDetail(deps: Deps, experience: BookletExperience): Promise<DeclaredExperience> {
  return (await declaredExperiences(deps, [experience]))[0]!;
}

/** The actor's own experience (anyone else's is "not found": a booklet is private). */
export async function ownExperience(deps: Deps, actor: Actor, id: number): Promise<DeclaredExperience> {
  if (!actor) throw new UnauthorizedError();
  const row = await q.findExperience(deps.database.db, id);
  if (!row || row.userId !== actor.id) throw new NotFoundError('booklet.errors.experience_not_found');
  return experienceDetail(deps, row);
}

/** The stored experience as input: a change is checked together with what it does not touch. */
export const experienceAsInput = (e: DeclaredExperience) => ({
  kind: e.kind,
  title: e.title,
  place: e.place,
  startedOn: e.startedOn,
  endedOn: e.endedOn ?? undefined,
  hours: e.hours ?? undefined,
  description: e.description,
  competences: e.competences.map((c) => c.code),
});

/** Refuses (409) to change an experience that an open or validated request cites. */
export async function assertUnlocked(deps: Deps, id: number): Promise<void> {
  if (isLockedByRequests(await requestsCitingExperience(deps.database.db, id)))
    throw new ConflictError('booklet.errors.experience_locked');
}

/** Changes an experience (any fields; evidence added or removed), unless a request locks it. */
export async function updateExperience(
  deps: Deps,
  actor: Actor,
  id: number,
  input: unknown,
  files: UploadedFile[] = [],
) {
  const current = await ownExperience(deps, actor, id);
  await assertUnlocked(deps, id);
  const patch = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const data = parseInput(experienceFields, { ...experienceAsInput(current), ...stripUndefined(patch) });
  const competences = await resolveCompetences(deps, data.competences);
  const removing = data.removeEvidenceIds.filter((rid) => current.evidence.some((e) => e.id === rid));
  await checkEvidence(deps, actor!, data.attachmentIds, files, current.evidence.length - removing.length);
  const uploaded = await storeEvidence(deps, actor!, files);
  const row = await deps.database.db.transaction(async (tx) => {
    // Locked meanwhile (a request just cited it)? Then it stays as it is.
    await q.findExperience(tx, id, { lock: true });
    if (isLockedByRequests(await requestsCitingExperience(tx, id)))
      throw new ConflictError('booklet.errors.experience_locked');
    const updated = await q.updateExperience(tx, id, columnsOf(data));
    await q.setExperienceCompetences(
      tx,
      id,
      competences.map((c) => c.id),
    );
    await qe.unlinkEvidence(tx, id, removing);
    await linkEvidence(tx, id, [...data.attachmentIds, ...uploaded], actor!.id);
    return updated;
  });
  return experienceDetail(deps, row);
}

const stripUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Deletes an experience, unless a request locks it; its evidence files go with the uploads clean-up. */
export async function deleteExperience(deps: Deps, actor: Actor, id: number): Promise<void> {
  await ownExperience(deps, actor, id);
  await deps.database.db.transaction(async (tx) => {
    await q.findExperience(tx, id, { lock: true });
    if (isLockedByRequests(await requestsCitingExperience(tx, id)))
      throw new ConflictError('booklet.errors.experience_locked');
    await q.deleteExperience(tx, id);
  });
}

/** The repertory's competences for the experience form's choice, grouped by profile and area. */
export async function competenceOptions(deps: Deps) {
  const rows = await q.repertoryOptions(deps.database.db);
  const groups: { label: string; competences: { code: string; title: string }[] }[] = [];
  for (const r of rows) {
    const label = `${r.profile} – ${r.area}`;
    const group =
      groups.at(-1)?.label === label ? groups.at(-1)! : (groups.push({ label, competences: [] }), groups.at(-1)!);
    group.competences.push({ code: r.code, title: r.title });
  }
  return groups;
}
