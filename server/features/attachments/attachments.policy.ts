// Who may download an attachment: the group rules of the post it belongs to, or only its
// uploader while it belongs to no post yet.
import type { Group } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';
import { canModerateGroup, canReadGroup, type Membership } from '../groups/groups.policy.ts';

export type AttachmentPlace = {
  uploaderId: number | null;
  /** The post it is linked to (deleted when the post or its thread is), or null for a fresh upload. */
  post: { deleted: boolean; hidden: boolean; group: Pick<Group, 'visibility'> } | null;
};

/** Reads the file: whoever reads the post's group, while the post is visible (hidden ones: moderators). */
export function canReadAttachment(actor: Actor, place: AttachmentPlace, m: Membership): boolean {
  if (!place.post) return actor !== null && actor.id === place.uploaderId;
  if (place.post.deleted || !canReadGroup(actor, place.post.group, m)) return false;
  return !place.post.hidden || canModerateGroup(actor, m);
}
