// The words of notification e-mails, in the recipient's language, with absolute links.
import type { Config } from '../../config.ts';
import { isLang, translator } from '../../core/i18n.ts';
import type { MailMessage } from '../../core/mail.ts';
import { notificationView, type NotificationFacts } from './notifications.view.ts';

type Addressee = { name: string; email: string; locale: string };

const tFor = (locale: string) => translator(isLang(locale) ? locale : 'it');

function footer(config: Config, t: ReturnType<typeof tFor>): string {
  return `--\n${t('notifications.email.footer', { url: `${config.publicUrl}/notifiche#preferenze` })}`;
}

/** One notification, sent as it happens (people who chose "immediately"). */
export function immediateMail(config: Config, to: Addressee, facts: NotificationFacts): MailMessage {
  const t = tFor(to.locale);
  const view = notificationView(facts, t);
  const lines = [
    t('notifications.email.greeting', { name: to.name }),
    '',
    `${view.text}.`,
    ...(view.excerpt ? ['', `«${view.excerpt}»`] : []),
    '',
    t('notifications.email.open', { url: `${config.publicUrl}${view.url}` }),
    '',
    footer(config, t),
  ];
  return { to: to.email, subject: t('notifications.email.subject', { text: view.text }), text: lines.join('\n') };
}

/** The day's notifications in one message (people who chose the daily digest). */
export function digestMail(
  config: Config,
  to: Addressee,
  items: NotificationFacts[],
  total: number,
  periodStart: string,
): MailMessage {
  const t = tFor(to.locale);
  const day = new Intl.DateTimeFormat(to.locale === 'en' ? 'en-GB' : 'it-IT', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${periodStart}T00:00:00Z`));
  const lines = [
    t('notifications.email.greeting', { name: to.name }),
    '',
    t('notifications.email.digest_intro', { count: total, day }),
    '',
  ];
  for (const item of items) {
    const view = notificationView(item, t);
    lines.push(`- ${view.text}`, `  ${config.publicUrl}${view.url}`);
  }
  if (total > items.length) lines.push('', t('notifications.email.digest_more', { count: total - items.length }));
  lines.push('', t('notifications.email.open_all', { url: `${config.publicUrl}/notifiche` }), '', footer(config, t));
  return {
    to: to.email,
    subject: t('notifications.email.digest_subject', { count: total, day }),
    text: lines.join('\n'),
  };
}
