// What an issue is assembled from: each section is a source that lists what happened in the period.
// A feature with content for the Notiziario (articles, events…) adds its source here, in the order
// the issue shows them.
import type { NewsletterSection } from '../../../models/schema.ts';
import { membersJoinedBetween } from '../../../models/queries/newsletter.ts';
import type { Deps } from '../../core/deps.ts';

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

export const NEWSLETTER_SOURCES: NewsletterSource[] = [newMembers];

/** Every section, empty ones left out. */
export async function assembleSections(deps: Deps, period: Period): Promise<NewsletterSection[]> {
  const sections = await Promise.all(NEWSLETTER_SOURCES.map((source) => source(deps, period)));
  return sections.filter((s) => s.items.length > 0);
}
