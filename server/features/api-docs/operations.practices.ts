// The /api/v1 operations on the good-practice registry: a practice's record and its lifecycle
// (submit, the validation protocol, publish, archive). The published list (GET /api/v1/practices),
// reuse declarations and stories are documented with the catalogue's operations.
import {
  KIT_KINDS,
  MAX_ROWS,
  MAX_TAGS,
  PRACTICE_STATUSES,
  PRACTICE_THEMES,
  REGIONS,
  TERRITORIAL_LEVELS,
  VALIDATION_DECISIONS,
} from '../practices/practices.schema.ts';
import { arr, dateTime, int, nullable, obj, str, type JsonSchema, type Operation } from './operations.builders.ts';

const status = { type: 'string', enum: [...PRACTICE_STATUSES] };
const theme = { type: 'string', enum: [...PRACTICE_THEMES] };
const level = { type: 'string', enum: [...TERRITORIAL_LEVELS] };
const region = { type: 'string', enum: [...REGIONS] };
const httpUrl = { type: 'string', format: 'uri', pattern: '^https?://' };
const day = { type: 'string', format: 'date' };
const named = obj({ slug: str, name: str });
const indicator = obj({ name: str, value: str, unit: str, date: nullable(day) }, ['unit', 'date']);
const link = obj({ label: str, url: httpUrl });
const component = obj({ code: str, title: str, description: str }, ['description']);
const score = { type: 'integer', minimum: 1, maximum: 4 };

const practiceDetail = obj({
  id: int,
  slug: str,
  status,
  title: str,
  summary: str,
  description: { type: 'string', description: 'Markdown' },
  descriptionHtml: { type: 'string', description: 'Sanitised HTML' },
  organization: named,
  coOwners: arr(named),
  contact: nullable(obj({ id: int, name: str, url: str })),
  createdBy: nullable(obj({ id: int, name: nullable(str) })),
  coAuthors: arr(obj({ id: int, name: str, handle: str })),
  region,
  territorialLevel: level,
  theme,
  targetUsers: str,
  objectives: str,
  results: str,
  indicators: arr(indicator),
  resources: str,
  costs: str,
  reuseRequirements: str,
  licence: str,
  startedOn: nullable(day),
  endedOn: nullable(day),
  links: arr(link),
  components: arr(component),
  kit: arr(
    obj({
      kind: { type: 'string', enum: [...KIT_KINDS] },
      title: str,
      url: nullable(str),
      attachmentId: nullable(int),
    }),
  ),
  tags: arr(str),
  competenceCodes: arr(str),
  files: arr(obj({ id: int, filename: str, mime: str, size: int, url: str })),
  version: { type: 'integer', description: 'The published version (0 before the first publication)' },
  validationScore: nullable({ type: 'number', description: 'Mean of the published validation’s scores (1–4)' }),
  reuseCount: int,
  validation: nullable(
    obj({
      decision: { type: 'string', enum: ['validated'] },
      validator: nullable(obj({ id: int, name: nullable(str) })),
      decidedAt: dateTime,
      strengths: str,
      weaknesses: str,
      summary: str,
      mean: nullable({ type: 'number' }),
      version: nullable({
        type: 'integer',
        description: 'The published version the validation judged (null before publication)',
      }),
      current: {
        type: 'boolean',
        description: 'false when changes were published after the validation (a later version is current)',
      },
      scores: arr(
        obj({
          criterion: str,
          label: str,
          score: { ...nullable(score), description: 'null: criterion not assessed ("non valutato")' },
          note: str,
        }),
      ),
    }),
  ),
  missingForPublication: {
    type: 'array',
    items: str,
    description: 'For its authors and validators: fields publication still needs',
  },
  submittedAt: nullable(dateTime),
  validatedAt: nullable(dateTime),
  publishedAt: nullable(dateTime),
  archivedAt: nullable(dateTime),
  createdAt: dateTime,
  updatedAt: dateTime,
  url: str,
});

/**
 * The practice input, written out (its zod schema accepts forms' comma lists too). Everything
 * beyond the draft's six fields is optional; submission and publication need the fields listed in
 * missingForPublication (400 names them).
 */
