// An RSS 2.0 document of published articles (the `feed` package writes and escapes the XML).
import { Feed } from 'feed';
import { escapeHtml } from '../../core/text.ts';
import type { CardWithTags } from './articles.read.service.ts';

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

/**
 * Plain text as HTML text. The `feed` package puts an item's title and description in CDATA, and
 * readers render them as HTML: a summary is plain text, so `<img onerror=…>` in it must stay text.
 */
const htmlText = escapeHtml;

export type RssChannel = {
  title: string;
  description: string;
  /** The list page the feed follows, and the feed's own address, both absolute. */
  pageUrl: string;
  feedUrl: string;
  language: string;
  /** The public site address, to make each item's link absolute. */
  siteUrl: string;
  themeLabel: (theme: string) => string;
};

export function articlesRss(channel: RssChannel, items: CardWithTags[]): string {
  const feed = new Feed({
    title: channel.title,
    description: channel.description,
    id: channel.pageUrl,
    link: channel.pageUrl,
    language: channel.language,
    feedLinks: { rss: channel.feedUrl },
    updated: items[0]?.publishedAt ?? undefined,
    generator: 'Rete SPI',
    copyright: channel.title,
    ttl: 60,
  });
  for (const a of items) {
    const link = `${channel.siteUrl}/notizie/${a.slug}`;
    feed.addItem({
      title: htmlText(a.title),
      id: link,
      guid: link,
      link,
      date: a.publishedAt!,
      description: htmlText(a.summary),
      category: [{ name: channel.themeLabel(a.theme) }, ...a.tags.map((t) => ({ name: t }))],
      ...(a.authorName ? { author: [{ name: a.authorName }] } : {}),
    });
  }
  return feed.rss2();
}
