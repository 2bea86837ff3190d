// What a provider says about a person (ID token and userinfo claims), and the first-login form.
import { z } from 'zod';
import { registerSchema } from '../accounts/accounts.schema.ts';

/** A person as an OpenID provider vouched for them: (issuer, subject) names them for good. */
export type ProviderIdentity = {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  fiscalNumber: string | undefined;
  name: string | undefined;
};

/** SPID/CIE's attribute name for the fiscal code, besides the plain `fiscal_number`. */
const EID_FISCAL_NUMBER = 'https://attributes.eid.gov.it/fiscal_number';

/** A codice fiscale (16 characters) or a company's tax number (11 digits), with SPID's "TINIT-" prefix removed. */
export function normalizeFiscalNumber(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value
    .trim()
    .toUpperCase()
    .replace(/^TINIT-/, '');
  return /^([A-Z0-9]{16}|\d{11})$/.test(code) ? code : undefined;
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ').slice(0, max) : undefined;

/** Reads the claims of the ID token and of userinfo (userinfo wins: SPID/CIE put the attributes there). */
export function identityFromClaims(issuer: string, claims: Record<string, unknown>): ProviderIdentity {
  const email = text(claims.email, 254)?.toLowerCase();
  const emailOk = email && z.email().safeParse(email).success ? email : undefined;
  const given = text(claims.given_name, 60);
  const family = text(claims.family_name, 60);
  return {
    issuer,
    subject: String(claims.sub),
    email: emailOk,
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    fiscalNumber: normalizeFiscalNumber(claims.fiscal_number ?? claims[EID_FISCAL_NUMBER]),
    name: text(claims.name, 120) ?? (given || family ? [given, family].filter(Boolean).join(' ') : undefined),
  };
}

/** The first-login form: what registration asks, except a password (the provider vouches for the person). */
export const firstLoginSchema = registerSchema.omit({ password: true });
export type FirstLoginInput = z.infer<typeof firstLoginSchema>;
