// The /api/v1 operations on the booklet (Libretto formativo): the booklet and its portable export,
// declared experiences with evidence, and recognition requests with the assessors' decisions.
import {
  DECISIONS,
  EVIDENCE_MIMES,
  EXPERIENCE_KINDS,
  MAX_COMPETENCES,
  MAX_EVIDENCE,
} from '../booklet/booklet.schema.ts';
import {
  arr,
  bool,
  dateTime,
  int,
  nullable,
  obj,
  str,
  type JsonSchema,
  type Operation,
} from './operations.builders.ts';

const day = { type: 'string', format: 'date' };
const kind = { type: 'string', enum: [...EXPERIENCE_KINDS] };
const status = { type: 'string', enum: ['requested', 'more_info', 'validated', 'refused', 'withdrawn'] };
const competence = obj({ code: str, title: str });
const level = { type: 'integer', minimum: 1, maximum: 8 };
const evidence = obj({ id: int, filename: str, mime: str, size: int, url: str });
const codes = {
  type: 'array',
  items: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9._-]{0,39}$' },
  maxItems: MAX_COMPETENCES,
  description: 'Repertory competence codes (an unknown code is a 400)',
};
const ids = (description: string) => ({
  type: 'array',
  items: { type: 'integer', minimum: 1 },
  maxItems: MAX_EVIDENCE,
  description,
});

const entry = obj({
  course: obj({ slug: str, title: str }),
  completedAt: dateTime,
  hours: { type: 'number' },
  competences: arr(competence),
  credentialId: { ...nullable(str), description: 'The course credential (/credenziali/{id}), when one was issued' },
});
const experience = obj({
  id: int,
  kind,
  title: str,
  place: str,
  startedOn: day,
  endedOn: nullable(day),
  hours: nullable({ type: 'number' }),
  description: str,
  competences: arr(competence),
  evidence: arr(evidence),
  locked: { ...bool, description: 'Cited by an open or validated request: it can be neither changed nor deleted' },
});
const summary = obj({
  code: str,
  title: str,
  sources: arr({ type: 'string', enum: ['course', 'declared', 'validated'] }),
  level: { ...nullable(level), description: 'The validated level, else the repertory’s EQF level' },
  validation: nullable(obj({ id: int, status, level: nullable(level) })),
});
const request = obj({
  id: int,
  status,
  competence,
  experience: nullable(obj({ id: int, title: str })),
  person: obj({ id: int, name: str }),
  message: str,
  level: nullable(level),
  reason: str,
  assessor: nullable(obj({ id: int, name: str })),
  createdAt: dateTime,
  updatedAt: dateTime,
  decidedAt: nullable(dateTime),
  url: str,
});
const requestWithSteps = obj({
  validationRequest: {
    ...request,
    properties: {
      ...(request.properties as Record<string, JsonSchema>),
      steps: arr(
        obj({
          action: { type: 'string', enum: ['requested', 'more_info', 'answered', 'validated', 'refused', 'withdrawn'] },
          comment: str,
          actor: nullable(obj({ id: int, name: str })),
          createdAt: dateTime,
        }),
      ),
    },
    required: [...(request.required as string[]), 'steps'],
  },
});

const experienceProps = {
  kind,
  title: { type: 'string', minLength: 3, maxLength: 200 },
  place: { type: 'string', maxLength: 200 },
  startedOn: { ...day, description: 'Not in the future' },
  endedOn: { ...day, description: 'Not before startedOn; absent: still going on' },
  hours: { type: 'number', minimum: 0, maximum: 99_999 },
  description: { type: 'string', maxLength: 5000 },
  competences: codes,
  attachmentIds: ids(
    `Uploads (POST /api/v1/attachments) to add as evidence: documents only (${EVIDENCE_MIMES.join(', ')})`,
  ),
};
const experienceBody = (name: string, required: string[]) => ({
  name,
  schema: {
    type: 'object',
    properties: {
      ...experienceProps,
      ...(required.length ? {} : { removeEvidenceIds: ids('Evidence files to remove') }),
    },
    required,
    description: `JSON, or multipart/form-data with the same fields and up to ${MAX_EVIDENCE} document files in "files"`,
  },
});

