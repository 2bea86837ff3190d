// The /api/v1 operations on questionnaires: the catalogue, one questionnaire with its structure,
// answering (a draft until submitted), one's own response, and improvement plans with their actions.
import {
  planActionPatchSchema,
  planCreateSchema,
  responseBodySchema,
} from '../questionnaires/questionnaires.schema.ts';
import { arr, dateTime, int, nullable, obj, str, type JsonSchema, type Operation } from './operations.builders.ts';

const num: JsonSchema = { type: 'number' };
const scores: JsonSchema = { type: 'object', additionalProperties: num, description: 'Score 0–100 per dimension key' };
const audience = { type: 'string', enum: ['anyone', 'members', 'group'] };
const dimension = obj(
  {
    key: str,
    title: str,
    description: str,
    bands: arr({ type: 'object' }),
    courses: arr(str),
    themes: arr(str),
    competences: arr(str),
  },
  ['description', 'bands', 'courses', 'themes', 'competences'],
);
const questionnaireShape = obj(
  {
    slug: str,
    title: str,
    summary: str,
    audience,
    subject: { type: 'string', enum: ['person', 'organisation'] },
    status: { type: 'string', enum: ['draft', 'published'] },
    dimensions: arr(dimension),
    url: str,
    responses: int,
    intro: str,
    sections: arr({
      type: 'object',
      description: 'key, title, intro, questions (id, type, text, required, options, min, max, weights, showIf)',
    }),
  },
  ['responses', 'intro', 'sections'],
);
const responseShape = obj(
  {
    id: int,
    questionnaireId: int,
    status: { type: 'string', enum: ['draft', 'submitted'] },
    answers: { type: 'object' },
    scores,
    submittedAt: dateTime,
    updatedAt: dateTime,
  },
  ['scores', 'submittedAt'],
);
const actionShape = obj({
  id: int,
  dimension: str,
  title: str,
  ownerId: nullable(int),
  dueDate: nullable({ type: 'string', format: 'date' }),
  status: { type: 'string', enum: ['todo', 'doing', 'done'] },
  indicator: str,
  doneAt: nullable(dateTime),
});
const planShape = obj({
  id: int,
  title: str,
  questionnaire: obj({ slug: str, title: str }),
  organization: obj({ id: int, name: str }),
  responseId: nullable(int),
  actions: arr(actionShape),
  createdAt: dateTime,
  url: str,
});

export const QUESTIONNAIRE_OPERATIONS: Operation[] = [
  {
    id: 'listQuestionnaires',
    method: 'get',
    path: '/api/v1/questionnaires',
    tag: 'questionnaires',
    auth: 'optional',
    responses: { 200: obj({ questionnaires: arr(questionnaireShape) }) },
  },
  {
    id: 'getQuestionnaire',
    method: 'get',
    path: '/api/v1/questionnaires/{slug}',
    tag: 'questionnaires',
    auth: 'optional',
    responses: { 200: obj({ questionnaire: questionnaireShape }) },
  },
  {
    id: 'answerQuestionnaire',
    method: 'post',
    path: '/api/v1/questionnaires/{slug}/responses',
    tag: 'questionnaires',
    auth: 'optional',
    body: { name: 'QuestionnaireAnswers', zod: responseBodySchema },
    responses: {
      200: obj({ response: obj({ id: int, status: { type: 'string', enum: ['draft'] } }) }),
      201: obj({ response: obj({ id: int, status: { type: 'string', enum: ['submitted'] }, scores }) }),
    },
    errors: [401, 403],
  },
  {
    id: 'getResponse',
    method: 'get',
    path: '/api/v1/responses/{id}',
    tag: 'questionnaires',
    auth: 'required',
    responses: { 200: obj({ response: responseShape }) },
  },
  {
    id: 'listPlans',
    method: 'get',
    path: '/api/v1/plans',
    tag: 'questionnaires',
    auth: 'required',
    responses: { 200: obj({ plans: arr(planShape) }) },
  },
  {
    id: 'createPlan',
    method: 'post',
    path: '/api/v1/plans',
    tag: 'questionnaires',
    auth: 'required',
    body: { name: 'ImprovementPlanInput', zod: planCreateSchema },
    responses: { 201: obj({ plan: planShape }) },
    errors: [403, 404],
  },
  {
    id: 'updatePlanAction',
    method: 'patch',
    path: '/api/v1/plans/{id}/actions/{actionId}',
    tag: 'questionnaires',
    auth: 'required',
    body: { name: 'ImprovementPlanActionPatch', zod: planActionPatchSchema },
    responses: { 200: obj({ action: actionShape }) },
  },
];
