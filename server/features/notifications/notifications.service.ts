// The notification centre's use cases: list, count, open, mark read, e-mail preference; and the
// administrators' view of the mail outbox.
import type { TFunction } from 'i18next';
import {
  countUnreadVisible,
  listVisibleNotifications,
  markRead,
  unreadVisibleQuery,
} from '../../../models/queries/notifications.ts';
import { listOutbox } from '../../../models/queries/outbox.ts';
import { findUserById, updateUser } from '../../../models/queries/users.ts';
import type { EmailFrequency } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import type { HeaderCount } from '../../core/header-counts.ts';
import { NotFoundError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { canReadOutbox } from './notifications.policy.ts';
import { listQuerySchema, markReadSchema, outboxQuerySchema, settingsSchema } from './notifications.schema.ts';
import { notificationView } from './notifications.view.ts';

export const NOTIFICATIONS_PER_PAGE = 20;
export const OUTBOX_PER_PAGE = 50;

const pagesOf = (total: number, per: number) => Math.max(1, Math.ceil(total / per));

/** A page of the actor's notifications, newest first, with the unread count. */
export async function listNotifications(deps: Deps, actor: Actor, input: unknown, t: TFunction) {
  assertCan(actor, true);
  const query = parseInput(listQuerySchema, input);
  const db = deps.database.db;
  const [rows, unread] = await Promise.all([
    listVisibleNotifications(
      db,
      actor.id,
      { unreadOnly: query.unread },
      {
        limit: NOTIFICATIONS_PER_PAGE,
        offset: (query.page - 1) * NOTIFICATIONS_PER_PAGE,
      },
    ),
    countUnreadVisible(db, actor.id),
  ]);
  const total = rows[0]?.total ?? 0;
  return {
    query,
    items: rows.map((r) => notificationView(r, t)),
    total,
    unread,
    pages: pagesOf(total, NOTIFICATIONS_PER_PAGE),
  };
}

/** Unread notifications the person may still see (the header's badge). */
export function unreadCount(deps: Deps, userId: number): Promise<number> {
  return countUnreadVisible(deps.database.db, userId);
}

/** The same count as the header reads it, with the signed-in person (core/header-counts.ts). */
export const unreadHeaderCount: HeaderCount = (db, userId) => unreadVisibleQuery(db, userId);

/** Marks one of the actor's notifications read and returns where it leads; others' ids do not exist. */
export async function openNotification(deps: Deps, actor: Actor, id: number, t: TFunction): Promise<string> {
  assertCan(actor, true);
  const [row] = await listVisibleNotifications(deps.database.db, actor.id, { ids: [id] }, { limit: 1 });
  if (!row) throw new NotFoundError();
  await markRead(deps.database.db, actor.id, [id]);
  return notificationView(row, t).url;
}

/** Marks the given notifications (or all of them) read; returns the unread count left. */
export async function markNotificationsRead(
  deps: Deps,
  actor: Actor,
  input: unknown,
): Promise<{ changed: number; unread: number }> {
  assertCan(actor, true);
  const { ids } = parseInput(markReadSchema, input);
  const changed = await markRead(deps.database.db, actor.id, ids);
  return { changed, unread: await countUnreadVisible(deps.database.db, actor.id) };
}

export type MailSettings = { emailFrequency: EmailFrequency; newsletter: boolean; messageEmails: boolean };

export async function mailSettingsOf(deps: Deps, actor: Actor): Promise<MailSettings> {
  assertCan(actor, true);
  const user = await findUserById(deps.database.db, actor.id);
  if (!user) throw new NotFoundError();
  return { emailFrequency: user.emailFrequency, newsletter: user.newsletter, messageEmails: user.messageEmails };
}

/**
 * Sets what the actor wants by e-mail: notifications immediately, in a daily digest or never, and
 * whether the Notiziario (newsletter) comes too, and e-mails about private messages. A setting left
 * out stays as it is.
 */
export async function setMailSettings(deps: Deps, actor: Actor, input: unknown): Promise<MailSettings> {
  assertCan(actor, true);
  const { emailFrequency, newsletter, messageEmails } = parseInput(settingsSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const user = await updateUser(tx, actor.id, {
      ...(emailFrequency ? { emailFrequency } : {}),
      ...(newsletter !== undefined ? { newsletter } : {}),
      ...(messageEmails !== undefined ? { messageEmails } : {}),
    });
    if (!user) throw new NotFoundError();
    await deps.bus.record(tx, 'user.updated', { userId: actor.id });
    return { emailFrequency: user.emailFrequency, newsletter: user.newsletter, messageEmails: user.messageEmails };
  });
}

/** The mail outbox, newest first (administrators). */
export async function outboxPage(deps: Deps, actor: Actor, input: unknown) {
  assertCan(actor, canReadOutbox(actor));
  const { page } = parseInput(outboxQuerySchema, input);
  const rows = await listOutbox(deps.database.db, { limit: OUTBOX_PER_PAGE, offset: (page - 1) * OUTBOX_PER_PAGE });
  const total = rows[0]?.total ?? 0;
  return { page, mails: rows, total, pages: pagesOf(total, OUTBOX_PER_PAGE) };
}
