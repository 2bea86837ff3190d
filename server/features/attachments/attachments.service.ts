// Attachments: upload (checked by content), link to a post, list per post, download for those
// who may read the post (or the article: documents carry files too), and clean-up of uploads
// never linked.
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../models/db.ts';
import { articleOfAttachment } from '../../../models/queries/articles.ts';
import { linkableUploads, unlinkedUpload } from '../../../models/queries/attachments.ts';
import { practiceOfAttachment } from '../../../models/queries/practices-files.ts';
import { twinningOfAttachment } from '../../../models/queries/twinnings.ts';
import { attachments, groupMemberships, groups, posts, threads, type Attachment } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { megabytes } from '../../core/uploads.ts';
import { NotFoundError, UnauthorizedError, ValidationError, type FieldMessage } from '../../core/errors.ts';
import { detectAllowedType, displayName, INLINE_MIMES, type AllowedType } from './attachments.content.ts';
import { canReadArticle } from '../articles/articles.policy.ts';
import { readablePractice } from '../practices/practices.service.ts';
import { findReadable as findReadableTwinning } from '../twinnings/twinnings.service.ts';
import { canReadAttachment } from './attachments.policy.ts';
import { evidenceReadable } from '../booklet/booklet.evidence.service.ts';
import { fileExists, newStorageKey, removeFile, storagePath, storeFile } from './attachments.storage.ts';

/** The storage's file helpers, for features that read or remove a person's files (the privacy export). */
export { fileExists, removeFile, storagePath };

export type AttachmentView = {
  id: number;
  filename: string;
  mime: string;
  size: number;
  url: string;
  isImage: boolean;
};

export type UploadedFile = { buffer: Buffer; originalname: string; size: number; mimetype?: string };

/**
 * A narrower acceptance than the platform's (the booklet takes documents only): the content's type
 * must be one of `mimes`, the type the client declared must agree with it (or be unstated), and so
 * must the name's extension. `key` is the field message otherwise.
 */
export type UploadRules = { mimes: readonly string[]; key: string };

/** What the download route streams. */
export type Download = { path: string; filename: string; mime: string; size: number; inline: boolean };

/** How many files one post may carry. */
export const MAX_ATTACHMENTS_PER_POST = 10;

/** The download address; the name in it is cosmetic (for the browser's "save as"), the id decides. */
export const attachmentUrl = (a: Pick<Attachment, 'id' | 'filename'>): string =>
  `/allegati/${a.id}/${encodeURIComponent(a.filename)}`;

export const toAttachmentView = (a: Pick<Attachment, 'id' | 'filename' | 'mime' | 'size'>): AttachmentView => ({
  id: a.id,
  filename: a.filename,
  mime: a.mime,
  size: a.size,
  url: attachmentUrl(a),
  isImage: INLINE_MIMES.has(a.mime),
});

const fieldError = (field: string, key: string, params?: FieldMessage['params']) =>
  new ValidationError({ [field]: params ? { key, params } : { key } });

/**
 * Stores an upload whose bytes are a type we accept; it stays visible to its uploader only until
 * a post links it. `field` names the form field in errors.
 */
export async function uploadAttachment(
  deps: Deps,
  actor: Actor,
  file: UploadedFile,
  field = 'file',
  rules?: UploadRules,
): Promise<AttachmentView> {
  if (!actor) throw new UnauthorizedError();
  const { config, database } = deps;
  const bytes = file.buffer;
  const type = await checkUpload(deps, file, field, rules);

  const storageKey = newStorageKey();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // The file first, then the row that points to it: a row never names a missing file.
  await storeFile(config.attachmentsDir, storageKey, bytes);
  try {
    const [row] = await database.db
      .insert(attachments)
      .values({
        uploaderId: actor.id,
        filename: displayName(file.originalname, type),
        mime: type.mime,
        size: bytes.length,
        sha256,
        storageKey,
      })
      .returning();
    return toAttachmentView(row!);
  } catch (err) {
    await removeFile(config.attachmentsDir, storageKey).catch(() => undefined);
    throw err;
  }
}

/** Checks an upload without storing it (a form checks all its files before storing any); its type. */
export async function checkUpload(
  deps: Deps,
  file: UploadedFile,
  field = 'file',
  rules?: UploadRules,
): Promise<AllowedType> {
  const bytes = file.buffer;
  if (bytes.length === 0) throw fieldError(field, 'attachments.empty');
  if (bytes.length > deps.config.attachmentMaxBytes)
    throw fieldError(field, 'attachments.too_large', { max: megabytes(deps.config.attachmentMaxBytes) });
  const type = await detectAllowedType(bytes);
  if (!type) throw fieldError(field, rules?.key ?? 'attachments.invalid_type');
  if (rules) {
    const declared = (file.mimetype ?? '').toLowerCase();
    const dot = file.originalname.lastIndexOf('.');
    const ext = dot > 0 ? file.originalname.slice(dot + 1).toLowerCase() : '';
    const declaredOk = !declared || declared === 'application/octet-stream' || declared === type.mime;
    if (!rules.mimes.includes(type.mime) || !declaredOk || (ext && !type.exts.includes(ext)))
      throw fieldError(field, rules.key);
  }
  return type;
}

