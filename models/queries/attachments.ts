// What every owner of uploads shares: an upload belongs to at most one post, article, practice or
// booklet. Until something links it, it is an "unlinked upload" that only its uploader may link and
// the stale-upload clean-up removes; one predicate says so for every linker and for the clean-up.
import { and, eq, inArray, isNull, not, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { attachments } from '../schema.ts';

type AttachmentId = SQL | typeof attachments.id;

/** The SQL condition "this attachment row belongs to an article". */
export const linkedToArticle = (attachmentId: AttachmentId): SQL =>
  sql`EXISTS (SELECT 1 FROM article_attachments aa WHERE aa.attachment_id = ${attachmentId})`;

/** The SQL condition "this attachment row belongs to a practice". */
export const linkedToPractice = (attachmentId: AttachmentId): SQL =>
  sql`EXISTS (SELECT 1 FROM practice_attachments pa WHERE pa.attachment_id = ${attachmentId})`;

/** The SQL condition "this attachment row is evidence in a booklet". */
export const linkedToBooklet = (attachmentId: AttachmentId): SQL =>
  sql`EXISTS (SELECT 1 FROM booklet_evidence be WHERE be.attachment_id = ${attachmentId})`;

/** The SQL condition "this attachment row is a document of a twinning". */
export const linkedToTwinning = (attachmentId: AttachmentId): SQL =>
  sql`EXISTS (SELECT 1 FROM twinning_attachments ta WHERE ta.attachment_id = ${attachmentId})`;

/** The SQL condition "this attachment row belongs to nothing yet" (no post, article, practice, booklet or twinning). */
export function unlinkedUpload(): SQL {
  return and(
    isNull(attachments.postId),
    not(linkedToArticle(attachments.id)),
    not(linkedToPractice(attachments.id)),
    not(linkedToBooklet(attachments.id)),
    not(linkedToTwinning(attachments.id)),
  )!;
}

/** Among `ids`, the unlinked uploads of `uploaderId`: what that person may link to something. */
export function linkableUploads(ids: number[], uploaderId: number): SQL {
  return and(inArray(attachments.id, ids), eq(attachments.uploaderId, uploaderId), unlinkedUpload())!;
}

/**
 * Locks the unlinked uploads of `uploaderId` among `ids` for the linking transaction; returns how
 * many there are (fewer than asked: the link is refused, all or none).
 */
export async function lockLinkableUploads(db: DbOrTx, ids: number[], uploaderId: number): Promise<number> {
  const free = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(linkableUploads(ids, uploaderId))
    .for('update');
  return free.length;
}
