// The /api/v1 operation of the site-wide search.
import { searchQuerySchema } from '../search/search.schema.ts';
import { arr, int, obj, str, type JsonSchema, type Operation } from './operations.builders.ts';

const result: JsonSchema = obj(
  {
    type: {
      type: 'string',
      description: 'thread, post, course, lesson, member, organization (and the types added later)',
    },
    id: int,
    slug: str,
    title: str,
    url: { type: 'string', description: 'The page of the result, relative to the site.' },
    snippet: {
      type: 'string',
      description: 'Text around the words found, HTML-escaped; its only elements are <mark> around those words.',
    },
  },
  ['slug'],
);

export const SEARCH_OPERATIONS: Operation[] = [
  {
    id: 'search',
    method: 'get',
    path: '/api/v1/search',
    tag: 'search',
    auth: 'optional',
    query: searchQuerySchema,
    responses: {
      200: obj({
        results: arr(result),
        facets: {
          type: 'object',
          additionalProperties: int,
          description: 'Matches per type (every type, 0 included); at most 100 per type are ranked and counted.',
        },
        capped: { ...arr(str), description: 'Types with at least as many matches as their count (there are more).' },
        total: int,
        page: int,
        pages: int,
      }),
    },
  },
];
