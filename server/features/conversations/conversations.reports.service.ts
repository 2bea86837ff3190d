// Reports of private messages. A participant reports one message; administrators see that message
// (its text, author and date) and nothing else of the conversation, and decide: dismiss the report,
// or remove the message's text. Administrators are told of each new report (message.reported).
import * as m from '../../../models/queries/conversation-messages.ts';
import * as mod from '../../../models/queries/message-moderation.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { NOT_FOUND, participation } from './conversations.access.ts';
import { canReportMessage, canReviewReports } from './conversations.policy.ts';
import { listQuerySchema, reportSchema } from './conversations.schema.ts';

export const REPORTS_PER_PAGE = 20;

/** A message of a conversation the actor is in (404 for anything else, like the conversation itself). */
export async function messageToReport(deps: Deps, actor: Actor, conversationId: number, messageId: number) {
  const db = deps.database.db;
  const { actor: reporter, conversation } = await participation(db, actor, conversationId);
  const message = await m.findMessageRow(db, messageId);
  if (!message || message.conversationId !== conversationId) throw new NotFoundError(NOT_FOUND);
  if (!canReportMessage(reporter, message)) throw new ForbiddenError('conversations.errors.cannot_report');
  return { conversation, message, reporter };
}

/** Reports a message with a reason; a second report of the same message by the same person is a 409. */
export async function reportMessage(
  deps: Deps,
  actor: Actor,
  conversationId: number,
  messageId: number,
  input: unknown,
): Promise<void> {
  const { reason } = parseInput(reportSchema, input);
  const { reporter, message } = await messageToReport(deps, actor, conversationId, messageId);
  await deps.database.db.transaction(async (tx) => {
    const reportId = await mod.insertReport(tx, { messageId: message.id, reporterId: reporter.id, reason });
    if (!reportId) throw new ConflictError('conversations.errors.already_reported');
    await deps.bus.record(tx, 'message.reported', { messageId: message.id, reportId, reporterId: reporter.id });
  });
}

/** The open reports, each with its message alone (administrators). */
export async function reportQueue(deps: Deps, actor: Actor, input: unknown) {
  assertCan(actor, canReviewReports(actor));
  const { page } = parseInput(listQuerySchema, input);
  const rows = await mod.listOpenReports(deps.database.db, {
    limit: REPORTS_PER_PAGE,
    offset: (page - 1) * REPORTS_PER_PAGE,
  });
  const total = rows[0]?.total ?? 0;
  return { rows, page, pages: Math.max(1, Math.ceil(total / REPORTS_PER_PAGE)), total };
}

/** How many reports wait for a decision (the administration's overview). */
export async function openReportCount(deps: Deps, actor: Actor): Promise<number> {
  assertCan(actor, canReviewReports(actor));
  return mod.countOpenReports(deps.database.db);
}

/** An administrator's decision on a report: dismiss it, or remove the message's text (closing its other reports too). */
export async function resolveReport(
  deps: Deps,
  actor: Actor,
  reportId: number,
  action: 'dismiss' | 'remove',
): Promise<void> {
  assertCan(actor, canReviewReports(actor));
  await deps.database.db.transaction(async (tx) => {
    const report = await mod.openReport(tx, reportId);
    if (!report) throw new NotFoundError();
    if (action === 'remove') await m.removeMessage(tx, report.messageId, new Date());
    await mod.resolveReports(tx, report.messageId, actor.id, action === 'remove' ? 'removed' : 'dismissed');
  });
}
