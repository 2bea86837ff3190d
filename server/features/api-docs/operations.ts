// The catalogue of /api/v1 operations: what each route takes and answers. Request bodies and query
// strings point at the zod schemas the services validate with, so the document follows validation;
// response shapes are written here (they come from the *.view.ts presenters). The API docs test
// fails when a registered route is missing from this list or a listed one no longer exists.
import { ARTICLE_OPERATIONS } from './operations.articles.ts';
import { COURSE_OPERATIONS } from './operations.courses.ts';
import { DISCUSSION_OPERATIONS } from './operations.discussions.ts';
import { EVENT_OPERATIONS } from './operations.events.ts';
import { EXCHANGE_OPERATIONS } from './operations.exchange.ts';
import { GROUP_OPERATIONS } from './operations.groups.ts';
import { PEOPLE_OPERATIONS } from './operations.people.ts';
import { NEWSLETTER_OPERATIONS } from './operations.newsletter.ts';
import { SEARCH_OPERATIONS } from './operations.search.ts';
import { CONVERSATION_OPERATIONS } from './operations.conversations.ts';
import { PRACTICE_EXTRAS_OPERATIONS } from './operations.practices-extras.ts';
import { PRACTICE_OPERATIONS } from './operations.practices.ts';
import { COMPETENCE_OPERATIONS } from './operations.competences.ts';
import { BOOKLET_OPERATIONS } from './operations.booklet.ts';
import { CREDENTIAL_OPERATIONS } from './operations.credentials.ts';
import { MONITORING_OPERATIONS } from './operations.monitoring.ts';
import { PRIVACY_OPERATIONS } from './operations.privacy.ts';
import { TWINNING_OPERATIONS } from './operations.twinnings.ts';
import { QUESTIONNAIRE_OPERATIONS } from './operations.questionnaires.ts';
import { WEBHOOK_OPERATIONS } from './operations.webhooks.ts';
import { OFFER_OPERATIONS } from './operations.offers.ts';
import type { Operation } from './operations.builders.ts';

export * from './operations.builders.ts';

export const OPERATIONS: Operation[] = [
  ...PEOPLE_OPERATIONS,
  ...GROUP_OPERATIONS,
  ...DISCUSSION_OPERATIONS,
  ...COURSE_OPERATIONS,
  ...NEWSLETTER_OPERATIONS,
  ...ARTICLE_OPERATIONS,
  ...EVENT_OPERATIONS,
  ...EXCHANGE_OPERATIONS,
  ...SEARCH_OPERATIONS,
  ...CONVERSATION_OPERATIONS,
  ...PRACTICE_EXTRAS_OPERATIONS,
  ...PRACTICE_OPERATIONS,
  ...COMPETENCE_OPERATIONS,
  ...BOOKLET_OPERATIONS,
  ...CREDENTIAL_OPERATIONS,
  ...MONITORING_OPERATIONS,
  ...PRIVACY_OPERATIONS,
  ...TWINNING_OPERATIONS,
  ...QUESTIONNAIRE_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...OFFER_OPERATIONS,
  // --- meta
  {
    id: 'getOpenApi',
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'meta',
    auth: 'none',
    responses: { 200: { type: 'object' } },
  },
];
