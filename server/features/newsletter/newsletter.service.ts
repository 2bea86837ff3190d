// The Notiziario: editors draft an issue for a period (assembled from the period's content), preview
// it, and send it; the sending is recorded with the issue in one transaction, and the e-mails go
// out after commit (newsletter.mail.ts), one per subscriber, resumable. Sent issues form the archive.
import * as q from '../../../models/queries/newsletter.ts';
import { updateUser } from '../../../models/queries/users.ts';
import type { NewsletterIssue } from '../../../models/schema.ts';
import type { Config } from '../../config.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  isUniqueViolation,
  NotFoundError,
  ValidationError,
} from '../../core/errors.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { sign, verifySignature } from '../../core/signing.ts';
import { fromItalianWallTime, italianDay } from '../../core/time.ts';
import { parseInput } from '../../core/validation.ts';
import { canEditIssue, canManageNewsletter, canReadIssue } from './newsletter.policy.ts';
import { issueSchema, unsubscribeSchema, type IssueInput } from './newsletter.schema.ts';
import { assembleSections, type Period } from './newsletter.sources.ts';

export const ISSUES_PER_PAGE = 12;
const DAY = 86_400_000;

/** The instants a period of Italian calendar days covers: [first day 00:00, day after the last 00:00). */
export function periodOf(start: string, end: string): Period {
  const wall = (d: string) => {
    const [year, month, day] = d.split('-').map(Number) as [number, number, number];
    return fromItalianWallTime({ year, month, day, hour: 0, minute: 0, second: 0 })!;
  };
  // The day after the last, counted on the calendar (a day is 23 or 25 hours when summer time changes).
  const after = new Date(Date.parse(`${end}T12:00:00Z`) + DAY).toISOString().slice(0, 10);
  return { from: wall(start), to: wall(after) };
}

function requireManager(actor: Actor): asserts actor is NonNullable<Actor> {
  if (!canManageNewsletter(actor)) throw new ForbiddenError('newsletter.forbidden');
}

/** The archive: sent issues (and drafts for the people who prepare them), newest first. */
export async function listIssues(deps: Deps, actor: Actor, page: number) {
  const manager = canManageNewsletter(actor);
  const { rows, total } = await q.listIssues(deps.database.db, {
    includeDrafts: manager,
    limit: ISSUES_PER_PAGE,
    offset: (page - 1) * ISSUES_PER_PAGE,
  });
  return {
    issues: rows,
    total,
    pages: Math.max(1, Math.ceil(total / ISSUES_PER_PAGE)),
    canManage: manager,
    subscribers: manager ? await q.countSubscribers(deps.database.db) : undefined,
  };
}

/** One issue as its page shows it; drafts only to the people who prepare them (404 for others). */
export async function readIssue(deps: Deps, actor: Actor, number: number) {
  const issue = await q.findIssueByNumber(deps.database.db, number);
  if (!issue || !canReadIssue(actor, issue)) throw new NotFoundError('newsletter.not_found');
  const manager = canManageNewsletter(actor);
  return {
    issue,
    canEdit: canEditIssue(actor, issue),
    subscribers: manager && issue.status === 'draft' ? await q.countSubscribers(deps.database.db) : undefined,
    delivered: manager && issue.status === 'sent' ? await q.countDelivered(deps.database.db, issue.id) : undefined,
  };
}

/** A draft as its edit form starts from it (those who prepare issues; a sent issue no longer changes). */
export async function draftForEditing(deps: Deps, actor: Actor, number: number): Promise<NewsletterIssue> {
  requireManager(actor);
  const issue = await q.findIssueByNumber(deps.database.db, number);
  if (!issue) throw new NotFoundError('newsletter.not_found');
  if (!canEditIssue(actor, issue)) throw new ConflictError('newsletter.already_sent');
  return issue;
}

/** What the "new issue" form starts from: the days since the last issue's period, up to today. */
export async function draftDefaults(deps: Deps, actor: Actor, now = new Date()) {
  requireManager(actor);
  const last = await q.lastPeriodEnd(deps.database.db);
  const today = italianDay(now);
  const next = last
    ? italianDay(new Date(Date.parse(`${last}T12:00:00Z`) + DAY))
    : italianDay(new Date(now.getTime() - 30 * DAY));
  return { periodStart: next <= today ? next : today, periodEnd: today };
}

async function issueValues(deps: Deps, input: IssueInput) {
  const content = await assembleSections(deps, periodOf(input.periodStart, input.periodEnd));
  return { ...input, introHtml: renderMarkdown(input.intro), content };
}

