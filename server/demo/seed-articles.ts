// Demo articles (articles-data.ts) written inside the demo's transaction: the rows with their tags,
// press items, relations and, for documents, a small generated PDF stored like any upload. The
// activity history of the published ones is written with the rest of the demo's (seed.ts).
import { createHash } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import * as q from '../../models/queries/articles.ts';
import { articleAttachments, articles, attachments, users } from '../../models/schema.ts';
import { renderDocument } from '../core/markdown.ts';
import { newStorageKey, removeFile, storeFile } from '../features/attachments/attachments.storage.ts';
import type { DemoArticle } from './articles-data.ts';
import type { DemoContent } from './types.ts';

const DAY = 86_400_000;

/** A one-page PDF showing `title` (Helvetica, Latin-1): small, valid, and opened by any reader. */
export function demoPdf(title: string): Buffer {
  const text = title
    .replace(/[’‘]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/[\\()]/g, '\\$&');
  const stream = `BT /F1 16 Tf 56 780 Td (${text}) Tj 0 -24 Td /F1 11 Tf (Rete SPI - documento dimostrativo) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Writes the demo articles once (none yet); returns how many it wrote. */
export async function seedArticles(
  tx: Tx,
  attachmentsDir: string,
  content: DemoContent,
  list: DemoArticle[],
  now: number,
): Promise<number> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(articles);
  if (n > 0) return 0;
  const emails = new Map(content.members.map((m) => [m.key, m.email.toLowerCase()]));
  const ids = new Map(
    (await tx.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email.toLowerCase(), u.id]),
  );
  const authorOf = (key: string) => ids.get(emails.get(key) ?? '') ?? null;
  const stored: string[] = [];
  try {
    const bySlug = new Map<string, number>();
    for (const a of list) {
      const status = a.status ?? 'published';
      const at = new Date(now - a.daysAgo * DAY);
      const [row] = await tx
        .insert(articles)
        .values({
          slug: a.slug,
          kind: a.kind,
          title: a.title,
          summary: a.summary,
          body: a.body,
          bodyHtml: renderDocument(a.body),
          theme: a.theme,
          status,
          publishedAt: status === 'draft' ? null : at,
          authorId: authorOf(a.author),
          lawReference: a.law?.reference ?? null,
          lawDate: a.law?.date ?? null,
          lawIssuer: a.law?.issuer ?? null,
          lawStatus: a.law?.status ?? null,
          lawUrl: a.law?.url ?? null,
          createdAt: status === 'scheduled' ? new Date(now) : at,
          updatedAt: status === 'scheduled' ? new Date(now) : at,
        })
        .returning({ id: articles.id });
      bySlug.set(a.slug, row!.id);
      await q.replaceTags(tx, row!.id, a.tags);
      await q.replacePressItems(
        tx,
        row!.id,
        (a.pressItems ?? []).map((i) => ({ ...i, publishedOn: i.date })),
      );
      for (const [position, file] of (a.files ?? []).entries()) {
        const bytes = demoPdf(file.title);
        const storageKey = newStorageKey();
        await storeFile(attachmentsDir, storageKey, bytes);
        stored.push(storageKey);
        const [upload] = await tx
          .insert(attachments)
          .values({
            uploaderId: authorOf(a.author),
            filename: file.filename,
            mime: 'application/pdf',
            size: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            storageKey,
            createdAt: at,
          })
          .returning({ id: attachments.id });
        await tx.insert(articleAttachments).values({ articleId: row!.id, attachmentId: upload!.id, position });
      }
    }
    for (const a of list) {
      const related = (a.related ?? []).map((s) => bySlug.get(s)).filter((id): id is number => id !== undefined);
      if (related.length) await q.replaceRelations(tx, bySlug.get(a.slug)!, related);
    }
    return list.length;
  } catch (err) {
    // The transaction rolls back: the files it stored must not outlive it.
    for (const key of stored) await removeFile(attachmentsDir, key).catch(() => undefined);
    throw err;
  }
}

/** Checks the demo's related slugs exist (a typo would silently drop a relation). */
export function unknownRelatedSlugs(list: DemoArticle[]): string[] {
  const slugs = new Set(list.map((a) => a.slug));
  return list.flatMap((a) => (a.related ?? []).filter((s) => !slugs.has(s)));
}
