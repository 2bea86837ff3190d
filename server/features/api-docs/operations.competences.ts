// The /api/v1 operations of the competence repertory: the repertory as a tree, a flat list or a
// search's matches, and one competence with the courses and practices that develop it. Public.
import { arr, int, nullable, obj, str, type Operation } from './operations.builders.ts';

const code = { type: 'string', pattern: '^[A-Z0-9][A-Z0-9._-]{0,39}$', examples: ['SPI.ACC.01'] };
const named = obj({ code: str, title: str });
const competence = {
  code,
  title: str,
  description: str,
  knowledge: { ...arr(str), description: 'One item per entry' },
  skills: arr(str),
  eqfLevel: { ...nullable(int), minimum: 1, maximum: 8 },
  escoUri: { ...nullable(str), description: 'An ESCO concept (http://data.europa.eu/esco/…), e.g. its ISCO-08 group' },
  url: str,
};
const placed = { ...competence, area: named, profile: named };
const tree = arr(
  obj({
    code: str,
    title: str,
    description: str,
    areas: arr(obj({ code: str, title: str, description: str, competences: arr(obj(competence)) })),
  }),
);
const listed = obj(
  {
    ...placed,
    rank: { type: 'number', description: 'With q: the match rank, best first' },
    snippet: { type: 'string', description: 'With q: HTML whose only elements are <mark> around the matches' },
  },
  ['rank', 'snippet'],
);

export const COMPETENCE_OPERATIONS: Operation[] = [
  {
    id: 'listCompetences',
    method: 'get',
    path: '/api/v1/competences',
    tag: 'competences',
    auth: 'none',
    query: {
      q: {
        type: 'string',
        maxLength: 200,
        description: 'Words (Italian stemming, accents ignored): answers a flat list of matches',
      },
      profile: { ...code, description: 'One profile’s competences only' },
      format: {
        type: 'string',
        enum: ['tree', 'flat'],
        default: 'tree',
        description: 'Without q: the tree or a flat list',
      },
    },
    responses: {
      200: {
        ...obj({ profiles: tree, competences: arr(listed) }, ['profiles', 'competences']),
        description: '`profiles` (format=tree, the default) or `competences` (format=flat, or with q)',
      },
    },
  },
  {
    id: 'getCompetence',
    method: 'get',
    path: '/api/v1/competences/{code}',
    tag: 'competences',
    auth: 'none',
    responses: {
      200: obj({
        competence: obj({
          ...placed,
          courses: arr(obj({ slug: str, title: str, url: str })),
          practices: arr(obj({ slug: str, title: str, organization: str, url: str })),
        }),
      }),
    },
  },
];
