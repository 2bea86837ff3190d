// Article rows → what the pages, the home page and the API show.
import type { ArticleKind, PressItem } from '../../../models/schema.ts';
import type { Article } from '../../../models/schema.ts';
import type { AttachmentView } from '../attachments/attachments.service.ts';
import type { ArticleCard } from '../../../models/queries/articles.ts';

/** Each kind's section (its list page and feed). */
export const SECTION_PATHS: Record<ArticleKind, string> = {
  news: '/notizie',
  press: '/notizie/rassegna-stampa',
  law: '/notizie/normativa',
  document: '/notizie/documenti',
};

const tagUrl = (tag: string) => `/notizie?tag=${encodeURIComponent(tag)}`;

/** A card in a list: links, labels (i18n keys) and its tags. */
export function articleCardView(a: ArticleCard & { tags: string[] }) {
  return {
    ...a,
    url: `/notizie/${a.slug}`,
    kindKey: `articles.kinds.${a.kind}`,
    themeKey: `articles.themes.${a.theme}`,
    lawStatusKey: a.lawStatus ? `articles.law_status.${a.lawStatus}` : undefined,
    repealed: a.lawStatus === 'repealed',
    scheduled: a.status === 'scheduled',
    draft: a.status === 'draft',
    tags: a.tags.map((t) => ({ name: t, url: tagUrl(t) })),
  };
}
export type ArticleCardView = ReturnType<typeof articleCardView>;

/** The JSON form of an article in lists. */
export function articleSummaryJson(a: ArticleCard & { tags: string[] }) {
  return {
    id: a.id,
    slug: a.slug,
    kind: a.kind,
    title: a.title,
    summary: a.summary,
    theme: a.theme,
    tags: a.tags,
    status: a.status,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    author: a.authorId ? { id: a.authorId, name: a.authorName } : null,
    ...(a.kind === 'law' ? { law: { reference: a.lawReference, date: a.lawDate, status: a.lawStatus } } : {}),
    url: `/notizie/${a.slug}`,
  };
}

/** The JSON form of one article, with its parts. */
export function articleJson(v: {
  article: Article & { authorName?: string | null };
  tags: string[];
  pressItems: PressItem[];
  attachments: AttachmentView[];
  related?: (ArticleCard & { tags: string[] })[];
}) {
  const a = v.article;
  return {
    id: a.id,
    slug: a.slug,
    kind: a.kind,
    title: a.title,
    summary: a.summary,
    body: a.body,
    bodyHtml: a.bodyHtml,
    theme: a.theme,
    tags: v.tags,
    status: a.status,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    author: a.authorId ? { id: a.authorId, name: a.authorName ?? null } : null,
    law:
      a.kind === 'law'
        ? { reference: a.lawReference, date: a.lawDate, issuer: a.lawIssuer, status: a.lawStatus, url: a.lawUrl }
        : null,
    pressItems: v.pressItems.map((i) => ({
      newspaper: i.newspaper,
      date: i.publishedOn,
      title: i.title,
      url: i.url,
      summary: i.summary,
    })),
    attachments: v.attachments.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, url: f.url })),
    related: (v.related ?? []).map((r) => ({ slug: r.slug, title: r.title, kind: r.kind, url: `/notizie/${r.slug}` })),
    url: `/notizie/${a.slug}`,
  };
}