/**
 * Links uploaded attachments to a post inside the post's transaction. Every id must be an
 * unattached upload of `uploaderId`; otherwise a ValidationError names the `attachmentIds` field.
 */
export async function linkAttachments(
  tx: DbOrTx,
  attachmentIds: number[],
  uploaderId: number,
  postId: number,
): Promise<void> {
  const ids = [...new Set(attachmentIds)];
  if (ids.length === 0) return;
  if (ids.length > MAX_ATTACHMENTS_PER_POST)
    throw fieldError('attachmentIds', 'attachments.too_many', { max: MAX_ATTACHMENTS_PER_POST });
  if (!ids.every((id) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647))
    throw fieldError('attachmentIds', 'attachments.not_linkable');
  const linkable = linkableUploads(ids, uploaderId);
  // One statement that links all or none, even outside a transaction; a concurrent link of the
  // same upload makes RETURNING come back short, which fails this one.
  const linked = await tx
    .update(attachments)
    .set({ postId })
    .where(and(linkable, sql`(SELECT count(*) FROM ${attachments} WHERE ${linkable}) = ${ids.length}`))
    .returning({ id: attachments.id });
  if (linked.length !== ids.length) throw fieldError('attachmentIds', 'attachments.not_linkable');
}

/** The file of an attachment the actor may read; anything else is "not found", never "forbidden". */
export async function openForDownload(deps: Deps, actor: Actor, id: number): Promise<Download> {
  const { database, config } = deps;
  const [row] = await database.db
    .select({
      attachment: attachments,
      postId: posts.id,
      postDeletedAt: posts.deletedAt,
      postHiddenAt: posts.hiddenAt,
      threadDeletedAt: threads.deletedAt,
      visibility: groups.visibility,
      membershipRole: groupMemberships.role,
      membershipStatus: groupMemberships.status,
    })
    .from(attachments)
    .leftJoin(posts, eq(posts.id, attachments.postId))
    .leftJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(groups, eq(groups.id, threads.groupId))
    .leftJoin(
      groupMemberships,
      and(eq(groupMemberships.groupId, groups.id), eq(groupMemberships.userId, actor?.id ?? -1)),
    )
    .where(eq(attachments.id, id));
  if (!row) throw new NotFoundError();
  const { attachment } = row;
  // A document's file: whoever reads the article (published: everyone; a draft: its editors).
  const article = row.postId === null ? await articleOfAttachment(database.db, attachment.id) : undefined;
  if (article && !canReadArticle(actor, article)) throw new NotFoundError();
  // A practice's file: whoever reads the practice (published or archived: everyone; before: the people involved).
  const practice = row.postId === null && !article ? await practiceOfAttachment(database.db, attachment.id) : undefined;
  if (practice) await readablePractice(deps, actor, practice.slug);
  // Evidence in a booklet: its owner and the assessors handling a request that cites it.
  const evidence =
    row.postId === null && !article && !practice ? await evidenceReadable(deps, actor, attachment.id) : undefined;
  if (evidence === false) throw new NotFoundError();
  // A twinning's document: whoever reads the twinning (a proposal: those who run it).
  const twinning =
    row.postId === null && !article && !practice && evidence === undefined
      ? await twinningOfAttachment(database.db, attachment.id)
      : undefined;
  if (twinning) await findReadableTwinning(deps, actor, twinning.slug);
  const place = {
    uploaderId: attachment.uploaderId,
    post:
      row.postId !== null && row.visibility !== null
        ? {
            deleted: row.postDeletedAt !== null || row.threadDeletedAt !== null,
            hidden: row.postHiddenAt !== null,
            group: { visibility: row.visibility },
          }
        : null,
  };
  const membership =
    row.membershipRole && row.membershipStatus ? { role: row.membershipRole, status: row.membershipStatus } : undefined;
  if (!article && !practice && !evidence && !twinning && !canReadAttachment(actor, place, membership))
    throw new NotFoundError();
  const path = storagePath(config.attachmentsDir, attachment.storageKey);
  if (!(await fileExists(path))) {
    deps.log.warn({ attachmentId: attachment.id }, 'attachment file missing from storage');
    throw new NotFoundError();
  }
  return {
    path,
    filename: attachment.filename,
    mime: attachment.mime,
    size: attachment.size,
    inline: INLINE_MIMES.has(attachment.mime),
  };
}

/** Deletes uploads no post or article linked before `olderThan`, rows and files; returns how many. */
export async function deleteStaleUploads(deps: Deps, olderThan: Date): Promise<number> {
  const removed = await deps.database.db
    .delete(attachments)
    .where(and(lt(attachments.createdAt, olderThan), unlinkedUpload()))
    .returning({ storageKey: attachments.storageKey });
  for (const { storageKey } of removed) await removeFile(deps.config.attachmentsDir, storageKey);
  return removed.length;
}
