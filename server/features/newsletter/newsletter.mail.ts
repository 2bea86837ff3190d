// Sending an issue after its `newsletter.sent` event: one e-mail per recipient row still unsent, in the
// recipient's language, with a signed one-click unsubscribe link (also as List-Unsubscribe headers,
// RFC 8058). Each recipient's row is claimed just before the mail is handed over, so a second delivery
// of the event (after a crash, or by another process once the lease ran out) sends only what is left
// and never twice; a crash between the claim and the hand-over costs that one person this issue.
import * as q from '../../../models/queries/newsletter.ts';
import type { NewsletterIssue } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { isLang, translator } from '../../core/i18n.ts';
import type { MailMessage } from '../../core/mail.ts';
import { escapeHtml } from '../../core/text.ts';
import { unsubscribePath, unsubscribeToken } from './newsletter.service.ts';

const BATCH = 200;

/** The issue as an e-mail to one person: plain text and simple HTML with the same content. */
export function issueMail(deps: Deps, issue: NewsletterIssue, to: q.Recipient): MailMessage {
  const t = translator(isLang(to.locale) ? to.locale : 'it');
  const base = deps.config.publicUrl;
  const leave = `${base}${unsubscribePath(deps.config, to.userId)}`;
  const oneClick = `${base}/api/v1/newsletter/unsubscribe?u=${to.userId}&t=${unsubscribeToken(deps.config, to.userId)}`;
  const text: string[] = [t('newsletter.email.greeting', { name: to.name }), '', issue.intro.trim(), ''];
  const html: string[] = [`<p>${escapeHtml(t('newsletter.email.greeting', { name: to.name }))}</p>`, issue.introHtml];
  for (const section of issue.content) {
    const heading = t(`newsletter.sections.${section.key}`);
    text.push(heading.toUpperCase(), '');
    html.push(`<h2>${escapeHtml(heading)}</h2><ul>`);
    for (const item of section.items) {
      const extra = [item.date, item.meta].filter(Boolean).join(' · ');
      text.push(
        `- ${item.title}${extra ? ` (${extra})` : ''}`,
        ...(item.summary ? [`  ${item.summary}`] : []),
        `  ${base}${item.url}`,
      );
      html.push(
        `<li><a href="${escapeHtml(base + item.url)}">${escapeHtml(item.title)}</a>${extra ? ` <small>(${escapeHtml(extra)})</small>` : ''}${item.summary ? `<br>${escapeHtml(item.summary)}` : ''}</li>`,
      );
    }
    if (section.total > section.items.length)
      text.push(`  ${t('newsletter.more', { count: section.total - section.items.length })}`);
    text.push('');
    html.push('</ul>');
  }
  const online = `${base}/notiziario/${issue.number}`;
  text.push(t('newsletter.email.online', { url: online }), '', '--', t('newsletter.email.footer', { url: leave }));
  html.push(
    `<p><a href="${escapeHtml(online)}">${escapeHtml(t('newsletter.email.online_link'))}</a></p>`,
    `<hr><p><small>${escapeHtml(t('newsletter.email.footer_html'))} <a href="${escapeHtml(leave)}">${escapeHtml(t('newsletter.email.unsubscribe'))}</a></small></p>`,
  );
  return {
    to: to.email,
    subject: issue.title,
    text: text.join('\n'),
    html: html.join('\n'),
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** Sends the issue to every recipient still waiting for it (people who left since are skipped). */
export async function deliverIssue(deps: Deps, event: DomainEvent<'newsletter.sent'>): Promise<number> {
  const db = deps.database.db;
  const issue = await q.findIssueById(db, event.payload.objectId);
  if (!issue || issue.status !== 'sent') return 0;
  let sent = 0;
  for (let after = 0; ;) {
    const batch = await q.unsentRecipients(db, issue.id, after, BATCH);
    if (!batch.length) return sent;
    for (const person of batch) {
      after = person.userId;
      if (!(await q.claimDelivery(db, issue.id, person.userId)) || !person.subscribed) continue;
      await deps.mailer.send(issueMail(deps, issue, person));
      sent++;
    }
  }
}
