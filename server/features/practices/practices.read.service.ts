// Reading good practices: the record with its owners, files, kit and published protocol, the
// lifecycle log for the people involved, "my practices", the validators' queue, the published
// versions and the difference between two of them. Only published and archived practices leave
// here for people other than their authors, validators and admins.
import * as q from '../../../models/queries/practices.ts';
import * as versionQueries from '../../../models/queries/practice-versions.ts';
import { attachmentsOfPractice } from '../../../models/queries/practices-files.ts';
import * as protocol from '../../../models/queries/practices-protocol.ts';
import type { ValidationCriterion } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { toAttachmentView } from '../attachments/attachments.service.ts';
import { competenceTitles } from '../competences/competences.service.ts';
import {
  canArchivePractice,
  canNameOrganization,
  canPublishPractice,
  canSeePracticeLog,
  canSeeProtocol,
  canSeeQueue,
  canStartFrom,
  canSubmitPractice,
  canValidatePractice,
  canWritePractice,
  EDITABLE_STATUSES,
  isValidator,
  PUBLIC_STATUSES,
  type Standing,
} from './practices.policy.ts';
import { missingForPublication } from './practices.rules.ts';
import { readablePractice, type LoadedPractice } from './practices.service.ts';
import { computeVersionDiff, diffForReader, type PracticeSnapshot } from './practices.versions.ts';

export type CriterionScore = {
  key: string;
  labelIt: string;
  labelEn: string;
  score: number | null;
  note: string;
};

/**
 * The published protocol: every active criterion (scored or not) and any scored one retired since,
 * and the version it judged (null before publication). Changes published since do not carry it:
 * `current` tells whether the practice still reads as validated.
 */
async function protocolOf(deps: Deps, practice: Pick<q.PracticeRow, 'id' | 'version'>) {
  const db = deps.database.db;
  const practiceId = practice.id;
  const validation = await protocol.latestValidation(db, practiceId, 'validated');
  if (!validation) return null;
  const version = (await versionQueries.firstVersionSince(db, practiceId, validation.createdAt)) ?? null;
  const [active, all, scores] = [
    await protocol.listCriteria(db),
    await protocol.listCriteria(db, { all: true }),
    await protocol.scoresOf(db, [validation.id]),
  ];
  const shown: ValidationCriterion[] = [
    ...active,
    ...all.filter((c) => !c.active && scores.some((s) => s.criterionKey === c.key)),
  ];
  const rows: CriterionScore[] = shown.map((c) => {
    const s = scores.find((x) => x.criterionKey === c.key);
    return { key: c.key, labelIt: c.labelIt, labelEn: c.labelEn, score: s?.score ?? null, note: s?.note ?? '' };
  });
  return { validation, scores: rows, version, current: version === null || version === practice.version };
}

/** What the actor may do with the practice now (buttons and links on its page). */
function abilities(actor: Actor, loaded: LoadedPractice) {
  const { practice: p, subject, standing } = loaded;
  const write = canWritePractice(actor, subject);
  const validator = canValidatePractice(actor, subject, standing);
  return {
    edit: write && EDITABLE_STATUSES.includes(p.status),
    submit: canSubmitPractice(actor, subject) && canStartFrom('submit', p.status),
    validate: validator && (canStartFrom('validate', p.status) || canStartFrom('return', p.status)),
    publish: canPublishPractice(actor, subject, standing) && canStartFrom('publish', p.status),
    archive: canArchivePractice(actor, subject) && canStartFrom('archive', p.status),
    log: canSeePracticeLog(actor, subject, standing),
    versions: p.version > 0,
  };
}

/** One practice as the actor may see it, with everything its page and the API show; otherwise 404. */
export async function readPractice(deps: Deps, actor: Actor, slug: string) {
  const loaded = await readablePractice(deps, actor, slug);
  const { practice: p, subject, standing } = loaded;
  const db = deps.database.db;
  const can = abilities(actor, loaded);
  const [coOwners, coAuthors, files, contact, published, log] = [
    await q.coOwnersOf(db, p.id),
    await q.coAuthorsOf(db, p.id),
    (await attachmentsOfPractice(db, p.id)).map(toAttachmentView),
    p.contactUserId ? await q.userById(db, p.contactUserId) : undefined,
    canSeeProtocol(actor, subject, standing) ? await protocolOf(deps, p) : null,
    can.log ? await q.transitionsOf(db, p.id) : [],
  ];
  const competences = await competenceTitles(deps, p.competenceCodes);
  // The protocol shows once validated; a return's comments show to the people who must act on them.
  const protocolShown = published && p.status !== 'draft' && p.status !== 'submitted' ? published : null;
  const lastReturn =
    can.log && p.status === 'draft' ? await protocol.latestValidation(db, p.id, 'returned') : undefined;
  return {
    practice: p,
    coOwners,
    coAuthors,
    contact: contact ?? null,
    files,
    kit: p.kit.map((k) => ({
      ...k,
      file: k.attachmentId ? (files.find((f) => f.id === k.attachmentId) ?? null) : null,
    })),
    protocol: protocolShown,
    returned: lastReturn && log.at(-1)?.toStatus === 'draft' ? lastReturn : null,
    log,
    missing: can.log && !PUBLIC_STATUSES.includes(p.status) ? missingForPublication(p) : [],
    competences,
    can,
  };
}
export type PracticePage = Awaited<ReturnType<typeof readPractice>>;

