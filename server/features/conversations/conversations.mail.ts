// E-mail about private messages, per each person's choice (/notifiche#preferenze, "messaggi
// privati"): one e-mail per run of unread messages in a conversation, none for a muted one. The
// e-mail names the writer and links to the conversation; it never carries the subject or the text,
// because every e-mail is kept in the outbox that administrators can read (/admin/outbox).
import { claimMessageMail, findMessageRow, type MailRecipient } from '../../../models/queries/conversation-messages.ts';
import type { Config } from '../../config.ts';
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { isLang, translator } from '../../core/i18n.ts';
import type { MailMessage } from '../../core/mail.ts';
import { conversationPath } from './conversations.view.ts';

export function messageMail(
  config: Config,
  to: MailRecipient,
  m: { kind: 'text' | 'joined'; authorName: string; conversationId: number },
): MailMessage {
  const t = translator(isLang(to.locale) ? to.locale : 'it');
  const base = config.publicUrl.replace(/\/$/, '');
  const text = t(`conversations.email.${m.kind}`, { name: m.authorName });
  const lines = [
    t('notifications.email.greeting', { name: to.name }),
    '',
    `${text}.`,
    '',
    t('conversations.email.open', { url: `${base}${conversationPath(m.conversationId)}` }),
    '',
    `--\n${t('conversations.email.footer', { url: `${base}/notifiche#preferenze` })}`,
  ];
  return {
    to: to.email,
    subject: t(`conversations.email.subject_${m.kind}`, { name: m.authorName }),
    text: lines.join('\n'),
  };
}

/**
 * A new message: its recipients who are still in the conversation and want e-mail (a text message),
 * or the person just added ("joined"). Nobody else; a "left" message mails no one.
 */
export async function mailNewMessage(deps: Deps, event: DomainEvent<'message.sent'>): Promise<number> {
  const { conversationId, messageId, authorId, recipientIds } = event.payload;
  const db = deps.database.db;
  const message = await findMessageRow(db, messageId);
  if (!message || message.conversationId !== conversationId || message.removedAt) return 0;
  const kind = message.kind;
  if (kind === 'left') return 0;
  const targets = kind === 'joined' ? [message.data.userId ?? 0] : recipientIds;
  let sent = 0;
  for (const userId of targets) {
    if (!userId || userId === authorId) continue;
    const person = await claimMessageMail(db, conversationId, userId, messageId);
    if (!person) continue;
    await deps.mailer.send(
      messageMail(deps.config, person, { kind, authorName: message.authorName ?? '', conversationId }),
    );
    sent++;
  }
  return sent;
}
