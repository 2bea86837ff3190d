// Who may do what with articles. Writers are animators, editors and admins; editors and admins run
// the whole channel (they edit every article), animators their own. A draft or a scheduled article
// is seen only by those who may edit it: everyone else gets "not found", on every path.
import type { Article } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

type ArticleState = Pick<Article, 'status' | 'authorId'>;

const WRITERS = ['animator', 'editor', 'admin'] as const;
const CHANNEL_EDITORS = ['editor', 'admin'] as const;

export const canWriteArticles = (actor: Actor): boolean =>
  Boolean(actor && (WRITERS as readonly string[]).includes(actor.role));

export const canEditArticle = (actor: Actor, article: Pick<Article, 'authorId'>): boolean =>
  Boolean(
    actor &&
    ((CHANNEL_EDITORS as readonly string[]).includes(actor.role) ||
      (canWriteArticles(actor) && article.authorId === actor.id)),
  );

/** Editors and admins see every unpublished article in their list; animators their own. */
export const seesAllDrafts = (actor: Actor): boolean =>
  Boolean(actor && (CHANNEL_EDITORS as readonly string[]).includes(actor.role));

export const canReadArticle = (actor: Actor, article: ArticleState): boolean =>
  article.status === 'published' || canEditArticle(actor, article);

/** The edit history: those who may edit the article. */
export const canSeeArticleHistory = (actor: Actor, article: ArticleState): boolean => canEditArticle(actor, article);
