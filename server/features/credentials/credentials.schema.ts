// The inputs of the credentials feature: a credential id, a credential to verify, a revocation, and
// a booklet export to import. Field messages are in validation.credentials.*.
import { z } from 'zod';
import { msg } from '../../core/validation.ts';

/** The largest compact credential accepted (ours are 2–4 KB). */
export const TOKEN_MAX = 32_000;
/** Credentials one import may carry. */
export const IMPORT_MAX = 200;
/** Distinct issuers one import may name (an export from one platform names one). */
export const IMPORT_ISSUERS_MAX = 5;
/** Imported credentials a person may keep. */
export const IMPORTED_PER_PERSON_MAX = 500;
/** The longest credential id (a URL) an imported credential is kept under. */
export const CREDENTIAL_ID_MAX = 500;
/** How long one import may spend asking issuers, in all. */
export const IMPORT_DEADLINE_MS = 20_000;

export const credentialIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((s) => s.toLowerCase());

const token = z
  .string(msg('credentials.token'))
  .trim()
  .min(1, msg('credentials.token'))
  .max(TOKEN_MAX, msg('credentials.token_long'));

const ENVELOPED_PREFIX = 'data:application/vc+jwt,';
/** VC 2.0's way to carry a VC-JWT inside JSON: {type: "EnvelopedVerifiableCredential", id: "data:application/vc+jwt,<jwt>"}. */
const enveloped = z
  .object({ type: z.union([z.string(), z.array(z.string())]), id: z.string().startsWith(ENVELOPED_PREFIX) })
  .refine((o) => [o.type].flat().includes('EnvelopedVerifiableCredential'))
  .transform((o) => o.id.slice(ENVELOPED_PREFIX.length));

/** {credential: "<jwt>"} or {token: "<jwt>"} or {credential: <EnvelopedVerifiableCredential>}. */
export const verifySchema = z
  .object({
    credential: z.union([token, enveloped], msg('credentials.credential_format')).optional(),
    token: token.optional(),
  })
  .refine((v) => v.credential !== undefined || v.token !== undefined, {
    ...msg('credentials.credential_required'),
    path: ['credential'],
  })
  .transform((v) => ({ token: (v.credential ?? v.token)! }));
export type VerifyInput = z.input<typeof verifySchema>;

export const revokeSchema = z.object({
  reason: z
    .string(msg('credentials.reason_required'))
    .trim()
    .min(3, msg('credentials.reason_required'))
    .max(500, msg('credentials.reason_long')),
});

/** A booklet export (/libretto/libretto.json of a Rete SPI instance): only its credentials are read. */
export const importSchema = z.looseObject({
  credentials: z
    .array(
      z.looseObject({
        id: z.string().max(500).optional(),
        token,
      }),
      msg('credentials.import_credentials'),
    )
    .min(1, msg('credentials.import_empty'))
    .max(IMPORT_MAX, msg('credentials.import_too_many')),
});
export type ImportInput = z.infer<typeof importSchema>;