/** A practice's files as its edit form lists them. */
export async function practiceAttachmentViews(deps: Deps, practiceId: number) {
  return (await attachmentsOfPractice(deps.database.db, practiceId)).map(toAttachmentView);
}

/** The practices a person created or co-authors, drafts first by last change. */
export async function myPractices(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  return q.practicesOfAuthor(deps.database.db, actor.id);
}

async function standingOf(deps: Deps, actor: Express.User): Promise<Standing> {
  return { appointed: await protocol.isAppointedValidator(deps.database.db, actor.id) };
}

/** The validators' queue: practices submitted (to validate) and validated (to publish). */
export async function reviewQueue(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  if (!canSeeQueue(actor, await standingOf(deps, actor))) throw new ForbiddenError('practices.errors.not_validator');
  const rows = await q.practicesInReview(deps.database.db);
  return {
    toValidate: rows.filter((r) => r.status === 'submitted'),
    toPublish: rows.filter((r) => r.status === 'validated'),
  };
}

/** The protocol form: the practice (in review, not written by the validator) and the active criteria. */
export async function validationForm(deps: Deps, actor: Actor, slug: string) {
  if (!actor) throw new UnauthorizedError();
  if (!isValidator(actor, await standingOf(deps, actor))) throw new ForbiddenError('practices.errors.not_validator');
  const loaded = await readablePractice(deps, actor, slug);
  if (!canValidatePractice(actor, loaded.subject, loaded.standing))
    throw new ForbiddenError('practices.errors.own_practice');
  const canValidate = canStartFrom('validate', loaded.practice.status);
  const canReturn = canStartFrom('return', loaded.practice.status);
  if (!canValidate && !canReturn) throw new ConflictError(`practices.errors.cannot_validate_${loaded.practice.status}`);
  return {
    practice: loaded.practice,
    criteria: await protocol.listCriteria(deps.database.db),
    missing: missingForPublication(loaded.practice),
    canValidate,
    canReturn,
  };
}

/**
 * The form's administrations: those a writer may name as lead (their own, or every one for
 * animators and admins, and the current lead when editing) and every one as co-owner.
 */
export async function organizationChoices(deps: Deps, actor: Actor, current?: number) {
  const all = await q.allOrganizations(deps.database.db);
  return { lead: all.filter((o) => o.id === current || canNameOrganization(actor, o.id)), all };
}

/** A practice's published versions, newest first (none before its first publication). */
export async function practiceVersions(deps: Deps, actor: Actor, slug: string) {
  const { practice } = await readablePractice(deps, actor, slug);
  return { practice, versions: await versionQueries.versionsOf(deps.database.db, practice.id) };
}

/**
 * Version `n` as it was published, and what changed from the version before it: the diff stored
 * with the version (a version written before diffs were stored gets its own now, once, within the
 * same budget), never recomputed on a view.
 */
export async function practiceVersion(deps: Deps, actor: Actor, slug: string, n: number, lang: string) {
  const { practice } = await readablePractice(deps, actor, slug);
  const db = deps.database.db;
  const found = await versionQueries.versionWithPrevious(db, practice.id, n);
  if (!found) throw new NotFoundError();
  const current = found.current.snapshot as PracticeSnapshot;
  let diff = found.current.diff;
  if (!diff) {
    diff = computeVersionDiff(found.previous?.snapshot as PracticeSnapshot | undefined, current);
    await versionQueries.storeVersionDiff(db, practice.id, n, diff);
  }
  const shown = diffForReader(diff, lang);
  return {
    practice,
    version: { ...found.current, snapshot: current },
    descriptionHtml: renderDocument(current.description),
    previousVersion: found.previous ? found.previous.version : null,
    latest: n === practice.version,
    tooLarge: shown.tooLarge,
    changes: shown.tooLarge ? [] : shown.changes,
  };
}
