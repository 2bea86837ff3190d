// An issue as the API and its page show it.
import type { NewsletterIssue } from '../../../models/schema.ts';

export const issueJson = (i: NewsletterIssue) => ({
  number: i.number,
  title: i.title,
  status: i.status,
  periodStart: i.periodStart,
  periodEnd: i.periodEnd,
  sentAt: i.sentAt?.toISOString() ?? null,
  url: `/notiziario/${i.number}`,
  sections: i.content.map((s) => ({ key: s.key, total: s.total, items: s.items })),
});

/** An issue for its page: each section says how many items it left out. */
export const issuePage = (i: NewsletterIssue) => ({
  ...i,
  content: i.content.map((s) => ({ ...s, more: s.total - s.items.length })),
});
