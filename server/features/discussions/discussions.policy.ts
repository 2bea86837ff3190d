// Who may do what with threads and posts, given the actor's access to the group.
import type { Post, Thread } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';
import type { GroupAccess } from '../groups/groups.service.ts';

type PostState = Pick<Post, 'authorId' | 'deletedAt' | 'hiddenAt'>;

export const canReply = (access: GroupAccess, thread: Pick<Thread, 'locked'>): boolean =>
  access.can.post && (!thread.locked || access.can.moderate);

/** Authors edit their own visible posts while they can still post in the group. */
export const canEditPost = (actor: Actor, access: GroupAccess, post: PostState): boolean =>
  Boolean(actor && post.authorId === actor.id && !post.deletedAt && !post.hiddenAt && access.can.post);

export const canDeletePost = (actor: Actor, access: GroupAccess, post: PostState): boolean =>
  Boolean(actor && !post.deletedAt && (post.authorId === actor.id || access.can.moderate));

/** A hidden post's text is shown only to moderators; deleted posts to nobody. */
export const canSeePostBody = (access: GroupAccess, post: PostState): boolean =>
  !post.deletedAt && (!post.hiddenAt || access.can.moderate);

export const canSeeHistory = (access: GroupAccess): boolean => access.can.moderate;

export const canReact = (actor: Actor, access: GroupAccess, post: PostState): boolean =>
  Boolean(actor && access.can.post && !post.deletedAt && !post.hiddenAt);

export const canFlag = (actor: Actor, access: GroupAccess, post: PostState): boolean =>
  Boolean(actor && access.can.read && !post.deletedAt && !post.hiddenAt && post.authorId !== actor.id);
