// What an issue is assembled from: each section is a source that lists what happened in the period
// (what is public only: the issue goes to everyone who subscribed and into the public archive).
// A feature with content for the Notiziario (articles, events…) adds its source here, in the order
// the issue shows them.
import type { NewsletterSection } from '../../../models/schema.ts';
import { membersJoinedBetween } from '../../../models/queries/newsletter.ts';
import type { Deps } from '../../core/deps.ts';
import { italianDay } from '../../core/time.ts';
import { publishedBetween } from '../articles/articles.service.ts';
import { eventsBetween } from '../events/events.service.ts';

/** The period, as instants: from the first day's midnight to the midnight after the last day (Italian time). */
export type Period = { from: Date; to: Date };

export type NewsletterSource = (deps: Deps, period: Period) => Promise<NewsletterSection>;

const SECTION_LIMIT = 12;

const newMembers: NewsletterSource = async (deps, period) => {
  const { rows, total } = await membersJoinedBetween(deps.database.db, period.from, period.to, SECTION_LIMIT);
  return {
    key: 'members',
    total,
    items: rows.map((m) => ({
      title: m.name,
      url: `/membri/${m.id}`,
      meta: [m.jobTitle, m.organization].filter(Boolean).join(' – '),
    })),
  };
};

type ArticleKind = Awaited<ReturnType<typeof publishedBetween>>[number]['kind'];

/** The period's published articles of some kinds, newest first, as one section. */
const articlesOf =
  (key: string, kinds: readonly ArticleKind[]): NewsletterSource =>
  async (deps, period) => {
    const found = (await publishedBetween(deps, period.from, period.to))
      .filter((a) => kinds.includes(a.kind))
      .reverse();
    return {
      key,
      total: found.length,
      items: found.slice(0, SECTION_LIMIT).map((a) => ({
        title: a.lawReference ? `${a.lawReference} – ${a.title}` : a.title,
        url: `/notizie/${a.slug}`,
        summary: a.summary,
        date: a.publishedAt ? italianDay(a.publishedAt) : undefined,
      })),
    };
  };

/** What comes next: public events (not course sessions) in the 60 days after the period. */
const UPCOMING_DAYS = 60;
const upcomingEvents: NewsletterSource = async (deps, period) => {
  const found = (
    await eventsBetween(deps, null, {
      from: period.to,
      before: new Date(period.to.getTime() + UPCOMING_DAYS * 86_400_000),
      kinds: ['regional', 'interregional', 'workshop', 'webinar', 'open_day'],
    })
  )
    .map((r) => r.event)
    .filter((e) => e.startsAt >= period.to);
  return {
    key: 'events',
    total: found.length,
    items: found.slice(0, SECTION_LIMIT).map((e) => ({
      title: e.title,
      url: `/eventi/${e.id}`,
      date: italianDay(e.startsAt),
      meta: e.place || undefined,
    })),
  };
};

export const NEWSLETTER_SOURCES: NewsletterSource[] = [
  articlesOf('articles', ['news']),
  articlesOf('press', ['press']),
  articlesOf('laws', ['law', 'document']),
  upcomingEvents,
  newMembers,
];

/** Every section, empty ones left out. */
export async function assembleSections(deps: Deps, period: Period): Promise<NewsletterSection[]> {
  const sections = await Promise.all(NEWSLETTER_SOURCES.map((source) => source(deps, period)));
  return sections.filter((s) => s.items.length > 0);
}
