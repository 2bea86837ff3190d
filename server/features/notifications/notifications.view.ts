// Notification rows → what the centre, the API and the e-mails show: a translated sentence and a link.
import type { TFunction } from 'i18next';
import type { NotificationData, NotificationRow } from '../../../models/queries/notifications.ts';

/** The facts a notification is rendered from (a stored row, or one being created). */
export type NotificationFacts = Pick<
  NotificationRow,
  | 'id'
  | 'kind'
  | 'createdAt'
  | 'readAt'
  | 'actorId'
  | 'actorName'
  | 'threadId'
  | 'threadTitle'
  | 'postId'
  | 'postVisible'
  | 'groupSlug'
  | 'groupName'
> & { data: NotificationData };

export type NotificationView = {
  id: number;
  kind: string;
  read: boolean;
  createdAt: Date;
  actor: { id: number; name: string } | null;
  url: string;
  /** Where the centre's link goes: marks the notification read, then redirects to `url`. */
  openUrl: string;
  text: string;
  excerpt: string | null;
  thread: { id: number; title: string } | null;
  group: { slug: string; name: string } | null;
};

/** The page a notification is about: the post in its thread, else the group. */
export function notificationUrl(f: Pick<NotificationFacts, 'threadId' | 'postId' | 'groupSlug' | 'data'>): string {
  // A post's permalink finds its page, however long the thread has grown.
  if (f.postId) return `/messaggi/${f.postId}`;
  if (f.threadId) return `/discussioni/${f.threadId}`;
  // Course notifications name their page (a local path, set by the platform).
  if (f.data.url && /^\/(?![/\\])/.test(f.data.url)) return f.data.url;
  const slug = f.groupSlug ?? f.data.groupSlug;
  return slug ? `/gruppi/${encodeURIComponent(slug)}` : '/notifiche';
}

export function notificationView(f: NotificationFacts, t: TFunction): NotificationView {
  const actorName = f.actorName ?? f.data.actorName ?? null;
  const threadTitle = f.threadTitle ?? f.data.threadTitle ?? null;
  const groupName = f.groupName ?? f.data.groupName ?? null;
  const groupSlug = f.groupSlug ?? f.data.groupSlug ?? null;
  const text = t(`notifications.kinds.${f.kind}`, {
    actor: actorName ?? t('notifications.someone'),
    thread: threadTitle ?? '',
    group: groupName ?? '',
    title: f.data.title ?? '',
    session: f.data.session ?? '',
    defaultValue: t('notifications.kinds.other'),
  }) as string;
  return {
    id: f.id,
    kind: f.kind,
    read: f.readAt !== null,
    createdAt: f.createdAt,
    actor: f.actorId && actorName ? { id: f.actorId, name: actorName } : null,
    url: notificationUrl(f),
    openUrl: `/notifiche/${f.id}/apri`,
    text,
    // A post hidden or deleted since keeps its notification but no longer shows its words.
    excerpt: f.postVisible && f.data.excerpt ? f.data.excerpt : null,
    thread: f.threadId && threadTitle ? { id: f.threadId, title: threadTitle } : null,
    group: groupSlug && groupName ? { slug: groupSlug, name: groupName } : null,
  };
}

/** The API's shape of a notification. */
export function notificationJson(v: NotificationView) {
  return {
    id: v.id,
    kind: v.kind,
    read: v.read,
    createdAt: v.createdAt.toISOString(),
    actor: v.actor,
    url: v.url,
    text: v.text,
    ...(v.excerpt ? { excerpt: v.excerpt } : {}),
    ...(v.thread ? { thread: v.thread } : {}),
    ...(v.group ? { group: v.group } : {}),
  };
}

/** Plain text of a post's Markdown for a one-line excerpt: no quotes, no markup, at most `max` characters. */
export function excerptOf(markdown: string, max = 160): string {
  // Only the beginning can show: the rest is never scanned (a post may be 100,000 characters).
  const budget = max * 4;
  const kept: string[] = [];
  let length = 0;
  for (const line of markdown.split('\n', budget)) {
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
    length += line.length + 1;
    if (length >= budget) break;
  }
  // Link and image texts keep their words; the character classes exclude their own brackets, so
  // each attempt stops where the next one starts and the whole scan stays linear.
  const plain = kept
    .join(' ')
    .slice(0, budget)
    .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/[*_`#~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}
