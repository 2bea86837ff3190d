// Cerco / Offro use cases: the board of active posts (filters, search, pages), a post's page, writing
// a post on behalf of one's administration, editing, closing ("risolto") and extending it, the home
// page's newest posts and the sitemap's pages. Matching is exchange.matching.service.ts.
import * as q from '../../../models/queries/exchange.ts';
import type { ExchangePost } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { parseInput } from '../../core/validation.ts';
import { registerSitemapSource } from '../discovery/discovery.service.ts';
import {
  canContactMatches,
  canCreatePost,
  canManagePost,
  canReadPost,
  canWriteToAuthor,
  isActive,
} from './exchange.policy.ts';
import {
  BOARD_PAGE_SIZE,
  boardQuerySchema,
  DEFAULT_EXPIRY_MONTHS,
  extendSchema,
  monthsAfter,
  postFields,
  postPatchSchema,
  type PostInput,
} from './exchange.schema.ts';

export type { ExchangePostRow } from '../../../models/queries/exchange.ts';

export const postUrl = (id: number) => `/cerco-offro/${id}`;

// The board and each active post are public pages.
registerSitemapSource({
  name: 'exchange',
  pages: async (deps, limit) => [
    { path: '/cerco-offro', lastmod: null },
    ...(await q.activePostPages(deps.database.db, Math.max(0, limit - 1))),
  ],
});

/** A post the actor may read: active, or theirs to manage (a 404 otherwise, as if it did not exist). */
export async function findReadablePost(deps: Deps, actor: Actor, id: number): Promise<q.ExchangePostRow> {
  const post = await q.findPost(deps.database.db, id);
  if (!post || !canReadPost(actor, post)) throw new NotFoundError('exchange.errors.not_found');
  return post;
}

/** A post's page: the post, whether it is active, what the actor may do. */
export async function postDetail(deps: Deps, actor: Actor, id: number) {
  const post = await findReadablePost(deps, actor, id);
  return {
    post,
    active: isActive(post),
    can: {
      manage: canManagePost(actor, post),
      contactMatches: canContactMatches(actor, post),
      writeToAuthor: canWriteToAuthor(actor, post),
    },
  };
}

/** The board (page and API): active posts by kind, theme, region and words, a page at a time. */
export async function board(deps: Deps, input: unknown) {
  const filter = parseInput(boardQuerySchema, input);
  const { rows, total } = await q.listActivePosts(deps.database.db, {
    ...filter,
    limit: BOARD_PAGE_SIZE,
    offset: (filter.page - 1) * BOARD_PAGE_SIZE,
  });
  return { filter, rows, total, page: filter.page, pages: Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE)) };
}

/** The newest active posts (the home page's block). */
export async function newestPosts(deps: Deps, limit = 4): Promise<q.ExchangePostRow[]> {
  return (await q.listActivePosts(deps.database.db, { limit, offset: 0 })).rows;
}

/** The actor's own posts, active or not ("I miei annunci": where expired ones are found again). */
export async function myPosts(deps: Deps, actor: Actor): Promise<q.ExchangePostRow[]> {
  if (!actor) throw new UnauthorizedError();
  return q.postsOfAuthor(deps.database.db, actor.id);
}

/** The linked practice's id: a published practice, by slug (else a 400 naming the field). */
async function practiceIdOf(deps: Deps, slug: string | undefined): Promise<number | null> {
  if (!slug) return null;
  const practice = await q.publishedPracticeBySlug(deps.database.db, slug);
  if (!practice) throw new ValidationError({ practiceSlug: { key: 'validation.exchange_practice_unknown' } });
  return practice.id;
}

const columnsOf = (data: PostInput, practiceId: number | null) => ({
  kind: data.kind,
  title: data.title,
  description: data.description,
  // Rendered once, when written: the board and the API read it as stored.
  descriptionHtml: renderMarkdown(data.description),
  theme: data.theme,
  region: data.region,
  practiceId,
});

/** Posts one person may publish in 24 hours: plenty for an administration's needs, a wall for spam. */
export const POSTS_PER_DAY = 10;
const DAY = 86_400_000;

/**
 * Posts what the actor's administration seeks or offers. The post is announced in the public feed,
 * and the authors of its strong matches are told (both through `exchange.posted`, recorded with it).
 */