/** A new draft, assembled from the period's content. Numbers follow on (a concurrent draft retries). */
export async function createIssue(deps: Deps, actor: Actor, input: unknown): Promise<NewsletterIssue> {
  requireManager(actor);
  const values = await issueValues(deps, parseInput(issueSchema, input));
  for (let attempt = 0; ; attempt++) {
    try {
      return await q.insertIssue(deps.database.db, { ...values, createdBy: actor.id });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

/** Changes a draft (and assembles it again, so the preview shows the period's content as it is now). */
export async function editIssue(deps: Deps, actor: Actor, number: number, input: unknown): Promise<NewsletterIssue> {
  requireManager(actor);
  const data = parseInput(issueSchema, input);
  const values = await issueValues(deps, data);
  return deps.database.db.transaction(async (tx) => {
    const issue = await q.findIssueByNumber(tx, number, { forUpdate: true });
    if (!issue) throw new NotFoundError('newsletter.not_found');
    if (!canEditIssue(actor, issue)) throw new ConflictError('newsletter.already_sent');
    return q.updateIssue(tx, issue.id, values);
  });
}

export async function deleteDraft(deps: Deps, actor: Actor, number: number): Promise<void> {
  requireManager(actor);
  await deps.database.db.transaction(async (tx) => {
    const issue = await q.findIssueByNumber(tx, number, { forUpdate: true });
    if (!issue) throw new NotFoundError('newsletter.not_found');
    if (!canEditIssue(actor, issue)) throw new ConflictError('newsletter.already_sent');
    await q.deleteIssue(tx, issue.id);
  });
}

/**
 * Sends a draft: in one transaction it becomes "sent", gets one delivery row per current subscriber
 * and records `newsletter.sent`; the mails go out after the commit. Sending twice is refused (409).
 * The period's content is gathered again first: if it changed since the preview (an article
 * withdrawn, an event made private or cancelled, something new), the draft takes the fresh content
 * and is not sent (`sent: false`), so what goes out is always what the editor last saw.
 */
export async function sendIssue(
  deps: Deps,
  actor: Actor,
  number: number,
): Promise<{ issue: NewsletterIssue; sent: boolean }> {
  requireManager(actor);
  const current = await q.findIssueByNumber(deps.database.db, number);
  if (!current) throw new NotFoundError('newsletter.not_found');
  const fresh = await assembleSections(deps, periodOf(current.periodStart, current.periodEnd));
  return deps.database.db.transaction(async (tx) => {
    const issue = await q.findIssueByNumber(tx, number, { forUpdate: true });
    if (!issue) throw new NotFoundError('newsletter.not_found');
    if (!canEditIssue(actor, issue)) throw new ConflictError('newsletter.already_sent');
    if (canonical(fresh) !== canonical(issue.content))
      return { issue: await q.updateIssue(tx, issue.id, { content: fresh }), sent: false };
    if (!issue.content.length && !issue.intro.trim()) throw new AppError(400, 'empty_issue', 'newsletter.empty');
    const recipients = await q.insertDeliveries(tx, issue.id);
    const sent = await q.updateIssue(tx, issue.id, {
      status: 'sent',
      sentAt: new Date(),
      sentBy: actor.id,
      recipients,
    });
    await deps.bus.record(tx, 'newsletter.sent', {
      actorId: actor.id,
      objectId: issue.id,
      title: issue.title,
      url: `/notiziario/${issue.number}`,
    });
    return { issue: sent, sent: true };
  });
}

/** JSON with keys in one order (jsonb gives them back in its own), so equal content compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const UNSUBSCRIBE = 'newsletter-unsubscribe';

/** The signature of a person's unsubscribe link: it proves the link came from one of our e-mails. */
export function unsubscribeToken(config: Config, userId: number): string {
  return sign(config.sessionSecret, UNSUBSCRIBE, String(userId));
}

export const unsubscribePath = (config: Config, userId: number): string =>
  `/notiziario/disiscrizione?u=${userId}&t=${unsubscribeToken(config, userId)}`;

/** The person a signed unsubscribe link names, or a refusal when the signature does not match. */
export function checkUnsubscribeLink(deps: Deps, input: unknown): { u: number; t: string } {
  const { u, t } = parseInput(unsubscribeSchema, input);
  if (!verifySignature(deps.config.sessionSecret, UNSUBSCRIBE, String(u), t))
    throw new ValidationError({ t: { key: 'validation.newsletter.bad_link' } }, 'newsletter.bad_link');
  return { u, t };
}

/** The signed link's confirmation (or the mail client's one-click POST): the subscription goes off. */
export async function unsubscribe(deps: Deps, input: unknown): Promise<void> {
  const { u } = checkUnsubscribeLink(deps, input);
  await updateUser(deps.database.db, u, { newsletter: false });
}
