// The /api/v1 operations on verifiable credentials: reading one and its revocation status, verifying
// any credential, revoking (administrators), and the caller's own credentials with the import of a
// booklet exported by another Rete SPI instance. The public keys are at /.well-known/jwks.json.
import { importSchema, revokeSchema, verifySchema } from '../credentials/credentials.schema.ts';
import { arr, bool, dateTime, obj, str, type JsonSchema, type Operation } from './operations.builders.ts';

const credential: JsonSchema = {
  type: 'object',
  description:
    'The Open Badges 3.0 OpenBadgeCredential (W3C VC Data Model 2.0) as signed: @context, id, type, issuer, validFrom, name, credentialSubject, credentialStatus',
};
const token: JsonSchema = { type: 'string', description: 'The credential as a compact VC-JWT (ES256, typ vc+jwt)' };
const status = obj({ revoked: bool, reason: str, revokedAt: dateTime }, ['reason', 'revokedAt']);
const checkName = { type: 'string', enum: ['format', 'issuer', 'signature', 'dates', 'revocation', 'integrity'] };
const check = obj({ name: checkName, ok: bool, message: str });
const verification = obj({ valid: bool, checks: arr(check) });
const issuer = obj({ id: str, name: str });
const subject = obj({
  name: str,
  match: { type: 'string', enum: ['email', 'name', 'none'], description: 'none: not the importer, not kept' },
});
const importResult = obj(
  {
    id: { type: ['string', 'null'] },
    issuer: { oneOf: [issuer, { type: 'null' }] },
    title: str,
    verified: bool,
    stored: bool,
    refusal: {
      type: 'string',
      enum: ['unreadable', 'id', 'unverified', 'subject', 'limit'],
      description: 'why it was not kept (only when stored is false)',
    },
    reason: str,
    subject,
    checks: arr(check),
  },
  ['refusal', 'reason'],
);

export const CREDENTIAL_OPERATIONS: Operation[] = [
  {
    id: 'listMyCredentials',
    method: 'get',
    path: '/api/v1/credentials',
    tag: 'credentials',
    auth: 'required',
    responses: {
      200: obj({
        issued: arr(
          obj({
            id: str,
            kind: { type: 'string', enum: ['course', 'competence'] },
            title: str,
            issuedAt: dateTime,
            revoked: bool,
            url: str,
          }),
        ),
        imported: arr(
          obj({ id: str, issuer, title: str, verified: bool, checks: arr(check), subject, checkedAt: dateTime }),
        ),
      }),
    },
  },
  {
    id: 'verifyCredential',
    method: 'post',
    path: '/api/v1/credentials/verify',
    tag: 'credentials',
    auth: 'none',
    body: { name: 'CredentialVerifyInput', zod: verifySchema },
    responses: { 200: verification },
  },
  {
    id: 'importCredentials',
    method: 'post',
    path: '/api/v1/credentials/import',
    tag: 'credentials',
    auth: 'required',
    body: { name: 'BookletExport', zod: importSchema },
    responses: { 201: obj({ results: arr(importResult) }) },
  },
  {
    id: 'getCredential',
    method: 'get',
    path: '/api/v1/credentials/{id}',
    tag: 'credentials',
    auth: 'none',
    responses: { 200: obj({ credential, token, status }) },
  },
  {
    id: 'getCredentialStatus',
    method: 'get',
    path: '/api/v1/credentials/{id}/status',
    tag: 'credentials',
    auth: 'none',
    responses: { 200: status },
  },
  {
    id: 'revokeCredential',
    method: 'post',
    path: '/api/v1/credentials/{id}/revoke',
    tag: 'credentials',
    auth: 'required',
    body: { name: 'CredentialRevokeInput', zod: revokeSchema },
    responses: { 200: obj({ id: str, url: str, status }) },
    errors: [403, 409],
  },
];
