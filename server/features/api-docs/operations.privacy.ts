// The /api/v1 operations of privacy (GDPR): one's personal-data export and the account deletion.
import { deletionSchema } from '../privacy/privacy.schema.ts';
import { bool, obj, str, type Operation } from './operations.builders.ts';

export const PRIVACY_OPERATIONS: Operation[] = [
  {
    id: 'exportMyData',
    method: 'get',
    path: '/api/v1/me/export',
    tag: 'users',
    auth: 'required',
    responses: {
      200: {
        'x-media-type': 'application/zip',
        type: 'string',
        format: 'binary',
        description: 'A zip with dati.json (every collector) and allegati/ (the files the person uploaded)',
      },
    },
    errors: [429],
  },
  {
    id: 'deleteMe',
    method: 'delete',
    path: '/api/v1/me',
    tag: 'users',
    auth: 'required',
    body: { name: 'AccountDeletionInput', zod: deletionSchema },
    responses: { 200: obj({ deleted: bool, rule: { ...str, enum: ['anonimizza', 'rimuovi'] } }) },
    errors: [403, 409],
  },
];
