// Account use cases: register, check credentials, personal tokens, roles.
import type { DbOrTx } from '../../../models/db.ts';
import type { Organization, Role, User } from '../../../models/schema.ts';
import * as orgs from '../../../models/queries/organizations.ts';
import { deleteUserSessionsExcept } from '../../../models/queries/sessions.ts';
import * as users from '../../../models/queries/users.ts';
import type { Authenticator } from '../../core/auth.ts';
import { headerCountColumns, rememberHeaderCounts } from '../../core/header-counts.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, isUniqueViolation, NotFoundError, ValidationError } from '../../core/errors.ts';
import { handleFrom, insertUnderFreeSlug, slugify } from '../../core/slug.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan, canChangeRoles } from './accounts.policy.ts';
import { passwordChangeSchema, registerSchema, roleSchema, type RegisterInput } from './accounts.schema.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { checkToken, revokeAllTokens, tokenUser } from './tokens.service.ts';

export { authenticateToken, createToken, listTokens, revokeToken } from './tokens.service.ts';

export type PublicUser = { id: number; name: string; email: string; role: Role };
export const toPublicUser = (u: User): PublicUser => ({ id: u.id, name: u.name, email: u.email, role: u.role });
export const toSessionUser = (u: User): Express.User => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  organizationId: u.organizationId,
  locale: u.locale,
});

export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'errors.invalid_credentials');

const emailTaken = () => new ConflictError('errors.email_taken', { email: { key: 'validation.email_taken' } });

/**
 * Finds the administration named at registration: an existing slug, else an existing name, else a
 * new unverified administration for an admin to verify or merge.
 */
export async function resolveOrganization(
  db: DbOrTx,
  organization: string,
  region: string | null,
): Promise<{ org: Organization; created: boolean }> {
  const bySlug = await orgs.findOrganizationBySlug(db, organization);
  if (bySlug) return { org: bySlug, created: false };
  const name = organization.replace(/\s+/g, ' ');
  const byName = await orgs.findOrganizationByName(db, name);
  if (byName) return { org: byName, created: false };
  // The unique keys on slug and on the lower-cased name decide between people registering at once:
  // the insert waits for a concurrent one with the same name and then yields to it.
  return insertUnderFreeSlug(
    slugify(name),
    (s) => orgs.slugExists(db, s),
    async (slug) => {
      const org = await orgs.insertOrganizationIfFree(db, { slug, name, kind: 'other', region, verified: false });
      if (org) return { org, created: true };
      const winner = await orgs.findOrganizationByName(db, name);
      return winner ? { org: winner, created: false } : undefined; // else the slug was another name's
    },
  );
}

/** Registers a member; the user and a new administration are written in one transaction. */
export async function register(deps: Deps, input: unknown, opts: { role?: Role } = {}): Promise<User> {
  const data: RegisterInput = parseInput(registerSchema, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await registerOnce(deps, data, passwordHash, opts.role ?? 'member');
  } catch (err) {
    // The same e-mail registered twice at the same moment: its unique key refuses the second.
    if (isUniqueViolation(err) && (await users.findUserByEmail(deps.database.db, data.email))) throw emailTaken();
    throw err;
  }
}

/** What a federated sign-up adds: the provider's fiscal code, and the identity link written in the same transaction. */
type RegisterExtra = { fiscalNumber?: string | null; onCreated?: (tx: DbOrTx, user: User) => Promise<void> };

async function registerOnce(
  deps: Deps,
  data: Omit<RegisterInput, 'password'>,
  passwordHash: string | null,
  role: Role,
  extra: RegisterExtra = {},
): Promise<User> {
  return deps.database.db.transaction(async (tx) => {
    if (await users.findUserByEmail(tx, data.email)) throw emailTaken();
    const { org, created } = await resolveOrganization(tx, data.organization, data.region);
    const user = await insertUnderFreeSlug(
      handleFrom(data.name),
      (h) => users.handleExists(tx, h),
      (handle) =>
        users.insertUserIfHandleFree(tx, {
          name: data.name,
          handle,
          email: data.email,
          passwordHash,
          role,
          organizationId: org.id,
          jobTitle: data.jobTitle,
          region: data.region,
          fiscalNumber: extra.fiscalNumber ?? null,
        }),
      '',
    );
    await extra.onCreated?.(tx, user);
    if (created) await deps.bus.record(tx, 'organization.created', { organizationId: org.id, byUserId: user.id });
    await deps.bus.record(tx, 'user.registered', { userId: user.id, organizationId: user.organizationId });
    return user;
  });
}

/**
 * Registers a person a provider (SPID/CIE) vouched for, without a password: the user, a new
 * administration and the identity link (onCreated) are written in one transaction.
 */
export async function registerFederated(
  deps: Deps,
  data: Omit<RegisterInput, 'password'>,
  extra: RegisterExtra,
): Promise<User> {
  try {
    return await registerOnce(deps, data, null, 'member', extra);
  } catch (err) {
    if (isUniqueViolation(err) && (await users.findUserByEmail(deps.database.db, data.email))) throw emailTaken();
    throw err;
  }
}

