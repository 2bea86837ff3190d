// Thread and post use cases: start a thread, reply (threaded), edit with history, delete, react, flag,
// follow. Policy first, one transaction, events after commit. Who may read what is
// discussions.access.ts; reading a group's threads and a thread's pages, discussions.read.service.ts.
import type { DbOrTx } from '../../../models/db.ts';
import type { Post, Thread } from '../../../models/schema.ts';
import { writeAudit } from '../../../models/queries/audit.ts';
import * as postsQ from '../../../models/queries/posts.ts';
import * as threadsQ from '../../../models/queries/threads.ts';
import { subscribe, unsubscribe } from '../../../models/queries/subscriptions.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, ValidationError } from '../../core/errors.ts';
import { prepareMarkdown, type MentionTarget } from '../../core/markdown.ts';
import { parseInput } from '../../core/validation.ts';
import { linkAttachments } from '../attachments/attachments.service.ts';
import { readableGroup } from '../groups/groups.service.ts';
import { canDeletePost, canEditPost, canFlag, canReact, canReply } from './discussions.policy.ts';
import { editSchema, flagSchema, postInputSchema, reactionSchema, threadInputSchema } from './discussions.schema.ts';

import { postAccess, requireActor, threadAccess } from './discussions.access.ts';
const pad = (n: number) => String(n).padStart(6, '0');

/** Renders a body once, at write time, resolving @handles to members. */
async function render(db: DbOrTx, body: string): Promise<{ html: string; mentionedIds: number[] }> {
  const prepared = prepareMarkdown(body);
  const found = await findUsersByHandles(db, prepared.handles);
  const mentions = new Map<string, MentionTarget>(found.map((u) => [u.handle, { id: u.id, name: u.name }]));
  return { html: prepared.render(mentions), mentionedIds: found.map((u) => u.id) };
}

/**
 * Steps another feature runs inside the transaction that starts a thread: `before` first (lock and
 * check what the thread is for, throwing to start nothing), `after` once the thread exists (record it).
 */
export type ThreadHooks = {
  before?: (tx: DbOrTx) => Promise<unknown>;
  after?: (tx: DbOrTx, thread: Thread) => Promise<unknown>;
};

/** Starts a thread: the thread and its first post are written in one transaction. */
export async function createThread(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: unknown,
  within: ThreadHooks = {},
): Promise<{ thread: Thread; post: Post }> {
  requireActor(actor);
  const access = await readableGroup(deps, actor, slug);
  if (!access.can.post) throw new ForbiddenError('discussions.errors.members_only');
  const data = parseInput(threadInputSchema, input);
  return deps.database.db.transaction(async (tx) => {
    await within.before?.(tx);
    const { html, mentionedIds } = await render(tx, data.body);
    const now = new Date();
    const thread = await threadsQ.insertThread(tx, {
      groupId: access.group.id,
      authorId: actor.id,
      title: data.title,
      postCount: 1,
      lastPosition: 1,
      lastPostAt: now,
      createdAt: now,
    });
    const post = await postsQ.insertPost(tx, {
      threadId: thread.id,
      authorId: actor.id,
      position: 1,
      depth: 0,
      sortPath: pad(1),
      body: data.body,
      bodyHtml: html,
      createdAt: now,
    });
    await postsQ.replaceMentions(tx, post.id, mentionedIds);
    await linkAttachments(tx, data.attachmentIds, actor.id, post.id);
    await subscribe(tx, actor.id, { targetType: 'thread', targetId: thread.id });
    await threadsQ.markRead(tx, actor.id, thread.id, 1);
    await within.after?.(tx, thread);
    await deps.bus.record(tx, 'thread.created', {
      threadId: thread.id,
      groupId: thread.groupId,
      postId: post.id,
      authorId: actor.id,
    });
    await deps.bus.record(tx, 'post.created', {
      postId: post.id,
      threadId: thread.id,
      groupId: thread.groupId,
      authorId: actor.id,
      parentId: null,
      parentAuthorId: null,
      mentionedUserIds: mentionedIds,
      isFirstPost: true,
    });
    return { thread, post };
  });
}

