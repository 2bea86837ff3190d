// Federated sign-in (SPID/CIE over OpenID Connect): find the account a provider's identity is
// linked to, link it to an existing account by fiscal code or verified e-mail, or create one after
// the person completes a short first-login form (administration and region).
import * as ids from '../../../models/queries/oidc-identities.ts';
import * as users from '../../../models/queries/users.ts';
import type { User } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import { ConflictError, isUniqueViolation } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { registerFederated } from '../accounts/accounts.service.ts';
import { firstLoginSchema, type ProviderIdentity } from './oidc.schema.ts';

export type SignInResult =
  | { user: User; linkedBy: 'identity' | 'fiscal_number' | 'email' }
  | { pending: ProviderIdentity }
  | { refused: 'service_account' };

/**
 * The account of a person a provider vouched for: already linked by (issuer, subject); else linked
 * now to the person with the same fiscal code, or with the same e-mail when the provider verified
 * it; else none yet (`pending`: the person completes their account first).
 */
export async function signInWithProvider(deps: Deps, identity: ProviderIdentity): Promise<SignInResult> {
  try {
    return await signInOnce(deps, identity);
  } catch (err) {
    // The same identity arriving twice at once: the unique (issuer, subject) lets one link win.
    if (isUniqueViolation(err)) return signInOnce(deps, identity);
    throw err;
  }
}

async function signInOnce(deps: Deps, identity: ProviderIdentity): Promise<SignInResult> {
  return deps.database.db.transaction(async (tx) => {
    const linked = await ids.findUserByIdentity(tx, identity.issuer, identity.subject);
    if (linked) {
      if (linked.kind !== 'person') return { refused: 'service_account' as const };
      await ids.touchIdentity(tx, identity.issuer, identity.subject);
      await users.touchLastLogin(tx, linked.id);
      return { user: linked, linkedBy: 'identity' as const };
    }
    const byFiscal = identity.fiscalNumber ? await ids.findUserByFiscalNumber(tx, identity.fiscalNumber) : undefined;
    const byEmail =
      !byFiscal && identity.email && identity.emailVerified
        ? await users.findUserByEmail(tx, identity.email)
        : undefined;
    const user = byFiscal ?? (byEmail?.kind === 'person' ? byEmail : undefined);
    if (!user) return { pending: identity };
    await ids.insertIdentity(tx, { userId: user.id, issuer: identity.issuer, subject: identity.subject });
    // The fiscal code is kept the first time a provider vouches for it, unless another account has it.
    if (identity.fiscalNumber && !user.fiscalNumber) {
      const holder = await ids.findUserByFiscalNumber(tx, identity.fiscalNumber);
      if (!holder) await users.updateUser(tx, user.id, { fiscalNumber: identity.fiscalNumber });
    }
    await users.touchLastLogin(tx, user.id);
    await deps.bus.record(tx, 'user.updated', { userId: user.id });
    return { user, linkedBy: byFiscal ? ('fiscal_number' as const) : ('email' as const) };
  });
}

/**
 * Creates the account of a person a provider vouched for, once they gave their administration,
 * region and role: a verified e-mail from the provider is kept as it is, any other is theirs to give.
 */
export async function completeFirstLogin(deps: Deps, identity: ProviderIdentity, input: unknown): Promise<User> {
  const raw = { ...(input as Record<string, unknown>) };
  if (identity.email && identity.emailVerified) raw.email = identity.email;
  const data = parseInput(firstLoginSchema, raw);
  try {
    return await registerFederated(deps, data, {
      fiscalNumber: identity.fiscalNumber ?? null,
      onCreated: async (tx, user) => {
        await ids.insertIdentity(tx, { userId: user.id, issuer: identity.issuer, subject: identity.subject });
      },
    });
  } catch (err) {
    // Another account already holds the fiscal code or the identity (a second tab finished first).
    if (isUniqueViolation(err)) throw new ConflictError('oidc.already_registered');
    if (err instanceof ConflictError && err.fields?.email) {
      throw new ConflictError('oidc.email_taken', { email: { key: 'oidc.email_taken_field' } });
    }
    throw err;
  }
}
