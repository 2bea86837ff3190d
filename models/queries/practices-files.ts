// Queries on a practice's files (documents and the kit's manuals, questionnaires…): an upload
// belongs to one post, article or practice, and a practice's files are read by its read rule.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { lockLinkableUploads } from './attachments.ts';
import { attachments, practiceAttachments, practices, type Attachment } from '../schema.ts';

export async function attachmentsOfPractice(db: DbOrTx, practiceId: number): Promise<Attachment[]> {
  const rows = await db
    .select({ attachment: attachments })
    .from(practiceAttachments)
    .innerJoin(attachments, eq(attachments.id, practiceAttachments.attachmentId))
    .where(eq(practiceAttachments.practiceId, practiceId))
    .orderBy(asc(practiceAttachments.position), asc(attachments.id));
  return rows.map((r) => r.attachment);
}

/**
 * Links uploads to a practice: each must be an unlinked upload of `uploaderId`. Links all or none; returns how many it linked (fewer than asked: refuse).
 */
export async function linkPracticeAttachments(
  db: DbOrTx,
  practiceId: number,
  ids: number[],
  uploaderId: number,
  firstPosition: number,
): Promise<number> {
  if (!ids.length) return 0;
  const free = await lockLinkableUploads(db, ids, uploaderId);
  if (free !== ids.length) return free;
  const linked = await db
    .insert(practiceAttachments)
    .values(ids.map((attachmentId, i) => ({ attachmentId, practiceId, position: firstPosition + i })))
    .onConflictDoNothing()
    .returning({ id: practiceAttachments.attachmentId });
  return linked.length;
}

export async function unlinkPracticeAttachments(db: DbOrTx, practiceId: number, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db
    .delete(practiceAttachments)
    .where(and(eq(practiceAttachments.practiceId, practiceId), inArray(practiceAttachments.attachmentId, ids)));
}

/** The practice a file belongs to, with what deciding who reads it takes (its read rule). */
export async function practiceOfAttachment(db: DbOrTx, attachmentId: number) {
  const [row] = await db
    .select({ slug: practices.slug })
    .from(practiceAttachments)
    .innerJoin(practices, eq(practices.id, practiceAttachments.practiceId))
    .where(eq(practiceAttachments.attachmentId, attachmentId));
  return row;
}
