// Who prepares and sends the Notiziario: the people who write the channel (editors, animators, admins).
import type { Actor } from '../../core/deps.ts';

const WRITERS: readonly string[] = ['editor', 'animator', 'admin'];

export const canManageNewsletter = (actor: Actor): boolean => Boolean(actor && WRITERS.includes(actor.role));

/** Sent issues are public (the archive); drafts only to the people who prepare them. */
export const canReadIssue = (actor: Actor, issue: { status: string }): boolean =>
  issue.status === 'sent' || canManageNewsletter(actor);

export const canEditIssue = (actor: Actor, issue: { status: string }): boolean =>
  issue.status === 'draft' && canManageNewsletter(actor);
