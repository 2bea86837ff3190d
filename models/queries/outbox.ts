// The mail outbox, newest first (the mail module writes it; /admin/outbox reads it).
import { desc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { outbox } from '../schema.ts';

export async function listOutbox(db: DbOrTx, page: { limit: number; offset: number }) {
  return db
    .select({
      id: outbox.id,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      textBody: outbox.textBody,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      error: outbox.error,
      total: sql<number>`(count(*) OVER ())::int`,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(page.limit)
    .offset(page.offset);
}
