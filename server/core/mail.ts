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
  /**
   * Records several messages in one statement, then sends them a few at a time; resolves when all
   * are recorded and sent (or their failures recorded).
   */
  sendAll(messages: MailMessage[]): Promise<void>;
}

/** SMTP exchanges one sendAll runs at once. */
const SMTP_CONCURRENCY = 8;

type Transport = { sendMail(message: MailMessage & { from: string }): Promise<unknown> };

export function createMailer(config: Config, database: Database, log: Logger, transport?: Transport): Mailer {
  const smtp: Transport | undefined =
    transport ?? (config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined);

  /** Sends one recorded message over SMTP and notes the outcome on its row. */
  async function deliver(id: number, message: MailMessage): Promise<void> {
    if (!smtp) return;
    try {
      await smtp.sendMail({ from: config.mailFrom, ...message });
      await database.db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, id));
    } catch (err) {
      log.error({ err, outboxId: id }, 'mail not sent');
      const error = err instanceof Error ? err.message : String(err);
      await database.db
        .update(outbox)
        .set({ error: error.slice(0, 1000) })
        .where(eq(outbox.id, id));
    }
  }

  async function record(messages: MailMessage[]): Promise<number[]> {
    const rows = await database.db
      .insert(outbox)
      .values(
        messages.map((message) => ({
          toAddress: message.to,
          subject: message.subject,
          textBody: message.text,
          htmlBody: message.html ?? null,
        })),
      )
      .returning({ id: outbox.id });
    return rows.map((r) => r.id);
  }

  return {
    async send(message) {
      const [id] = await record([message]);
      await deliver(id!, message);
    },
    async sendAll(messages) {
      if (!messages.length) return;
      const ids = await record(messages);
      let next = 0;
      const worker = async () => {
        while (next < messages.length) {
          const i = next++;
          await deliver(ids[i]!, messages[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(SMTP_CONCURRENCY, messages.length) }, worker));
    },
  };
}
