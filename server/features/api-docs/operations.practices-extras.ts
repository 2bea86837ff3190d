// The /api/v1 operations of the good-practice catalogue and of reuse: the catalogue list, the open
// registry export, reuse declarations (and their withdrawal) and stories.
import {
  ORGANIZATION_KINDS,
  PRACTICE_THEMES,
  exportQuerySchema,
  practiceListQuerySchema,
} from '../practices/practices.catalogue.schema.ts';
import { REUSE_STATUSES, REUSE_TEXT_MAX } from '../practices/practices.reuses.schema.ts';
import { STORY_BODY_MAX, STORY_TITLE_MAX } from '../practices/practices.stories.schema.ts';
import { arr, dateTime, int, nullable, obj, paged, str, type Operation } from './operations.builders.ts';

const theme = { type: 'string', enum: [...PRACTICE_THEMES] };
const day = { type: 'string', format: 'date' };

const practiceSummary = obj(
  {
    slug: str,
    title: str,
    summary: str,
    organization: obj({ slug: str, name: str, kind: { type: 'string', enum: [...ORGANIZATION_KINDS] } }),
    region: str,
    territorialLevel: str,
    theme,
    reuseCount: int,
    validationScore: { ...nullable({ type: 'number' }), description: 'Mean of the latest validation scores (1–4)' },
    publishedAt: nullable(dateTime),
    url: str,
    snippet: { type: 'string', description: 'With q: HTML whose only elements are <mark> around the matches' },
  },
  ['snippet'],
);

const reuseShape = obj({
  id: int,
  practice: obj({ slug: str, url: str, reuseCount: int }),
  organization: obj({ slug: str, name: str }),
  status: { type: 'string', enum: [...REUSE_STATUSES] },
  startedOn: nullable(day),
  components: arr(str),
  adaptationNotes: str,
  outcome: str,
  declaredBy: nullable(obj({ id: int, name: nullable(str) })),
  createdAt: dateTime,
  updatedAt: dateTime,
});

const storyShape = obj({
  id: int,
  practice: obj({ slug: str, url: str }),
  title: str,
  body: { type: 'string', description: 'Markdown' },
  bodyHtml: str,
  status: { type: 'string', enum: ['pending', 'published', 'rejected'] },
  createdAt: dateTime,
});

/** The open registry (JSON; with format=csv the same records as text/csv). */
const registry = obj({
  licence: obj({ id: str, name: str, url: str }),
  generatedAt: dateTime,
  source: str,
  count: int,
  practices: arr({ type: 'object', description: 'slug, url, title, summary, status, archived, organizations, …' }),
});

export const PRACTICE_EXTRAS_OPERATIONS: Operation[] = [
  {
    id: 'listPracticeCatalogue',
    method: 'get',
    path: '/api/v1/practices',
    tag: 'practice-reuse',
    auth: 'none',
    query: practiceListQuerySchema,
    responses: { 200: paged('practices', practiceSummary) },
  },
  {
    id: 'exportPracticeRegistry',
    method: 'get',
    path: '/api/v1/practices/export',
    tag: 'practice-reuse',
    auth: 'none',
    query: exportQuerySchema,
    responses: { 200: registry },
  },
  {
    id: 'declarePracticeReuse',
    method: 'post',
    path: '/api/v1/practices/{slug}/reuses',
    tag: 'practice-reuse',
    auth: 'required',
    body: {
      name: 'ReuseInput',
      schema: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: [...REUSE_STATUSES] },
          startedOn: { ...day, description: 'Not in the future' },
          components: { type: 'array', items: str, description: "Codes of the practice's components" },
          adaptationNotes: { type: 'string', maxLength: REUSE_TEXT_MAX },
          outcome: { type: 'string', maxLength: REUSE_TEXT_MAX },
        },
        required: ['status'],
      },
    },
    responses: { 200: obj({ reuse: reuseShape }), 201: obj({ reuse: reuseShape }) },
    errors: [403],
  },
  {
    id: 'withdrawPracticeReuse',
    method: 'delete',
    path: '/api/v1/practices/{slug}/reuses',
    tag: 'practice-reuse',
    auth: 'required',
    responses: { 204: null },
  },
  {
    id: 'sendPracticeStory',
    method: 'post',
    path: '/api/v1/practices/{slug}/stories',
    tag: 'practice-reuse',
    auth: 'required',
    body: {
      name: 'StoryInput',
      schema: {
        type: 'object',
        properties: {
          title: { type: 'string', minLength: 3, maxLength: STORY_TITLE_MAX },
          body: { type: 'string', minLength: 20, maxLength: STORY_BODY_MAX, description: 'Markdown' },
        },
        required: ['title', 'body'],
      },
    },
    responses: { 201: obj({ story: storyShape }) },
    errors: [409],
  },
];
