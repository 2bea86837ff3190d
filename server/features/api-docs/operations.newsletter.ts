// /api/v1 operations of the Notiziario (newsletter): the archive and the e-mails' one-click unsubscribe.
import { unsubscribeSchema } from '../newsletter/newsletter.schema.ts';
import { arr, bool, dateTime, int, nullable, obj, str, type Operation } from './operations.builders.ts';

const issue = obj({
  number: int,
  title: str,
  status: { type: 'string', enum: ['draft', 'sent'] },
  periodStart: { type: 'string', format: 'date' },
  periodEnd: { type: 'string', format: 'date' },
  sentAt: nullable(dateTime),
  url: str,
  sections: arr(obj({ key: str, total: int, items: arr(obj({ title: str, url: str }, [])) })),
});

export const NEWSLETTER_OPERATIONS: Operation[] = [
  {
    id: 'listNewsletterIssues',
    method: 'get',
    path: '/api/v1/newsletter',
    tag: 'newsletter',
    auth: 'optional',
    query: { page: { type: 'integer', minimum: 1 } },
    responses: { 200: obj({ issues: arr(issue), total: int, page: int, pages: int }) },
  },
  {
    id: 'unsubscribeNewsletter',
    method: 'post',
    path: '/api/v1/newsletter/unsubscribe',
    tag: 'newsletter',
    auth: 'none',
    query: unsubscribeSchema,
    responses: { 200: obj({ unsubscribed: bool }) },
  },
];
