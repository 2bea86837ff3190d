// Thread and post rows → JSON for the API and view models for pages.
import type { Post, Thread } from '../../../models/schema.ts';
import type { ReactionSummary } from '../../../models/queries/posts.ts';

export function threadJson(t: Thread, group?: { slug: string; name: string }) {
  return {
    id: t.id,
    title: t.title,
    groupId: t.groupId,
    ...(group ? { group: { slug: group.slug, name: group.name } } : {}),
    authorId: t.authorId,
    pinned: t.pinned,
    locked: t.locked,
    postCount: t.postCount,
    lastPostAt: t.lastPostAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
    url: `/discussioni/${t.id}`,
  };
}

type PostLike = Pick<Post, 'id' | 'parentId' | 'bodyHtml' | 'createdAt' | 'editedAt'> & {
  authorId: number | null;
  authorName?: string | null;
  position?: number;
  depth?: number;
  visible?: boolean;
  deletedAt?: Date | null;
  hiddenAt?: Date | null;
  reactions?: ReactionSummary;
  attachments?: unknown[];
};

export function postJson(p: PostLike) {
  return {
    id: p.id,
    parentId: p.parentId,
    ...(p.position !== undefined ? { position: p.position, depth: p.depth } : {}),
    bodyHtml: p.visible === false ? null : p.bodyHtml,
    author: p.authorId ? { id: p.authorId, name: p.authorName ?? null } : null,
    createdAt: p.createdAt.toISOString(),
    editedAt: p.editedAt?.toISOString() ?? null,
    deleted: Boolean(p.deletedAt),
    hidden: Boolean(p.hiddenAt),
    reactions: p.reactions
      ? { utile: p.reactions.utile, grazie: p.reactions.grazie, mine: p.reactions.mine }
      : { utile: 0, grazie: 0, mine: [] },
    ...(p.attachments ? { attachments: p.attachments } : {}),
  };
}
