// Reading discussions: a group's threads, a thread's page in threaded order, where a post is, and a
// post's edit history.
import * as postsQ from '../../../models/queries/posts.ts';
import * as threadsQ from '../../../models/queries/threads.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { toAttachmentView } from '../attachments/attachments.service.ts';
import { accessWithMembership, readableGroup, type GroupAccess } from '../groups/groups.service.ts';
import {
  canDeletePost,
  canEditPost,
  canFlag,
  canReact,
  canReply,
  canSeeHistory,
  canSeePostBody,
} from './discussions.policy.ts';
import { pageSchema } from './discussions.schema.ts';

import { POSTS_PER_PAGE, postAccess, THREADS_PER_PAGE } from './discussions.access.ts';

/** A group's discussions, pinned first then by last activity, with unread counts for the viewer. */
export async function listThreads(deps: Deps, actor: Actor, slug: string, input: unknown) {
  return threadsOfGroup(deps, actor, await readableGroup(deps, actor, slug), input);
}

/** The same list, for a caller that already holds the actor's access to a group they may read. */
export async function threadsOfGroup(deps: Deps, actor: Actor, access: GroupAccess, input: unknown) {
  if (!access.can.read) throw new NotFoundError();
  const { page } = parseInput(pageSchema, input);
  const { rows, total } = await threadsQ.listGroupThreads(deps.database.db, access.group.id, actor?.id ?? null, {
    limit: THREADS_PER_PAGE,
    offset: (page - 1) * THREADS_PER_PAGE,
  });
  return { access, page, total, pages: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)), threads: rows };
}

/** One page of a thread in threaded order, with reactions, attachments and unread markers. */
export async function readThread(deps: Deps, actor: Actor, threadId: number, input: unknown) {
  const db = deps.database.db;
  // The thread, its group and the viewer's membership, read marker and subscription: one statement.
  const found = await threadsQ.threadForViewer(db, threadId, actor?.id ?? null);
  if (!found) throw new NotFoundError();
  const { thread } = found;
  const access = accessWithMembership(actor, found.group, found.membership ?? undefined);
  if (!access.can.read) throw new NotFoundError();
  const lastRead = actor ? (found.lastRead ?? 0) : null;
  const following = actor ? found.following : false;
  const { page } = parseInput(pageSchema, input);
  const total = thread.lastPosition;
  const pages = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
  // The posts with their reactions and files: one statement.
  const rows = await postsQ.listThreadPosts(
    db,
    thread.id,
    { limit: POSTS_PER_PAGE, offset: (page - 1) * POSTS_PER_PAGE },
    actor?.id ?? null,
  );
  if (actor && rows.length) await threadsQ.markRead(db, actor.id, thread.id, Math.max(...rows.map((r) => r.position)));
  const posts = rows.map((r) => {
    const state = { authorId: r.authorId, deletedAt: r.deletedAt, hiddenAt: r.hiddenAt };
    const visible = canSeePostBody(access, state);
    return {
      ...r,
      bodyHtml: visible ? r.bodyHtml : '',
      body: visible ? r.body : '',
      visible,
      unread: lastRead !== null && r.position > lastRead,
      reactions: postsQ.reactionSummary(r.reactionCounts),
      attachments: visible ? r.files.map(toAttachmentView) : [],
      can: {
        edit: canEditPost(actor, access, state),
        delete: canDeletePost(actor, access, state),
        react: canReact(actor, access, state),
        flag: canFlag(actor, access, state),
        reply: canReply(access, thread) && !r.deletedAt && !r.hiddenAt,
        history: canSeeHistory(access) && Boolean(r.editedAt),
        moderate: access.can.moderate,
      },
    };
  });
  return { thread, access, page, pages, total, posts, following, canReply: canReply(access, thread) };
}

/** The page a post is on, for links to #post-N. */
export async function pageOfPost(
  deps: Deps,
  actor: Actor,
  postId: number,
): Promise<{ threadId: number; page: number }> {
  const { post, thread } = await postAccess(deps, actor, postId);
  const before = await postsQ.postsBefore(deps.database.db, thread.id, post.sortPath);
  return { threadId: thread.id, page: Math.floor(before / POSTS_PER_PAGE) + 1 };
}

/** A post's edit history (moderators only). */
export async function postHistory(deps: Deps, actor: Actor, postId: number) {
  const { post, thread, access } = await postAccess(deps, actor, postId);
  if (!canSeeHistory(access)) throw new ForbiddenError();
  return { post, thread, access, revisions: await postsQ.listRevisions(deps.database.db, post.id) };
}
