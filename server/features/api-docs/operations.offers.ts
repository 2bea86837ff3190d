// The /api/v1 operations of the training-offer catalogue: list and read (read scope), upsert by the
// provider's external id, change, withdraw and CSV import (write scope).
import { offerApiQuery, offerFields, offerPatch, OFFER_CERTIFICATIONS, OFFER_THEMES } from '../offers/offers.schema.ts';
import { arr, bool, dateTime, int, nullable, obj, paged, str, type Operation } from './operations.builders.ts';

const day = { type: 'string', format: 'date' };
const offerShape = obj({
  id: int,
  externalId: nullable(str),
  title: str,
  provider: obj({ slug: str, name: str, organization: str }),
  description: { type: 'string', description: 'Markdown' },
  descriptionHtml: { type: 'string', description: 'Sanitized HTML' },
  online: bool,
  province: nullable(str),
  provinceName: nullable(str),
  town: nullable(str),
  startsOn: day,
  endsOn: day,
  hours: int,
  costCents: int,
  free: bool,
  targetAudience: str,
  certification: { type: 'string', enum: [...OFFER_CERTIFICATIONS] },
  competences: arr(str),
  url: nullable(str),
  theme: { type: 'string', enum: [...OFFER_THEMES] },
  source: { type: 'string', enum: ['api', 'csv', 'form'] },
  expired: bool,
  createdAt: dateTime,
  updatedAt: dateTime,
  link: str,
});
const report = obj({
  dryRun: bool,
  imported: bool,
  rows: int,
  created: int,
  updated: int,
  errors: arr(obj({ row: int, field: str, message: str })),
});

export const OFFER_OPERATIONS: Operation[] = [
  {
    id: 'listTrainingOffers',
    method: 'get',
    path: '/api/v1/training-offers',
    tag: 'training-offers',
    auth: 'optional',
    query: offerApiQuery,
    responses: { 200: paged('offers', offerShape) },
  },
  {
    id: 'getTrainingOffer',
    method: 'get',
    path: '/api/v1/training-offers/{id}',
    tag: 'training-offers',
    auth: 'optional',
    responses: { 200: obj({ offer: offerShape }) },
  },
  {
    id: 'upsertTrainingOffer',
    method: 'post',
    path: '/api/v1/training-offers',
    tag: 'training-offers',
    auth: 'required',
    body: { name: 'TrainingOfferInput', zod: offerFields },
    responses: { 200: obj({ offer: offerShape, created: bool }), 201: obj({ offer: offerShape, created: bool }) },
    errors: [403],
  },
  {
    id: 'updateTrainingOffer',
    method: 'patch',
    path: '/api/v1/training-offers/{id}',
    tag: 'training-offers',
    auth: 'required',
    body: { name: 'TrainingOfferPatch', zod: offerPatch },
    responses: { 200: obj({ offer: offerShape }) },
    errors: [403],
  },
  {
    id: 'deleteTrainingOffer',
    method: 'delete',
    path: '/api/v1/training-offers/{id}',
    tag: 'training-offers',
    auth: 'required',
    responses: { 204: null },
    errors: [403],
  },
  {
    id: 'importTrainingOffers',
    method: 'post',
    path: '/api/v1/training-offers/import',
    tag: 'training-offers',
    auth: 'required',
    query: { dryRun: { type: 'boolean' }, organization: { type: 'string' } },
    body: {
      name: 'TrainingOfferCsv',
      schema: {
        type: 'string',
        description:
          'text/csv: a header row (external_id, title, provider_name, description, online, province, town, starts_on, ends_on, hours, cost_eur, target_audience, certification, competences, url, theme), one offer per row',
      },
    },
    responses: { 200: obj({ report }) },
    errors: [403],
  },
];
