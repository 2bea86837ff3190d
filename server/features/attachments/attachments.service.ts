// Attachments: upload (checked by content), link to a post, list per post. (Being completed.)
import type { DbOrTx } from '../../../models/db.ts';

export type AttachmentView = { id: number; filename: string; mime: string; size: number; url: string; isImage: boolean };

/**
 * Links uploaded attachments to a post inside the post's transaction. Every id must be an
 * unattached upload of `uploaderId`; otherwise a ValidationError names the `attachmentIds` field.
 */
export async function linkAttachments(_tx: DbOrTx, _attachmentIds: number[], _uploaderId: number, _postId: number): Promise<void> {}

/** Attachments of the given posts, grouped by post id. */
export async function attachmentsByPost(_db: DbOrTx, _postIds: number[]): Promise<Map<number, AttachmentView[]>> {
  return new Map();
}