export async function createPost(deps: Deps, actor: Actor, input: unknown): Promise<ExchangePost> {
  if (!actor) throw new UnauthorizedError();
  if (!canCreatePost(actor)) throw new ForbiddenError('exchange.errors.no_organization');
  const data = parseInput(postFields, input);
  const now = new Date();
  const expiresAt = data.expiresAt ?? monthsAfter(now, DEFAULT_EXPIRY_MONTHS);
  const practiceId = await practiceIdOf(deps, data.practiceSlug);
  return deps.database.db.transaction(async (tx) => {
    // Each post reaches the feed and notifies its strong matches: a person's pace has a ceiling.
    if ((await q.lockAndCountPostsSince(tx, actor.id, new Date(now.getTime() - DAY))) >= POSTS_PER_DAY)
      throw new AppError(429, 'rate_limited', 'exchange.errors.too_many_posts');
    const post = await q.insertPost(tx, {
      ...columnsOf(data, practiceId),
      authorId: actor.id,
      organizationId: actor.organizationId!,
      expiresAt,
    });
    await deps.bus.record(tx, 'exchange.posted', {
      actorId: actor.id,
      objectId: post.id,
      title: post.title,
      url: postUrl(post.id),
    });
    return post;
  });
}

/** The stored post as input: a change is checked together with what it does not touch. */
const asInput = (p: q.ExchangePostRow) => ({
  kind: p.kind,
  title: p.title,
  description: p.description,
  theme: p.theme,
  region: p.region,
  practiceSlug: p.practiceSlug ?? undefined,
});

/**
 * Changes a post (its author, admins): any fields, checked with the others; `closed` marks it solved
 * (or reopens it); a new expiry must lie ahead. A post whose practice is no longer published keeps
 * the link until its practice is changed.
 */
export async function updatePost(deps: Deps, actor: Actor, id: number, input: unknown): Promise<ExchangePost> {
  if (!actor) throw new UnauthorizedError();
  const current = await findReadablePost(deps, actor, id);
  if (!canManagePost(actor, current)) throw new ForbiddenError('exchange.errors.not_yours');
  const patch = parseInput(postPatchSchema, input);
  // A blank practiceSlug sent on purpose (the edit form's emptied field) unlinks the practice.
  const unlink = typeof input === 'object' && input !== null && 'practiceSlug' in input && !patch.practiceSlug;
  const data = parseInput(postFields, {
    ...asInput(current),
    ...stripUndefined(patch),
    ...(unlink ? { practiceSlug: undefined } : {}),
    expiresAt: undefined,
  });
  const expiresAt = patch.expiresAt;
  // The same practice stays linked as it is; a new one must be published.
  const practiceId =
    data.practiceSlug && data.practiceSlug === current.practiceSlug
      ? current.practiceId
      : await practiceIdOf(deps, data.practiceSlug);
  return deps.database.db.transaction(async (tx) => {
    const row = await q.updatePost(tx, current.id, {
      ...columnsOf(data, practiceId),
      ...(expiresAt ? { expiresAt } : {}),
      ...(patch.closed === undefined ? {} : { closedAt: patch.closed ? (current.closedAt ?? new Date()) : null }),
    });
    await recordUpdate(deps, tx, row, actor.id);
    return row;
  });
}

const stripUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

async function recordUpdate(deps: Deps, tx: Parameters<Deps['bus']['record']>[0], row: ExchangePost, by: number) {
  await deps.bus.record(tx, 'exchange.updated', {
    postId: row.id,
    byUserId: by,
    active: isActive(row),
    title: row.title,
    url: postUrl(row.id),
  });
}

/** Marks a post solved ("risolto"): it leaves the board, its author still reads it. */
export async function closePost(deps: Deps, actor: Actor, id: number): Promise<ExchangePost> {
  return updatePost(deps, actor, id, { closed: true });
}

/** Extends a post (active or expired) to a new expiry, by default six months from now. */
export async function extendPost(deps: Deps, actor: Actor, id: number, input: unknown): Promise<ExchangePost> {
  const { expiresAt } = parseInput(extendSchema, input);
  const until = expiresAt ?? monthsAfter(new Date(), DEFAULT_EXPIRY_MONTHS);
  return updatePost(deps, actor, id, { expiresAt: until.toISOString() });
}

/** The new post form: for members of an administration, with its starting values. */
export function newPostForm(actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  if (!canCreatePost(actor)) throw new ForbiddenError('exchange.errors.no_organization');
  return { kind: 'cerco', region: '', theme: '', practiceSlug: '', expiresAt: '' };
}

/** The edit form of a post: for those who manage it, with its stored values. */
export async function editPostForm(deps: Deps, actor: Actor, id: number) {
  if (!actor) throw new UnauthorizedError();
  const post = await findReadablePost(deps, actor, id);
  if (!canManagePost(actor, post)) throw new ForbiddenError('exchange.errors.not_yours');
  return { post, values: { ...asInput(post), practiceSlug: post.practiceSlug ?? '' } };
}
