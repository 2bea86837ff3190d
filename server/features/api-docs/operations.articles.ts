// The /api/v1 operations on articles: the information channel's news, press reviews, laws and documents.
import {
  ARTICLE_KINDS,
  ARTICLE_STATUSES,
  ARTICLE_THEMES,
  LAW_STATUSES,
  articleListQuerySchema,
} from '../articles/articles.schema.ts';
import { str, int, dateTime, nullable, arr, obj, type JsonSchema, type Operation } from './operations.builders.ts';

const kind = { type: 'string', enum: [...ARTICLE_KINDS] };
const theme = { type: 'string', enum: [...ARTICLE_THEMES] };
const status = { type: 'string', enum: [...ARTICLE_STATUSES] };
const lawStatus = { type: 'string', enum: [...LAW_STATUSES] };
const httpUrl = { type: 'string', format: 'uri', pattern: '^https?://' };
const author = nullable(obj({ id: int, name: nullable(str) }));
const pressItem = obj(
  { newspaper: str, date: { type: 'string', format: 'date' }, title: str, url: httpUrl, summary: str },
  ['summary'],
);

const articleSummary = obj(
  {
    id: int,
    slug: str,
    kind,
    title: str,
    summary: str,
    theme,
    tags: arr(str),
    status,
    publishedAt: nullable(dateTime),
    author,
    law: obj({ reference: nullable(str), date: nullable(str), status: nullable(lawStatus) }),
    url: str,
  },
  ['law'],
);

const articleDetail = obj({
  id: int,
  slug: str,
  kind,
  title: str,
  summary: str,
  body: str,
  bodyHtml: str,
  theme,
  tags: arr(str),
  status,
  publishedAt: nullable(dateTime),
  author,
  law: nullable(
    obj({ reference: str, date: nullable(str), issuer: nullable(str), status: lawStatus, url: nullable(str) }),
  ),
  pressItems: arr(pressItem),
  attachments: arr(obj({ id: int, filename: str, mime: str, size: int, url: str })),
  related: arr(obj({ slug: str, title: str, kind, url: str })),
  url: str,
});

/**
 * The article input, written out: its zod schema validates with rules JSON Schema cannot say (a
 * scheduled date in the future, kind-specific fields), which the descriptions state instead.
 */
const articleInput = (required: string[]): JsonSchema => ({
  type: 'object',
  properties: {
    kind,
    title: { type: 'string', minLength: 3, maxLength: 200 },
    summary: { type: 'string', minLength: 1, maxLength: 300, description: 'One line' },
    body: { type: 'string', maxLength: 100_000, description: 'Markdown; required for news' },
    theme,
    tags: { type: 'array', items: { type: 'string', minLength: 2, maxLength: 40 }, maxItems: 10 },
    status: { ...status, default: 'draft' },
    publishAt: { type: 'string', format: 'date-time', description: 'Required with status "scheduled"; in the future' },
    related: { type: 'array', items: str, maxItems: 10, description: 'Slugs of related articles' },
    lawReference: { type: 'string', maxLength: 120, description: 'Laws: required, e.g. "D.Lgs. 150/2015"' },
    lawDate: { type: 'string', format: 'date' },
    lawIssuer: { type: 'string', maxLength: 200 },
    lawStatus: { ...lawStatus, description: 'Laws: required' },
    lawUrl: httpUrl,
    pressItems: { type: 'array', items: pressItem, maxItems: 50, description: 'Press reviews: at least one' },
    attachmentIds: {
      type: 'array',
      items: { type: 'integer', minimum: 1 },
      maxItems: 10,
      description: 'Uploads (POST /api/v1/attachments) to attach; documents need at least one',
    },
    removeAttachmentIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 10 },
  },
  required,
});

export const ARTICLE_OPERATIONS: Operation[] = [
  {
    id: 'listArticles',
    method: 'get',
    path: '/api/v1/articles',
    tag: 'articles',
    auth: 'none',
    query: articleListQuerySchema,
    responses: { 200: obj({ articles: arr(articleSummary), next: nullable(int), prev: nullable(int) }) },
  },
  {
    id: 'createArticle',
    method: 'post',
    path: '/api/v1/articles',
    tag: 'articles',
    auth: 'required',
    body: { name: 'ArticleInput', schema: articleInput(['kind', 'title', 'summary', 'theme']) },
    responses: { 201: obj({ article: articleDetail }) },
    errors: [403],
  },
  {
    id: 'getArticle',
    method: 'get',
    path: '/api/v1/articles/{slug}',
    tag: 'articles',
    auth: 'optional',
    responses: { 200: obj({ article: articleDetail }) },
  },
  {
    id: 'updateArticle',
    method: 'patch',
    path: '/api/v1/articles/{slug}',
    tag: 'articles',
    auth: 'required',
    body: { name: 'ArticlePatch', schema: articleInput([]) },
    responses: { 200: obj({ article: articleDetail }) },
    errors: [403],
  },
];
