// Writing articles: create, edit (each edit keeps the version it replaced), publish now or at a
// scheduled time (the job runner calls publishDueArticles), and the edit history. Policy first,
// one transaction, `article.published` recorded in it whenever an article goes live. Reading
// (sections, the article page, feeds, the home page's news) is in articles.read.service.ts.
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/articles.ts';
import type { Article } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { insertUnderFreeSlug, slugify } from '../../core/slug.ts';
import { parseInput } from '../../core/validation.ts';
import { toAttachmentView, type AttachmentView } from '../attachments/attachments.service.ts';
import { canEditArticle, canReadArticle, canSeeArticleHistory, canWriteArticles } from './articles.policy.ts';
import { articleInputSchema, type ArticleInput } from './articles.schema.ts';

/** Section paths and words an article's slug may not take (its URL would shadow them). */
export const RESERVED_SLUGS = ['rassegna-stampa', 'normativa', 'documenti', 'nuova', 'feed.xml', 'bozze'];
/** How many files a document may carry. */
export const MAX_ARTICLE_FILES = 10;

export const articleUrl = (a: Pick<Article, 'slug'>): string => `/notizie/${a.slug}`;

/** Those who may write articles: animators, editors and admins; anyone else is refused. */
export function assertCanWrite(actor: Actor): Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!canWriteArticles(actor)) throw new ForbiddenError('articles.errors.cannot_write');
  return actor;
}

/** An article the actor may edit; one they may not even read is "not found". */
export async function editableArticle(deps: Deps, actor: Actor, slug: string, tx?: Tx) {
  const writer = assertCanWrite(actor);
  const article = await q.findArticleBySlug(tx ?? deps.database.db, slug, { lock: Boolean(tx) });
  if (!article) throw new NotFoundError();
  if (!canEditArticle(writer, article)) {
    if (article.status !== 'published') throw new NotFoundError();
    throw new ForbiddenError('articles.errors.cannot_edit');
  }
  return { writer, article };
}

/** An article's files as pages show them (its edit form lists them with "remove" boxes). */
export async function articleAttachmentViews(deps: Deps, articleId: number): Promise<AttachmentView[]> {
  return (await q.attachmentsOfArticle(deps.database.db, articleId)).map(toAttachmentView);
}

/** An article as its form shows it (and as PATCH starts from): every field, kind-specific ones too. */
export async function articleFormValues(db: Tx | Deps['database']['db'], article: Article) {
  // One after the other: inside a transaction the queries share one connection.
  const tags = await q.tagsOf(db, [article.id]);
  const items = await q.pressItemsOf(db, article.id);
  const related = await q.relatedSlugsOf(db, article.id);
  return {
    kind: article.kind,
    title: article.title,
    summary: article.summary,
    body: article.body,
    theme: article.theme,
    tags: tags.get(article.id) ?? [],
    status: article.status,
    publishAt: article.status === 'scheduled' ? article.publishedAt!.toISOString() : undefined,
    related,
    lawReference: article.lawReference ?? undefined,
    lawDate: article.lawDate ?? undefined,
    lawIssuer: article.lawIssuer ?? undefined,
    lawStatus: article.lawStatus ?? undefined,
    lawUrl: article.lawUrl ?? undefined,
    pressItems: items.map((i) => ({
      newspaper: i.newspaper,
      date: i.publishedOn,
      title: i.title,
      url: i.url,
      summary: i.summary,
    })),
  };
}

/** The columns of an article that follow from its input (the law's only for laws). */
function articleColumns(data: ArticleInput) {
  const law = data.kind === 'law';
  return {
    kind: data.kind,
    title: data.title,
    summary: data.summary,
    body: data.body,
    bodyHtml: renderDocument(data.body),
    theme: data.theme,
    lawReference: law ? (data.lawReference ?? null) : null,
    lawDate: law ? (data.lawDate ?? null) : null,
    lawIssuer: law ? (data.lawIssuer ?? null) : null,
    lawStatus: law ? (data.lawStatus ?? null) : null,
    lawUrl: law ? (data.lawUrl ?? null) : null,
  };
}

