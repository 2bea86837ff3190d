// Who may do what with Cerco / Offro posts. Pure functions over the actor and the post; pages, the API
// and the matching ask these. A post is public while it is active; a closed or expired one stays
// readable by those who manage it (its author, admins), so it can be extended or looked back at.
import type { ExchangePost } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

type PostFacts = Pick<ExchangePost, 'authorId' | 'closedAt' | 'expiresAt'>;

/** Neither closed ("risolto") nor expired. */
export const isActive = (post: Pick<ExchangePost, 'closedAt' | 'expiresAt'>, now = new Date()): boolean =>
  post.closedAt === null && post.expiresAt.getTime() > now.getTime();

/** Posts on behalf of an administration: signed-in members who belong to one. */
export const canCreatePost = (actor: Actor): boolean => Boolean(actor?.organizationId);

/** Edits, closes and extends it: its author, and admins (moderation). */
export const canManagePost = (actor: Actor, post: Pick<ExchangePost, 'authorId'>): boolean =>
  Boolean(actor) && (actor!.id === post.authorId || actor!.role === 'admin');

/** Reads it: everyone while it is active, afterwards those who manage it. */
export const canReadPost = (actor: Actor, post: PostFacts, now = new Date()): boolean =>
  isActive(post, now) || canManagePost(actor, post);

/** The matches' "Contatta" links speak for the post: its author's. */
export const canContactMatches = (actor: Actor, post: Pick<ExchangePost, 'authorId'>): boolean =>
  Boolean(actor) && actor!.id === post.authorId;

/** Writes privately to the post's author: any other signed-in person. */
export const canWriteToAuthor = (actor: Actor, post: Pick<ExchangePost, 'authorId'>): boolean =>
  Boolean(actor) && post.authorId !== null && actor!.id !== post.authorId;