export const BOOKLET_OPERATIONS: Operation[] = [
  {
    id: 'getBooklet',
    method: 'get',
    path: '/api/v1/booklet',
    tag: 'booklet',
    auth: 'required',
    responses: { 200: obj({ entries: arr(entry), declared: arr(experience), competences: arr(summary) }) },
  },
  {
    id: 'exportBooklet',
    method: 'get',
    path: '/api/v1/booklet/export',
    tag: 'booklet',
    auth: 'required',
    responses: {
      200: obj({
        format: { type: 'string', const: 'rete-spi-libretto-formativo' },
        version: int,
        exportedAt: dateTime,
        issuer: obj({ name: str, url: str }),
        person: obj({ name: str, organization: nullable(str), jobTitle: str, region: nullable(str) }),
        entries: arr(entry),
        declared: arr(experience),
        competences: arr(summary),
        validations: arr(request),
        credentials: arr(
          obj({
            id: str,
            kind: { type: 'string', enum: ['course', 'competence'] },
            achievementTitle: str,
            issuedAt: dateTime,
            revokedAt: nullable(dateTime),
            url: str,
            token: { type: 'string', description: 'The signed credential as issued' },
            credential: { type: 'object' },
          }),
        ),
      }),
    },
  },
  {
    id: 'createBookletExperience',
    method: 'post',
    path: '/api/v1/booklet/experiences',
    tag: 'booklet',
    auth: 'required',
    body: experienceBody('BookletExperienceInput', ['kind', 'title', 'startedOn']),
    responses: { 201: obj({ experience }) },
  },
  {
    id: 'updateBookletExperience',
    method: 'patch',
    path: '/api/v1/booklet/experiences/{id}',
    tag: 'booklet',
    auth: 'required',
    body: experienceBody('BookletExperiencePatch', []),
    responses: { 200: obj({ experience }) },
    errors: [409],
  },
  {
    id: 'deleteBookletExperience',
    method: 'delete',
    path: '/api/v1/booklet/experiences/{id}',
    tag: 'booklet',
    auth: 'required',
    responses: { 204: null },
    errors: [409],
  },
  {
    id: 'listValidationRequests',
    method: 'get',
    path: '/api/v1/booklet/validation-requests',
    tag: 'booklet',
    auth: 'required',
    query: { queue: { type: 'string', enum: ['1', 'true'], description: 'Assessors: the open requests to assess' } },
    responses: { 200: obj({ validationRequests: arr(request) }) },
    errors: [403],
  },
  {
    id: 'createValidationRequest',
    method: 'post',
    path: '/api/v1/booklet/validation-requests',
    tag: 'booklet',
    auth: 'required',
    body: {
      name: 'ValidationRequestInput',
      schema: obj({
        experienceId: { type: 'integer', minimum: 1, description: 'One of the requester’s experiences' },
        competence: { type: 'string', description: 'The code of a competence that experience shows' },
        message: { type: 'string', minLength: 10, maxLength: 2000 },
      }),
    },
    responses: { 201: requestWithSteps },
    errors: [409],
  },
  {
    id: 'getValidationRequest',
    method: 'get',
    path: '/api/v1/booklet/validation-requests/{id}',
    tag: 'booklet',
    auth: 'required',
    responses: { 200: requestWithSteps },
  },
  {
    id: 'decideValidationRequest',
    method: 'post',
    path: '/api/v1/booklet/validation-requests/{id}/decision',
    tag: 'booklet',
    auth: 'required',
    body: {
      name: 'ValidationDecision',
      schema: {
        type: 'object',
        properties: {
          decision: { type: 'string', enum: [...DECISIONS] },
          level: { ...level, description: 'Required with "validated"' },
          reason: { type: 'string', maxLength: 2000, description: 'Required with "refused" and "more_info"' },
        },
        required: ['decision'],
      },
    },
    responses: { 200: requestWithSteps },
    errors: [403, 409],
  },
  {
    id: 'answerValidationRequest',
    method: 'post',
    path: '/api/v1/booklet/validation-requests/{id}/answer',
    tag: 'booklet',
    auth: 'required',
    body: {
      name: 'ValidationAnswer',
      schema: {
        type: 'object',
        properties: { message: { type: 'string', maxLength: 2000 }, attachmentIds: ids('Uploads to add as evidence') },
        description: 'A message, evidence, or both; JSON, or multipart/form-data with document files in "files"',
      },
    },
    responses: { 200: requestWithSteps },
    errors: [403, 409],
  },
  {
    id: 'withdrawValidationRequest',
    method: 'post',
    path: '/api/v1/booklet/validation-requests/{id}/withdraw',
    tag: 'booklet',
    auth: 'required',
    responses: { 200: requestWithSteps },
    errors: [403, 409],
  },
];