/** The user whose e-mail and password match, with the login time recorded; undefined otherwise. */
export async function verifyCredentials(deps: Deps, email: string, password: string): Promise<User | undefined> {
  const user = await users.findUserByEmail(deps.database.db, email.trim());
  // A service account has no password: verifying against none takes the same time and fails.
  const ok = await verifyPassword(user?.kind === 'person' ? user.passwordHash : null, password);
  if (!user || !ok) return undefined;
  await users.touchLastLogin(deps.database.db, user.id);
  return user;
}

/** How core's sign-in (Passport, bearer tokens) asks who someone is: wired in when the app is built. */
export function accountsAuthenticator(deps: Deps): Authenticator {
  return {
    async verifyCredentials(email, password) {
      const user = await verifyCredentials(deps, email, password);
      return user && toSessionUser(user);
    },
    async authenticateToken(token, ip) {
      const found = await checkToken(deps, token, ip ?? null);
      if (!found.ok) return found.reason === 'unknown' ? undefined : { refused: found.reason };
      const user = tokenUser(found.user, found.scopes);
      return {
        user: toSessionUser(user),
        tokenId: found.tokenId,
        scopes: found.scopes,
        adminCapped: user.role !== found.user.role,
      };
    },
    async sessionUser(id, opts) {
      // A service account never has a browser session.
      if (!opts?.headerCounts) {
        const user = await users.findUserById(deps.database.db, id);
        return user?.kind === 'person' ? toSessionUser(user) : undefined;
      }
      const found = await users.findUserWithCounts(deps.database.db, id, headerCountColumns(deps.database.db, id));
      if (found?.user.kind !== 'person') return undefined;
      const user = toSessionUser(found.user);
      rememberHeaderCounts(user, found.counts);
      return user;
    },
  };
}

/** Changes the actor's own password after checking the current one; says how many API tokens it revoked. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  id: number,
  input: unknown,
  keepSessionId?: string,
): Promise<{ tokensRevoked: number }> {
  assertCan(actor, actor?.id === id);
  const data = parseInput(passwordChangeSchema, input);
  const user = await users.findUserById(deps.database.db, id);
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new ValidationError({ currentPassword: { key: 'validation.wrong_password' } });
  }
  const passwordHash = await hashPassword(data.newPassword);
  // A stolen cookie or token must not outlive the password it was stolen with: other sessions end,
  // personal API tokens are revoked, and the live connections opened with either close.
  return deps.database.db.transaction(async (tx) => {
    await users.updateUser(tx, id, { passwordHash });
    await sessionsEnded(deps, id, await deleteUserSessionsExcept(tx, id, keepSessionId), tx);
    const revoked = await revokeAllTokens(deps, tx, id);
    await deps.bus.record(tx, 'user.updated', { userId: id });
    return { tokensRevoked: revoked };
  });
}

/** Changes a member's role. Only admins may; the last admin cannot demote themself. */
export async function changeRole(deps: Deps, actor: Actor, userId: number, input: unknown): Promise<User> {
  assertCan(actor, canChangeRoles(actor));
  const { role } = parseInput(roleSchema, input);
  const updated = await deps.database.db.transaction(async (tx) => {
    const target = await users.findUserById(tx, userId);
    if (!target) throw new NotFoundError();
    if (target.role === 'admin' && role !== 'admin' && (await users.countAdmins(tx, target.id)) === 0) {
      throw new ValidationError({ role: { key: 'validation.last_admin' } });
    }
    // Sessions load the user afresh on every request, so the new role applies at once.
    await deps.bus.record(tx, 'user.role_changed', { userId, role, byUserId: actor.id });
    return (await users.updateUser(tx, userId, { role }))!;
  });
  return updated;
}

/** Creates a user from the command line or the demo seeder (no policy: operator-level action). */
export async function createUser(
  deps: Deps,
  input: {
    name: string;
    email: string;
    password: string;
    role: Role;
    organization?: string;
    jobTitle?: string;
    region?: string;
  },
): Promise<User> {
  return register(
    deps,
    {
      name: input.name,
      email: input.email,
      password: input.password,
      organization: input.organization ?? 'Rete SPI',
      jobTitle: input.jobTitle ?? (input.role === 'admin' ? 'Amministratore della piattaforma' : 'Operatore'),
      region: input.region ?? 'Lazio',
    },
    { role: input.role },
  );
}

/** Records that browser sessions of a person ended (sign-out, password change): their live connections close. */
export async function sessionsEnded(
  deps: Deps,
  userId: number,
  sessionIds: string[],
  tx: DbOrTx = deps.database.db,
): Promise<void> {
  await deps.bus.recordAll(
    tx,
    'session.ended',
    sessionIds.map((sessionId) => ({ userId, sessionId })),
  );
}