/**
 * The related articles the writer names, by slug: published ones, those the writer may edit, and
 * those the article already names (an editor may have linked a draft). Any other draft is as
 * unknown as a slug that does not exist, so guessing slugs tells nothing of someone's embargo.
 */
async function relatedArticles(tx: Tx, writer: Express.User, article: Article, slugs: string[]) {
  const named = new Set(await q.relatedSlugsOf(tx, article.id));
  const found = await q.articlesBySlugs(tx, slugs);
  return found.filter((r) => canReadArticle(writer, r) || named.has(r.slug));
}

/** Writes the article's parts (tags, press items, relations, files) inside its transaction. */
async function writeParts(tx: Tx, article: Article, data: ArticleInput, writer: Express.User): Promise<void> {
  const uploaderId = writer.id;
  const related = await relatedArticles(tx, writer, article, data.related);
  const missing = data.related.filter((s) => !related.some((r) => r.slug === s));
  if (missing.length)
    throw new ValidationError({
      related: { key: 'validation.article_related_unknown', params: { slugs: missing.join(', ') } },
    });
  if (related.some((r) => r.id === article.id))
    throw new ValidationError({ related: { key: 'validation.article_related_self' } });
  await q.replaceTags(tx, article.id, data.tags);
  await q.replacePressItems(
    tx,
    article.id,
    data.kind === 'press'
      ? data.pressItems.map((i) => ({
          newspaper: i.newspaper,
          publishedOn: i.date,
          title: i.title,
          url: i.url,
          summary: i.summary,
        }))
      : [],
  );
  await q.replaceRelations(
    tx,
    article.id,
    data.related.map((s) => related.find((r) => r.slug === s)!.id),
  );
  await q.unlinkArticleAttachments(tx, article.id, data.removeAttachmentIds);
  const current = await q.attachmentsOfArticle(tx, article.id);
  const adding = [...new Set(data.attachmentIds)].filter((id) => !current.some((a) => a.id === id));
  if (current.length + adding.length > MAX_ARTICLE_FILES)
    throw new ValidationError({ attachmentIds: { key: 'validation.article_too_many_files' } });
  const linked = await q.linkArticleAttachments(tx, article.id, adding, uploaderId, current.length);
  if (linked !== adding.length) throw new ValidationError({ attachmentIds: { key: 'attachments.not_linkable' } });
  if (data.kind === 'document' && current.length + adding.length === 0)
    throw new ValidationError({ attachmentIds: { key: 'validation.article_files_required' } });
}

/** Records `article.published`: the feed shows it to everyone (articles are public content). */
function recordPublished(deps: Deps, tx: Tx, article: Article) {
  return deps.bus.record(tx, 'article.published', {
    actorId: article.authorId,
    objectId: article.id,
    title: article.title,
    url: articleUrl(article),
  });
}

/**
 * When the article appears, from its requested status: now, at its scheduled time, or not yet. A
 * scheduled time already due (an edit kept it in the minute before the job ran) publishes it now,
 * dated at that time.
 */
function publication(data: ArticleInput, previous: Pick<Article, 'status' | 'publishedAt'> | null, now: Date) {
  if (data.status === 'published')
    return { status: data.status, publishedAt: previous?.status === 'published' ? previous.publishedAt : now };
  if (data.status === 'scheduled')
    return { status: data.publishAt! <= now ? ('published' as const) : data.status, publishedAt: data.publishAt };
  return { status: data.status, publishedAt: null };
}

/** Writes a new article (draft, published now or scheduled); its author is the writer. */
export async function createArticle(deps: Deps, actor: Actor, input: unknown, now = new Date()): Promise<Article> {
  const writer = assertCanWrite(actor);
  const data = parseInput(articleInputSchema(now), input);
  return deps.database.db.transaction(async (tx) => {
    const base = slugify(data.title, 80, 'notizia');
    const article = await insertUnderFreeSlug(
      base,
      async (s) => RESERVED_SLUGS.includes(s) || (await q.slugTaken(tx, s)),
      (slug) =>
        q.insertArticleUnlessSlugTaken(tx, {
          ...articleColumns(data),
          ...publication(data, null, now),
          slug,
          authorId: writer.id,
          createdAt: now,
          updatedAt: now,
        }),
    );
    await writeParts(tx, article, data, writer);
    if (article.status === 'published') await recordPublished(deps, tx, article);
    return article;
  });
}

