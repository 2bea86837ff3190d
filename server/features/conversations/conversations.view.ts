// Conversation and message rows → what the pages, the live push and the API show. Pure functions.
import type { ConversationListRow, ParticipantRow } from '../../../models/queries/conversations.ts';
import type { MessageRow } from '../../../models/queries/conversation-messages.ts';
import type { Conversation, ConversationOrigin } from '../../../models/schema.ts';
import { excerptOf } from '../notifications/notifications.view.ts';

export const conversationPath = (id: number) => `/messaggi-privati/${id}`;
export const messageAnchor = (id: number) => `m-${id}`;

/** One row of "my conversations": who else is in it, the latest message's beginning, unread or not. */
export function conversationListItem(row: ConversationListRow) {
  const preview = row.lastKind === 'text' && !row.lastRemoved ? excerptOf(row.lastBody, 120) : '';
  return {
    id: row.id,
    url: conversationPath(row.id),
    subject: row.subject,
    others: row.others.map((o) => o.name).join(', '),
    alone: row.others.length === 0,
    unread: row.unread,
    muted: row.muted,
    lastMessageAt: row.lastMessageAt,
    lastAuthorName: row.lastAuthorName,
    preview,
  };
}

export type MessageView = ReturnType<typeof messageView>;

/** A message as a participant sees it; platform messages ("joined", "left") carry who, not text. */
export function messageView(
  row: MessageRow,
  viewerId: number,
  extra: { unread?: boolean; can?: { report: boolean } } = {},
) {
  return {
    id: row.id,
    anchor: messageAnchor(row.id),
    conversationId: row.conversationId,
    isText: row.kind === 'text',
    isJoined: row.kind === 'joined',
    isLeft: row.kind === 'left',
    authorId: row.authorId,
    authorName: row.authorName,
    authorOrganization: row.authorOrganization,
    html: row.removedAt ? '' : row.bodyHtml,
    removed: Boolean(row.removedAt),
    createdAt: row.createdAt,
    mine: row.authorId === viewerId,
    unread: extra.unread ?? false,
    can: extra.can ?? { report: false },
    reportUrl: `${conversationPath(row.conversationId)}/messaggi/${row.id}/segnala`,
    userName: row.data.userName ?? '',
    byName: row.data.byName ?? '',
  };
}

/** The links a conversation was born from ("Nata da: …"), and whether it offers a twinning. */
export function originView(origin: ConversationOrigin | null) {
  if (!origin) return null;
  return {
    kind: origin.kind,
    links: origin.links,
    twinning: origin.kind === 'match' || origin.twinningProposal === true,
    twinningUrl: proposalUrl(origin.links),
  };
}

/** "Proponi un gemellaggio": the proposal form, prefilled from the posts and the practice linked. */
function proposalUrl(links: { url: string }[]): string {
  const posts = links.flatMap((l) => /^\/cerco-offro\/(\d+)$/.exec(l.url)?.[1] ?? []);
  const practice = links.flatMap((l) => /^\/buone-pratiche\/([a-z0-9-]+)$/.exec(l.url)?.[1] ?? [])[0];
  const query = new URLSearchParams();
  if (posts.length) query.set('annunci', posts.join(','));
  if (practice) query.set('pratica', practice);
  return `/gemellaggi/nuovo${query.size ? `?${query.toString()}` : ''}`;
}

export const participantView = (p: ParticipantRow, viewerId: number, blockedWith: readonly number[]) => ({
  id: p.userId,
  name: p.name,
  handle: p.handle,
  jobTitle: p.jobTitle,
  organizationName: p.organizationName,
  self: p.userId === viewerId,
  blocked: blockedWith.includes(p.userId),
});

// --- JSON API --------------------------------------------------------------------------------------

export function messageJson(row: MessageRow) {
  const removed = Boolean(row.removedAt);
  return {
    id: row.id,
    conversationId: row.conversationId,
    kind: row.kind,
    author: row.authorId ? { id: row.authorId, name: row.authorName ?? '' } : null,
    body: removed ? '' : row.body,
    bodyHtml: removed ? '' : row.bodyHtml,
    removed,
    ...(row.kind === 'text' ? {} : { user: { id: row.data.userId ?? null, name: row.data.userName ?? '' } }),
    createdAt: row.createdAt.toISOString(),
  };
}

export function conversationListJson(row: ConversationListRow) {
  return {
    id: row.id,
    subject: row.subject,
    participants: row.others,
    unread: row.unread,
    muted: row.muted,
    lastMessageAt: row.lastMessageAt.toISOString(),
    url: conversationPath(row.id),
  };
}

export function conversationJson(
  conversation: Conversation,
  people: ParticipantRow[],
  participant: { muted: boolean; lastReadMessageId: number },
) {
  return {
    id: conversation.id,
    subject: conversation.subject,
    origin: conversation.origin,
    participants: people.map((p) => ({ id: p.userId, name: p.name, handle: p.handle })),
    muted: participant.muted,
    lastReadMessageId: participant.lastReadMessageId,
    createdAt: conversation.createdAt.toISOString(),
    lastMessageAt: conversation.lastMessageAt.toISOString(),
    url: conversationPath(conversation.id),
  };
}
