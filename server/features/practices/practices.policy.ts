// Who may do what with a good practice, and which status each step starts from. Authors are the
// creator and the co-authors; validators are animators, admins and the people an admin appoints.
// Whoever ever wrote a practice (its creator, a co-author now or taken off since) never takes a
// step of its protocol.
// Published and archived practices are public; a draft is its authors' (and admins'); a practice
// in review (submitted, validated) is its authors', the validators' and the admins'. Everyone else
// is told "not found", on every path.
import type { Practice, PracticeStatus } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

/** What the rules look at: the status, the creator, the co-authors and those taken off the co-authors since. */
export type PracticeSubject = Pick<Practice, 'status' | 'createdBy'> & {
  coAuthorIds: readonly number[];
  formerCoAuthorIds: readonly number[];
};
/** Whether the actor was appointed validator by an admin (animators and admins validate anyway). */
export type Standing = { appointed: boolean };

const STAFF = ['animator', 'admin'] as const;
const isStaff = (actor: Actor): boolean => Boolean(actor && (STAFF as readonly string[]).includes(actor.role));
const isAdmin = (actor: Actor): boolean => actor?.role === 'admin';

export const PUBLIC_STATUSES: readonly PracticeStatus[] = ['published', 'archived'];
export const IN_REVIEW: readonly PracticeStatus[] = ['submitted', 'validated'];
/** Statuses in which the record's text may change (a published change becomes a new version). */
export const EDITABLE_STATUSES: readonly PracticeStatus[] = ['draft', 'published'];

/** The lifecycle's steps: the statuses each starts from, and where it leads. */
export const STEPS = {
  submit: { from: ['draft'], to: 'submitted' },
  validate: { from: ['submitted'], to: 'validated' },
  /** Sent back with comments: from review, or from a validated practice not yet published. */
  return: { from: ['submitted', 'validated'], to: 'draft' },
  publish: { from: ['validated'], to: 'published' },
  archive: { from: ['published'], to: 'archived' },
} as const satisfies Record<string, { from: readonly PracticeStatus[]; to: PracticeStatus }>;
export type Step = keyof typeof STEPS;

export const canStartFrom = (step: Step, status: PracticeStatus): boolean =>
  (STEPS[step].from as readonly PracticeStatus[]).includes(status);

/** Its authors now: the creator and the current co-authors (they read and write it). */
export const isPracticeAuthor = (actor: Actor, p: PracticeSubject): boolean =>
  Boolean(actor && (p.createdBy === actor.id || p.coAuthorIds.includes(actor.id)));

/**
 * Whoever ever wrote it: its authors now and the co-authors taken off since. Taking oneself off the
 * co-authors does not make one a stranger to the practice's protocol.
 */
export const hasWrittenPractice = (actor: Actor, p: PracticeSubject): boolean =>
  isPracticeAuthor(actor, p) || Boolean(actor && p.formerCoAuthorIds.includes(actor.id));

export const isValidator = (actor: Actor, s: Standing): boolean => isStaff(actor) || Boolean(actor && s.appointed);

/** Anyone signed in registers practices (for their own administration: see canNameOrganization). */
export const canCreatePractice = (actor: Actor): boolean => actor !== null;

/** The lead administration: one's own, or any for animators and admins. */
export const canNameOrganization = (actor: Actor, organizationId: number): boolean =>
  isStaff(actor) || Boolean(actor && actor.organizationId === organizationId);

/**
 * A further owner administration, newly named: one of the people who write the practice belongs to
 * it (its creator, a co-author), or the writer is an animator or admin. Nobody makes an
 * administration co-own a practice without one of its people on it.
 */
export const canNameCoOwner = (
  actor: Actor,
  organizationId: number,
  authorOrganizationIds: readonly number[],
): boolean => isStaff(actor) || authorOrganizationIds.includes(organizationId);

/**
 * The contact person, newly named: one of its authors, or someone of the lead or a co-owner
 * administration (whoever writes): a stranger is not made the practice's contact.
 */
export const canNameContact = (
  contact: { id: number; organizationId: number | null },
  authorIds: readonly number[],
  ownerOrganizationIds: readonly number[],
): boolean =>
  authorIds.includes(contact.id) ||
  (contact.organizationId !== null && ownerOrganizationIds.includes(contact.organizationId));

export function canReadPractice(actor: Actor, p: PracticeSubject, s: Standing): boolean {
  if (PUBLIC_STATUSES.includes(p.status)) return true;
  if (isPracticeAuthor(actor, p) || isAdmin(actor)) return true;
  return IN_REVIEW.includes(p.status) && isValidator(actor, s);
}

/** Writing the record (in an editable status): its authors and the admins. */
export const canWritePractice = (actor: Actor, p: PracticeSubject): boolean =>
  isPracticeAuthor(actor, p) || isAdmin(actor);

export const canSubmitPractice = canWritePractice;

/** The protocol: validators, never on a practice they wrote (or once co-wrote). */
export const canValidatePractice = (actor: Actor, p: PracticeSubject, s: Standing): boolean =>
  isValidator(actor, s) && !hasWrittenPractice(actor, p);

/**
 * Publishing a validated practice: validators (animators, admins, appointed ones) who never wrote
 * it. Someone else validated it; publishing is part of the protocol, so its authors do not.
 */
export const canPublishPractice = (actor: Actor, p: PracticeSubject, s: Standing): boolean =>
  isValidator(actor, s) && !hasWrittenPractice(actor, p);

/** Archiving a published practice: its authors, animators and admins. */
export const canArchivePractice = (actor: Actor, p: PracticeSubject): boolean =>
  isPracticeAuthor(actor, p) || isStaff(actor);

/** The lifecycle log and the last return's comments: authors, validators, admins (when they may read it). */
export const canSeePracticeLog = (actor: Actor, p: PracticeSubject, s: Standing): boolean =>
  isPracticeAuthor(actor, p) || isAdmin(actor) || isValidator(actor, s);

/** The protocol's outcome shows with the published practice, and to authors and validators before. */
export const canSeeProtocol = (actor: Actor, p: PracticeSubject, s: Standing): boolean =>
  PUBLIC_STATUSES.includes(p.status) || canSeePracticeLog(actor, p, s);

/** The validators' queue. */
export const canSeeQueue = (actor: Actor, s: Standing): boolean => isValidator(actor, s);

/** Configuring the protocol's criteria and appointing validators: admins. */
export const canConfigureProtocol = (actor: Actor): boolean => isAdmin(actor);
