// Articles for tests, written through the real service, and an RSS document read back as data.
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import type { Article, User } from '../../models/schema.ts';
import type { Deps } from '../../server/core/deps.ts';
import { toSessionUser } from '../../server/features/accounts/accounts.service.ts';
import { createArticle } from '../../server/features/articles/articles.service.ts';

let n = 0;

/** A published news article by `author` (an animator, editor or admin), with overrides. */
export async function writeArticle(
  deps: Deps,
  author: User,
  overrides: Record<string, unknown> = {},
  now?: Date,
): Promise<Article> {
  n += 1;
  return createArticle(
    deps,
    toSessionUser(author),
    {
      kind: 'news',
      title: `Notizia di prova numero ${n}`,
      summary: 'Una notizia per le prove.',
      body: 'Il testo della notizia.',
      theme: 'servizi-impiego',
      status: 'published',
      ...overrides,
    },
    now,
  );
}

export type RssItem = {
  title: string;
  link: string;
  guid: string;
  pubDate: string;
  description: string;
  categories: string[];
};
export type Rss = { version: string | undefined; title: string; link: string; description: string; items: RssItem[] };

const text = (parent: Element, name: string) => {
  const el = DomUtils.findOne((e) => e.name === name, parent.children, false);
  return el ? DomUtils.textContent(el).trim() : '';
};

/** Parses an RSS 2.0 document (XML mode: CDATA kept as text) into its channel and items. */
export function parseRss(xml: string): Rss {
  const doc = parseDocument(xml, { xmlMode: true });
  const rss = DomUtils.findOne((e) => e.name === 'rss', doc.children, false);
  if (!rss) throw new Error('no <rss> root element');
  const channel = DomUtils.findOne((e) => e.name === 'channel', rss.children, false);
  if (!channel) throw new Error('no <channel>');
  const items = DomUtils.getElementsByTagName('item', channel.children, false).map((item) => ({
    title: text(item, 'title'),
    link: text(item, 'link'),
    guid: text(item, 'guid'),
    pubDate: text(item, 'pubDate'),
    description: text(item, 'description'),
    categories: DomUtils.getElementsByTagName('category', item.children, false).map((c) =>
      DomUtils.textContent(c).trim(),
    ),
  }));
  return {
    version: rss.attribs.version,
    title: text(channel, 'title'),
    link: text(channel, 'link'),
    description: text(channel, 'description'),
    items,
  };
}
