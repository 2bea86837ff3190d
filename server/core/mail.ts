// Outgoing e-mail. Every message is written to the `outbox` table first; with SMTP_URL it is then
// handed to the SMTP server (nodemailer) and marked sent, or its error is recorded. Without
// SMTP_URL the outbox is the mailbox (development): an admin reads it at /admin/outbox.
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Database } from '../../models/db.ts';
import { outbox } from '../../models/schema.ts';
import type { Config } from '../config.ts';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra header lines, e.g. List-Unsubscribe for the newsletter (not kept in the outbox table). */
  headers?: Record<string, string>;
};

export interface Mailer {
  /** Records and sends one message. SMTP failures are recorded and logged, never thrown. */
  send(message: MailMessage): Promise<void>;
}

type Transport = { sendMail(message: MailMessage & { from: string }): Promise<unknown> };

export function createMailer(config: Config, database: Database, log: Logger, transport?: Transport): Mailer {
  const smtp: Transport | undefined =
    transport ?? (config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined);

  return {
    async send(message) {
      const [row] = await database.db
        .insert(outbox)
        .values({
          toAddress: message.to,
          subject: message.subject,
          textBody: message.text,
          htmlBody: message.html ?? null,
        })
        .returning({ id: outbox.id });
      if (!smtp) return;
      try {
        await smtp.sendMail({ from: config.mailFrom, ...message });
        await database.db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, row!.id));
      } catch (err) {
        log.error({ err, outboxId: row!.id }, 'mail not sent');
        const error = err instanceof Error ? err.message : String(err);
        await database.db
          .update(outbox)
          .set({ error: error.slice(0, 1000) })
          .where(eq(outbox.id, row!.id));
      }
    },
  };
}
