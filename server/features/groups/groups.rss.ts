// A group's RSS 2.0 feed (the `feed` library writes and escapes the XML): its newest discussions,
// each with a plain-text excerpt of its opening post and absolute links built on PUBLIC_URL. No
// <author>: RSS 2.0 wants an e-mail address there, and members' addresses are not public.
import { Feed } from 'feed';
import type { LatestThreadRow } from '../../../models/queries/threads.ts';
import type { Group } from '../../../models/schema.ts';
import { escapeHtml } from '../../core/text.ts';
import { excerptOf } from '../notifications/notifications.view.ts';

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

export const groupFeedPath = (slug: string) => `/gruppi/${slug}/feed.xml`;

export function groupRss(
  publicUrl: string,
  group: Group,
  threads: LatestThreadRow[],
  text: { title: string; description: string; lang: string },
): string {
  const link = `${publicUrl}/gruppi/${group.slug}`;
  const feed = new Feed({
    id: link,
    link,
    title: text.title,
    description: text.description,
    language: text.lang,
    updated: threads[0]?.createdAt ?? group.createdAt,
    generator: 'Rete SPI',
    feedLinks: { rss: `${publicUrl}${groupFeedPath(group.slug)}` },
  });
  for (const thread of threads) {
    const url = `${publicUrl}/discussioni/${thread.id}`;
    // The `feed` package puts an item's title and description in CDATA and readers render them as
    // HTML: a title or an excerpt is plain text, so `<script>` in it must stay text (escaping also
    // leaves no "]]>" to end the CDATA early).
    feed.addItem({
      title: escapeHtml(thread.title),
      id: url,
      link: url,
      date: thread.createdAt,
      description: thread.body ? escapeHtml(excerptOf(thread.body, 300)) : '',
    });
  }
  return feed.rss2();
}