/**
 * Edits an article. The input may be partial (PATCH): it is laid over the article's current values
 * and the whole is validated. The version replaced goes to the history; nothing changed, nothing kept.
 */
export async function editArticle(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: unknown,
  now = new Date(),
): Promise<{ article: Article; changed: boolean }> {
  return deps.database.db.transaction(async (tx) => {
    const { writer, article } = await editableArticle(deps, actor, slug, tx);
    const before = await articleFormValues(tx, article);
    const given = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
    const scheduledAt = article.status === 'scheduled' ? article.publishedAt : null;
    const data = parseInput(articleInputSchema(now, scheduledAt), { ...before, ...given });
    const files = (await q.attachmentsOfArticle(tx, article.id)).map((a) => a.id);
    const after = { ...data, publishAt: data.publishAt?.toISOString() };
    const same =
      JSON.stringify(snapshot(before)) === JSON.stringify(snapshot(after)) &&
      !data.removeAttachmentIds.some((id) => files.includes(id)) &&
      data.attachmentIds.every((id) => files.includes(id));
    if (same) return { article, changed: false };
    await q.insertRevision(tx, {
      articleId: article.id,
      title: article.title,
      summary: article.summary,
      body: article.body,
      data: { ...before, files },
      editedBy: writer.id,
      createdAt: now,
    });
    const updated = await q.updateArticle(tx, article.id, {
      ...articleColumns(data),
      ...publication(data, article, now),
      updatedAt: now,
    });
    await writeParts(tx, updated, data, writer);
    if (updated.status === 'published' && article.status !== 'published') await recordPublished(deps, tx, updated);
    // A change to what readers already see (or its withdrawal): cached lists (the home page's) follow it.
    else if (article.status === 'published')
      await deps.bus.record(tx, 'article.updated', {
        articleId: article.id,
        byUserId: writer.id,
        published: updated.status === 'published',
        title: updated.title,
        url: articleUrl(updated),
      });
    return { article: updated, changed: true };
  });
}

/** What an edit compares: the fields people write, in one order. */
function snapshot(v: Record<string, unknown>) {
  const keys = ['kind', 'title', 'summary', 'body', 'theme', 'tags', 'status', 'publishAt', 'related'];
  const lawKeys = ['lawReference', 'lawDate', 'lawIssuer', 'lawStatus', 'lawUrl'];
  return [...keys, ...lawKeys, 'pressItems'].map((k) => [k, v[k] ?? null]);
}

/** An article's earlier versions, newest first (those who may edit it). */
export async function articleHistory(deps: Deps, actor: Actor, slug: string) {
  const article = await q.findArticleBySlug(deps.database.db, slug);
  if (!article) throw new NotFoundError();
  if (!canSeeArticleHistory(actor, article)) {
    if (!actor) throw new UnauthorizedError();
    if (article.status !== 'published') throw new NotFoundError();
    throw new ForbiddenError('articles.errors.cannot_edit');
  }
  return { article, revisions: await q.listRevisions(deps.database.db, article.id) };
}

/**
 * Publishes the scheduled articles whose time has come (the job runner calls this every minute),
 * each with its `article.published` event in the same transaction. Returns how many went live.
 */
export async function publishDueArticles(deps: Deps, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await deps.database.db.transaction(async (tx) => {
      const due = await q.lockDueArticles(tx, now, 50);
      for (const article of due) {
        const live = await q.updateArticle(tx, article.id, { status: 'published', updatedAt: now });
        await recordPublished(deps, tx, live);
      }
      return due.length;
    });
    total += count;
    if (count < 50) return total;
  }
}

// What other features read from articles (the home page's news, the newsletter's period).
export { latestNews, publishedBetween } from './articles.read.service.ts';