/**
 * A thread another feature opens in the space it runs (a twinning's "Discussione generale", one per
 * transfer model), inside the caller's transaction: the caller has checked who may. Its events are
 * recorded with it, as createThread's.
 */
export async function provisionThread(
  deps: Deps,
  tx: DbOrTx,
  values: { groupId: number; authorId: number; title: string; body: string },
): Promise<Thread> {
  const { html, mentionedIds } = await render(tx, values.body);
  const now = new Date();
  const thread = await threadsQ.insertThread(tx, {
    groupId: values.groupId,
    authorId: values.authorId,
    title: values.title,
    postCount: 1,
    lastPosition: 1,
    lastPostAt: now,
    createdAt: now,
  });
  const post = await postsQ.insertPost(tx, {
    threadId: thread.id,
    authorId: values.authorId,
    position: 1,
    depth: 0,
    sortPath: pad(1),
    body: values.body,
    bodyHtml: html,
    createdAt: now,
  });
  await postsQ.replaceMentions(tx, post.id, mentionedIds);
  await subscribe(tx, values.authorId, { targetType: 'thread', targetId: thread.id });
  await threadsQ.markRead(tx, values.authorId, thread.id, 1);
  await deps.bus.record(tx, 'thread.created', {
    threadId: thread.id,
    groupId: thread.groupId,
    postId: post.id,
    authorId: values.authorId,
  });
  return thread;
}

/**
 * Replies to a thread, or to a post in it (threaded right after that post). Replies to the first
 * post are top-level. A parent from another thread, or one that does not exist, is a 400.
 */
export async function createPost(deps: Deps, actor: Actor, threadId: number, input: unknown): Promise<Post> {
  requireActor(actor);
  const { thread, access } = await threadAccess(deps, actor, threadId);
  if (!access.can.post) throw new ForbiddenError('discussions.errors.members_only');
  if (!canReply(access, thread)) throw new ForbiddenError('discussions.errors.locked');
  const data = parseInput(postInputSchema, input);
  const post = await deps.database.db.transaction(async (tx) => {
    let parent: Post | undefined;
    if (data.parentId !== undefined) {
      parent = await postsQ.findPost(tx, data.parentId);
      if (!parent || parent.threadId !== thread.id)
        throw new ValidationError({ parentId: { key: 'validation.parent_invalid' } });
      if (parent.deletedAt) throw new ValidationError({ parentId: { key: 'validation.parent_deleted' } });
    }
    const { html, mentionedIds } = await render(tx, data.body);
    const position = await threadsQ.nextPosition(tx, thread.id);
    const nested = parent && parent.position !== 1;
    const post = await postsQ.insertPost(tx, {
      threadId: thread.id,
      authorId: actor.id,
      parentId: parent?.id ?? null,
      position,
      depth: nested ? parent!.depth + 1 : 0,
      sortPath: nested ? `${parent!.sortPath}.${pad(position)}` : pad(position),
      body: data.body,
      bodyHtml: html,
    });
    await threadsQ.touchThread(tx, thread.id, post.createdAt);
    await postsQ.replaceMentions(tx, post.id, mentionedIds);
    await linkAttachments(tx, data.attachmentIds, actor.id, post.id);
    await subscribe(tx, actor.id, { targetType: 'thread', targetId: thread.id });
    await threadsQ.markRead(tx, actor.id, thread.id, position);
    await deps.bus.record(tx, 'post.created', {
      postId: post.id,
      threadId: thread.id,
      groupId: thread.groupId,
      authorId: actor.id,
      parentId: parent?.id ?? null,
      parentAuthorId: parent?.authorId ?? null,
      mentionedUserIds: mentionedIds,
      isFirstPost: false,
    });
    return post;
  });
  return post;
}

