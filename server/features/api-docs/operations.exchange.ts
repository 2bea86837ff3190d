// The /api/v1 operations on Cerco / Offro: the board of active posts, writing and changing a post,
// and a post's matches with their score and reasons.
import { boardQuerySchema, postFields, postPatchSchema } from '../exchange/exchange.schema.ts';
import { arr, dateTime, int, nullable, obj, paged, str, type Operation } from './operations.builders.ts';

const num = { type: 'number' };

const THEMES = [
  'servizi-impiego',
  'formazione',
  'inclusione-sociale',
  'prima-infanzia',
  'e-government',
  'orientamento',
  'invecchiamento-attivo',
  'osservatori',
];
const postShape = obj({
  id: int,
  kind: { type: 'string', enum: ['cerco', 'offro'] },
  title: str,
  description: { type: 'string', description: 'Markdown' },
  descriptionHtml: { type: 'string', description: 'The description rendered and sanitized' },
  theme: { type: 'string', enum: THEMES },
  region: str,
  author: nullable(obj({ id: int, name: str })),
  organization: obj({ slug: str, name: str }),
  practice: nullable(obj({ slug: str, title: str })),
  status: { type: 'string', enum: ['active', 'expired', 'closed'] },
  createdAt: dateTime,
  expiresAt: dateTime,
  closedAt: nullable(dateTime),
  url: str,
});
const reason = obj(
  {
    code: { type: 'string', enum: ['same_theme', 'same_region', 'common_words'] },
    text: { type: 'string', description: 'The reason as a sentence in the request language' },
    theme: str,
    region: str,
    words: { ...arr(str), description: 'Shared words as written in the post ("over 50" kept together)' },
  },
  ['theme', 'region', 'words'],
);
const matchShape = obj(
  {
    kind: { type: 'string', enum: ['exchange', 'practice'] },
    id: { ...int, description: 'kind exchange: the post' },
    postKind: { type: 'string', enum: ['cerco', 'offro'] },
    slug: { ...str, description: 'kind practice: the practice' },
    title: str,
    url: str,
    theme: str,
    region: str,
    organization: nullable(str),
    contact: nullable(obj({ id: int, name: str })),
    score: { ...num, description: '0–1: 0.70·text similarity + 0.20·same theme + 0.10·same region' },
    reasons: arr(reason),
  },
  ['id', 'postKind', 'slug'],
);
const onePost = obj({ post: postShape });

export const EXCHANGE_OPERATIONS: Operation[] = [
  {
    id: 'listExchangePosts',
    method: 'get',
    path: '/api/v1/exchange',
    tag: 'exchange',
    auth: 'none',
    query: boardQuerySchema,
    responses: { 200: paged('posts', postShape) },
  },
  {
    id: 'createExchangePost',
    method: 'post',
    path: '/api/v1/exchange',
    tag: 'exchange',
    auth: 'required',
    body: { name: 'ExchangePostInput', zod: postFields },
    responses: { 201: onePost },
    errors: [403],
  },
  {
    id: 'getExchangePost',
    method: 'get',
    path: '/api/v1/exchange/{id}',
    tag: 'exchange',
    auth: 'optional',
    responses: { 200: onePost },
  },
  {
    id: 'updateExchangePost',
    method: 'patch',
    path: '/api/v1/exchange/{id}',
    tag: 'exchange',
    auth: 'required',
    body: { name: 'ExchangePostPatch', zod: postPatchSchema },
    responses: { 200: onePost },
    errors: [403],
  },
  {
    id: 'getExchangeMatches',
    method: 'get',
    path: '/api/v1/exchange/{id}/matches',
    tag: 'exchange',
    auth: 'optional',
    responses: { 200: obj({ matches: arr(matchShape) }) },
  },
];
