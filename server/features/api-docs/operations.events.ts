// The /api/v1 operations on the events calendar: listing, creating and changing events, registering.
import { eventListSchema, eventPatchSchema, eventSchema } from '../events/events.schema.ts';
import { str, int, dateTime, nullable, arr, obj, type Operation } from './operations.builders.ts';

const eventShape = obj({
  id: int,
  kind: { type: 'string', enum: ['regional', 'interregional', 'workshop', 'webinar', 'open_day', 'course_session'] },
  title: str,
  description: { type: 'string', description: 'Markdown' },
  descriptionHtml: { type: 'string', description: 'The description rendered and sanitized' },
  mode: { type: 'string', enum: ['presence', 'online', 'hybrid'] },
  place: str,
  onlineUrl: { ...nullable(str), description: 'The online room: for registered people only' },
  streamingUrl: {
    ...nullable(str),
    description: 'The live stream: for registered people, from 30 minutes before the start',
  },
  startsAt: dateTime,
  endsAt: dateTime,
  seats: { ...nullable(int), description: 'null: no limit' },
  registered: int,
  waiting: int,
  free: nullable(int),
  organiser: nullable(obj({ id: int, name: str })),
  group: nullable(obj({ slug: str, name: str })),
  course: nullable(obj({ slug: str, title: str })),
  twinningId: nullable(int),
  registration: nullable({ type: 'string', enum: ['confirmed', 'waitlisted'] }),
  url: str,
});
const registration = obj({
  registration: obj({ status: { type: 'string', enum: ['confirmed', 'waitlisted'] }, position: int }),
});

export const EVENT_OPERATIONS: Operation[] = [
  {
    id: 'listEvents',
    method: 'get',
    path: '/api/v1/events',
    tag: 'events',
    auth: 'optional',
    query: eventListSchema,
    responses: { 200: obj({ events: arr(eventShape) }) },
  },
  {
    id: 'createEvent',
    method: 'post',
    path: '/api/v1/events',
    tag: 'events',
    auth: 'required',
    body: { name: 'EventInput', zod: eventSchema },
    responses: { 201: obj({ event: eventShape }) },
    errors: [403],
  },
  {
    id: 'getEvent',
    method: 'get',
    path: '/api/v1/events/{id}',
    tag: 'events',
    auth: 'optional',
    responses: { 200: obj({ event: eventShape }) },
  },
  {
    id: 'updateEvent',
    method: 'patch',
    path: '/api/v1/events/{id}',
    tag: 'events',
    auth: 'required',
    body: { name: 'EventPatch', zod: eventPatchSchema },
    responses: { 200: obj({ event: eventShape }) },
    errors: [403, 409],
  },
  {
    id: 'registerForEvent',
    method: 'post',
    path: '/api/v1/events/{id}/register',
    tag: 'events',
    auth: 'required',
    responses: { 200: registration, 201: registration },
    errors: [409],
  },
  {
    id: 'unregisterFromEvent',
    method: 'delete',
    path: '/api/v1/events/{id}/register',
    tag: 'events',
    auth: 'required',
    responses: { 204: null },
    errors: [409],
  },
];