/** Edits one's own post; the previous text goes to the edit history. */
export async function editPost(deps: Deps, actor: Actor, postId: number, input: unknown): Promise<Post> {
  requireActor(actor);
  const { post, thread, access } = await postAccess(deps, actor, postId);
  if (!canEditPost(actor, access, post)) throw new ForbiddenError();
  const data = parseInput(editSchema, input);
  if (data.body === post.body) return post;
  return deps.database.db.transaction(async (tx) => {
    const { html, mentionedIds } = await render(tx, data.body);
    await postsQ.insertRevision(tx, { postId: post.id, body: post.body, editedBy: actor.id });
    const updated = (await postsQ.updatePost(tx, post.id, { body: data.body, bodyHtml: html, editedAt: new Date() }))!;
    const newly = await postsQ.replaceMentions(tx, post.id, mentionedIds);
    await deps.bus.record(tx, 'post.edited', {
      postId: post.id,
      threadId: thread.id,
      groupId: thread.groupId,
      editorId: actor.id,
      newlyMentionedUserIds: newly,
    });
    return updated;
  });
}

/** Soft-deletes a post (its author, or a moderator — which is audited). */
export async function deletePost(
  deps: Deps,
  actor: Actor,
  postId: number,
  reason?: string,
): Promise<{ threadId: number }> {
  requireActor(actor);
  const { post, thread, access } = await postAccess(deps, actor, postId);
  if (!canDeletePost(actor, access, post)) throw new ForbiddenError();
  await deps.database.db.transaction(async (tx) => {
    await postsQ.updatePost(tx, post.id, { deletedAt: new Date() });
    if (post.authorId !== actor.id) {
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'post.delete',
        targetType: 'post',
        targetId: post.id,
        groupId: thread.groupId,
        reason: reason ?? null,
      });
    }
    await deps.bus.record(tx, 'post.deleted', {
      postId: post.id,
      threadId: thread.id,
      groupId: thread.groupId,
      byUserId: actor.id,
    });
  });
  return { threadId: thread.id };
}

/** Adds or removes a reaction ("utile", "grazie"), at most one of each kind per person. */
export async function react(deps: Deps, actor: Actor, postId: number, input: unknown, on: boolean) {
  requireActor(actor);
  const { post, thread, access } = await postAccess(deps, actor, postId);
  if (!canReact(actor, access, post)) throw new ForbiddenError();
  const { kind } = parseInput(reactionSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const changed = on
      ? await postsQ.addReaction(tx, post.id, actor.id, kind)
      : await postsQ.removeReaction(tx, post.id, actor.id, kind);
    const summary = (await postsQ.reactionsFor(tx, [post.id], actor.id)).get(post.id) ?? {
      utile: 0,
      grazie: 0,
      mine: [],
    };
    if (on && changed) {
      await deps.bus.record(tx, 'reaction.added', {
        postId: post.id,
        threadId: thread.id,
        groupId: thread.groupId,
        userId: actor.id,
        kind,
        count: summary[kind],
      });
    }
    return summary;
  });
}

/** Flags a post for the moderators, with a reason. Flagging again updates the reason. */
export async function flagPost(deps: Deps, actor: Actor, postId: number, input: unknown) {
  requireActor(actor);
  const { post, thread, access } = await postAccess(deps, actor, postId);
  if (!canFlag(actor, access, post)) throw new ForbiddenError('discussions.errors.cannot_flag');
  const { reason } = parseInput(flagSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const flag = await postsQ.insertFlag(tx, { postId: post.id, reporterId: actor.id, reason });
    await deps.bus.record(tx, 'post.flagged', {
      postId: post.id,
      threadId: thread.id,
      groupId: thread.groupId,
      flagId: flag.id,
      reporterId: actor.id,
    });
    return flag;
  });
}

/** Follows or unfollows a thread. */
export async function setThreadSubscription(deps: Deps, actor: Actor, threadId: number, on: boolean): Promise<boolean> {
  requireActor(actor);
  const { thread } = await threadAccess(deps, actor, threadId);
  const target = { targetType: 'thread' as const, targetId: thread.id };
  if (on) await subscribe(deps.database.db, actor.id, target);
  else await unsubscribe(deps.database.db, actor.id, target);
  return on;
}

// Access and reading, in files of their own, for callers that import them from here.
export { POSTS_PER_PAGE, postAccess, THREADS_PER_PAGE, threadAccess } from './discussions.access.ts';
export * from './discussions.read.service.ts';
