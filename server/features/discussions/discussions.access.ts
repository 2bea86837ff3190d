// Who may read a thread or a post (as its group allows), and the pages' sizes.
import type { Post, Thread } from '../../../models/schema.ts';
import * as postsQ from '../../../models/queries/posts.ts';
import * as threadsQ from '../../../models/queries/threads.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { groupAccess, type GroupAccess } from '../groups/groups.service.ts';

export const POSTS_PER_PAGE = 50;
export const THREADS_PER_PAGE = 20;

/** A thread as the actor may see it; unreadable or missing → 404 (private content stays invisible). */
export async function threadAccess(
  deps: Deps,
  actor: Actor,
  threadId: number,
): Promise<{ thread: Thread; access: GroupAccess }> {
  const row = await threadsQ.groupOfThread(deps.database.db, threadId);
  if (!row) throw new NotFoundError();
  const access = await groupAccess(deps.database.db, actor, row.group);
  if (!access.can.read) throw new NotFoundError();
  return { thread: row.thread, access };
}

/** A post with its thread and group access; a post the actor may not read → 404. */
export async function postAccess(
  deps: Deps,
  actor: Actor,
  postId: number,
): Promise<{ post: Post; thread: Thread; access: GroupAccess }> {
  const row = await postsQ.findPostContext(deps.database.db, postId);
  if (!row) throw new NotFoundError();
  const access = await groupAccess(deps.database.db, actor, row.group);
  if (!access.can.read || row.post.deletedAt) throw new NotFoundError();
  return { post: row.post, thread: row.thread, access };
}

export function requireActor(actor: Actor): asserts actor is Express.User {
  if (!actor) throw new UnauthorizedError();
}
