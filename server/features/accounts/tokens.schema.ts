// API tokens: what a person or an admin may ask for when issuing one.
import { z } from 'zod';
import { TOKEN_SCOPES } from '../../../models/schema.ts';
import { msg, optionalText } from '../../core/validation.ts';

export { TOKEN_SCOPES };

/** Days a token lives when no expiry is asked for, and the longest a token may be given. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 730;
/** The expiries the forms offer (days). */
export const TOKEN_DAY_CHOICES = [7, 30, 90, 180, 365, 730] as const;

/** A form sends one checkbox as a string and several as a list; the API sends a list. */
const scopes = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z
    .array(z.string(), msg('scopes_required'))
    .min(1, msg('scopes_required'))
    .refine((list) => list.every((s) => (TOKEN_SCOPES as readonly string[]).includes(s)), msg('scope'))
    .transform((list) => TOKEN_SCOPES.filter((s) => list.includes(s))),
);

const expiresInDays = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.coerce
    .number(msg('expires_days'))
    .int(msg('expires_days'))
    .min(1, msg('expires_days'))
    .max(MAX_TOKEN_DAYS, msg('expires_days')),
);

/** A new personal token: every part optional (a name from the date, read and write, 90 days). */
export const tokenOptionsSchema = z.object({
  name: optionalText(80),
  scopes: scopes.optional(),
  expiresInDays: expiresInDays.optional(),
});
export type TokenOptions = z.infer<typeof tokenOptionsSchema>;

/** An integration token for a system, issued by an admin at /admin/integrazioni. */
export const integrationSchema = z.object({
  system: z.string(msg('required')).trim().min(2, msg('system_name')).max(120, msg('system_name')),
  organization: z.string(msg('required')).trim().min(1, msg('organization_required')).max(160),
  name: optionalText(80),
  scopes,
  expiresInDays,
});
export type IntegrationInput = z.infer<typeof integrationSchema>;
