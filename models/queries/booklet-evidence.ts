// Queries on the evidence files of declared experiences (0016_booklet.sql): an upload belongs to one
// post, article, practice or booklet, and a booklet's files are read by the booklet's rule
// (server/features/booklet/booklet.evidence.service.ts).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { lockLinkableUploads } from './attachments.ts';
import { attachments, bookletEvidence, bookletExperiences, type Attachment } from '../schema.ts';

/** Evidence files of the given experiences, by experience id. */
export async function evidenceOf(db: DbOrTx, ids: number[]): Promise<Map<number, Attachment[]>> {
  const out = new Map<number, Attachment[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({ experienceId: bookletEvidence.experienceId, attachment: attachments })
    .from(bookletEvidence)
    .innerJoin(attachments, eq(attachments.id, bookletEvidence.attachmentId))
    .where(inArray(bookletEvidence.experienceId, ids))
    .orderBy(asc(attachments.id));
  for (const r of rows) out.set(r.experienceId, [...(out.get(r.experienceId) ?? []), r.attachment]);
  return out;
}

/**
 * Links uploads to an experience: each must be an upload of `uploaderId` that belongs to no post,
 * article, practice or booklet yet. Links all or none; returns how many it linked (fewer: refuse).
 */
export async function linkEvidence(
  db: DbOrTx,
  experienceId: number,
  ids: number[],
  uploaderId: number,
): Promise<number> {
  if (!ids.length) return 0;
  const free = await lockLinkableUploads(db, ids, uploaderId);
  if (free !== ids.length) return free;
  const linked = await db
    .insert(bookletEvidence)
    .values(ids.map((attachmentId) => ({ attachmentId, experienceId })))
    .onConflictDoNothing()
    .returning({ id: bookletEvidence.attachmentId });
  return linked.length;
}

/** The person's own uploads among `ids` with their mime types (to refuse evidence that is not a document). */
export async function ownUploadMimes(db: DbOrTx, ids: number[], uploaderId: number): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: attachments.id, mime: attachments.mime })
    .from(attachments)
    .where(and(inArray(attachments.id, ids), eq(attachments.uploaderId, uploaderId)));
  return new Map(rows.map((r) => [r.id, r.mime]));
}

/**
 * Takes files out of an experience's evidence: they become plain uploads again, read by their
 * uploader alone, and the attachments clean-up removes them (rows and files) in due course.
 */
export async function unlinkEvidence(db: DbOrTx, experienceId: number, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db
    .delete(bookletEvidence)
    .where(and(eq(bookletEvidence.experienceId, experienceId), inArray(bookletEvidence.attachmentId, ids)));
}

/** The experience an evidence file belongs to, with its owner (what the booklet's read rule needs). */
export async function experienceOfEvidence(db: DbOrTx, attachmentId: number) {
  const [row] = await db
    .select({ experienceId: bookletExperiences.id, userId: bookletExperiences.userId })
    .from(bookletEvidence)
    .innerJoin(bookletExperiences, eq(bookletExperiences.id, bookletEvidence.experienceId))
    .where(eq(bookletEvidence.attachmentId, attachmentId));
  return row;
}