const practiceInput = (required: string[]): JsonSchema => ({
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 3, maxLength: 200 },
    summary: { type: 'string', minLength: 1, maxLength: 600 },
    description: { type: 'string', minLength: 1, maxLength: 100_000, description: 'Markdown' },
    organization: {
      type: 'string',
      description: 'Slug of the lead administration: a member’s own, any for animators and admins',
    },
    coOwners: { type: 'array', items: str, maxItems: 10, description: 'Slugs of further owner administrations' },
    contact: { type: 'string', description: 'Handle of the contact person (default: the creator)' },
    coAuthors: { type: 'array', items: str, maxItems: 10, description: 'Handles of co-authors (they edit the draft)' },
    region,
    territorialLevel: { ...level, default: 'regional' },
    theme,
    targetUsers: { type: 'string', maxLength: 5000 },
    objectives: { type: 'string', maxLength: 5000 },
    results: { type: 'string', maxLength: 10_000 },
    indicators: { type: 'array', items: indicator, maxItems: MAX_ROWS.indicators },
    resources: { type: 'string', maxLength: 5000 },
    costs: { type: 'string', maxLength: 5000 },
    reuseRequirements: { type: 'string', maxLength: 5000 },
    licence: { type: 'string', maxLength: 120 },
    startedOn: day,
    endedOn: day,
    links: { type: 'array', items: link, maxItems: MAX_ROWS.links },
    components: { type: 'array', items: component, maxItems: MAX_ROWS.components },
    kit: {
      type: 'array',
      maxItems: MAX_ROWS.kit,
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: [...KIT_KINDS] },
          title: str,
          url: httpUrl,
          attachmentId: {
            type: 'integer',
            minimum: 1,
            description: 'An upload (POST /api/v1/attachments): linked to the practice',
          },
        },
        required: ['kind', 'title'],
        description: 'A url or an attachmentId, not both',
      },
    },
    tags: { type: 'array', items: { type: 'string', minLength: 2, maxLength: 40 }, maxItems: MAX_TAGS },
    competenceCodes: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9._-]{0,39}$' },
      maxItems: 20,
      description:
        'Codes of the competence repertory (GET /api/v1/competences) the practice develops; an unknown code is a 400',
    },
    attachmentIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 10 },
    removeAttachmentIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 10 },
    note: { type: 'string', maxLength: 300, description: 'Published practices: the new version’s note' },
  },
  required,
});

const transition = {
  name: 'PracticeTransition',
  schema: obj({ comment: { type: 'string', maxLength: 2000 } }, ['comment']),
  required: false,
};
const practiceOut = obj({ practice: practiceDetail });
const lifecycle = (id: string, path: string, errors: number[]): Operation => ({
  id,
  method: 'post',
  path: `/api/v1/practices/{slug}/${path}`,
  tag: 'practices',
  auth: 'required',
  body: transition,
  responses: { 200: practiceOut },
  errors,
});

export const PRACTICE_OPERATIONS: Operation[] = [
  {
    id: 'createPractice',
    method: 'post',
    path: '/api/v1/practices',
    tag: 'practices',
    auth: 'required',
    body: {
      name: 'PracticeInput',
      schema: practiceInput(['title', 'summary', 'description', 'organization', 'region', 'theme']),
    },
    responses: { 201: practiceOut },
    errors: [403],
  },
  {
    id: 'getPractice',
    method: 'get',
    path: '/api/v1/practices/{slug}',
    tag: 'practices',
    auth: 'optional',
    responses: { 200: practiceOut },
  },
  {
    id: 'updatePractice',
    method: 'patch',
    path: '/api/v1/practices/{slug}',
    tag: 'practices',
    auth: 'required',
    body: { name: 'PracticePatch', schema: practiceInput([]) },
    responses: {
      200: obj({
        practice: {
          type: 'object',
          description:
            'The practice; only slug, status, title and url when the writer no longer reads it (a co-author who took themselves off a draft)',
        },
      }),
    },
    errors: [403, 409],
  },
  lifecycle('submitPractice', 'submit', [403, 409]),
  {
    id: 'validatePractice',
    method: 'post',
    path: '/api/v1/practices/{slug}/validate',
    tag: 'practices',
    auth: 'required',
    body: {
      name: 'PracticeValidation',
      schema: {
        type: 'object',
        properties: {
          decision: { type: 'string', enum: [...VALIDATION_DECISIONS] },
          scores: {
            type: 'object',
            description: 'Active criterion key → 1–4, or {score, note}; criteria left out show as not assessed',
            additionalProperties: { oneOf: [score, obj({ score, note: str }, ['note'])] },
          },
          strengths: { type: 'string', maxLength: 5000 },
          weaknesses: { type: 'string', maxLength: 5000 },
          comment: { type: 'string', maxLength: 5000, description: 'Required with "returned"' },
        },
        required: ['decision'],
      },
    },
    responses: {
      200: obj({
        practice: {
          type: 'object',
          description: 'The practice (only slug, status, title and url when returned: a draft again)',
        },
        validation: obj({
          id: int,
          decision: { type: 'string', enum: [...VALIDATION_DECISIONS] },
          strengths: str,
          weaknesses: str,
          comment: str,
          scores: { type: 'object', additionalProperties: obj({ score, note: str }) },
          createdAt: dateTime,
        }),
      }),
    },
    errors: [403, 409],
  },
  lifecycle('publishPractice', 'publish', [403, 409]),
  lifecycle('archivePractice', 'archive', [403, 409]),
];
