// API tokens: personal tokens (a person's own, at /profilo/token and POST /api/v1/auth/token) and
// integration tokens (a system's, issued by an admin at /admin/integrazioni to a service account).
// Each has scopes (read, write, admin) and an expiry; the secret is shown once, only its hash is kept.
import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../../models/db.ts';
import type { TokenScope, User } from '../../../models/schema.ts';
import * as orgs from '../../../models/queries/organizations.ts';
import * as tokens from '../../../models/queries/tokens.ts';
import * as users from '../../../models/queries/users.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { handleFrom, insertUnderFreeSlug } from '../../core/slug.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan, isAdmin } from './accounts.policy.ts';
import { DEFAULT_TOKEN_DAYS, integrationSchema, tokenOptionsSchema, type TokenOptions } from './tokens.schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newSecret = () => `rspi_${randomBytes(32).toString('base64url')}`;

export type IssuedToken = { token: string; id: number; name: string; scopes: TokenScope[]; expiresAt: Date | null };

/** Only an admin may hand out an admin's powers, to a token of their own or to a system. */
function assertScopesAllowed(owner: { role: string }, scopes: TokenScope[]): void {
  if (scopes.includes('admin') && owner.role !== 'admin') {
    throw new ValidationError({ scopes: { key: 'validation.scope_admin_only' } });
  }
}

async function insertIssued(
  deps: Deps,
  tx: DbOrTx,
  values: { userId: number; name: string; scopes: TokenScope[]; expiresInDays: number; createdBy?: number },
): Promise<IssuedToken> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + values.expiresInDays * DAY_MS);
  const row = await tokens.insertToken(tx, {
    userId: values.userId,
    name: values.name,
    scopes: values.scopes,
    expiresAt,
    tokenHash: sha256(token),
    createdBy: values.createdBy ?? null,
  });
  await deps.bus.record(tx, 'token.created', { userId: values.userId, tokenId: row.id });
  return { token, id: row.id, name: row.name, scopes: row.scopes, expiresAt: row.expiresAt };
}

/**
 * Creates a personal API token for the signed-in person (or one who just gave their password):
 * a name from the date, read and write, 90 days unless asked otherwise.
 */
export async function createToken(deps: Deps, actor: Actor, input: unknown = {}): Promise<IssuedToken> {
  assertCan(actor, true);
  const data: TokenOptions = parseInput(tokenOptionsSchema, input);
  const scopes = data.scopes ?? ['read', 'write'];
  assertScopesAllowed(actor, scopes);
  return deps.database.db.transaction((tx) =>
    insertIssued(deps, tx, {
      userId: actor.id,
      name: data.name ?? `API ${new Date().toISOString().slice(0, 10)}`,
      scopes,
      expiresInDays: data.expiresInDays ?? DEFAULT_TOKEN_DAYS,
    }),
  );
}

/** Why a bearer token was refused, or what it grants. */
export type TokenCheck =
  | { ok: true; user: User; tokenId: number; scopes: TokenScope[] }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/** Looks a bearer token up and records its use (time and address) when it is live. */
export async function checkToken(deps: Deps, token: string, ip: string | null = null): Promise<TokenCheck> {
  if (!token.startsWith('rspi_') || token.length > 200) return { ok: false, reason: 'unknown' };
  const found = await tokens.findTokenByHash(deps.database.db, sha256(token));
  if (!found) return { ok: false, reason: 'unknown' };
  if (found.token.revokedAt) return { ok: false, reason: 'revoked' };
  if (found.token.expiresAt && found.token.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  await tokens.touchToken(deps.database.db, found.token, ip);
  return { ok: true, user: found.user, tokenId: found.token.id, scopes: found.token.scopes };
}

/**
 * The user a live bearer token lets read (live connections): refused without the read scope, and
 * an admin's token without the admin scope acts as a member.
 */
export async function authenticateToken(
  deps: Deps,
  token: string,
  ip: string | null = null,
): Promise<{ user: User; tokenId: number } | undefined> {
  const found = await checkToken(deps, token, ip);
  if (!found.ok || !found.scopes.includes('read')) return undefined;
  return { user: tokenUser(found.user, found.scopes), tokenId: found.tokenId };
}

/**
 * Who a token acts as: its owner, except that an owner's admin powers need the admin scope (and
 * the owner must still be an admin: the role is read afresh on every request).
 */
export function tokenUser(owner: User, scopes: TokenScope[]): User {
  return owner.role === 'admin' && !scopes.includes('admin') ? { ...owner, role: 'member' } : owner;
}

export async function listTokens(deps: Deps, actor: Actor) {
  assertCan(actor, true);
  return tokens.listTokens(deps.database.db, actor.id);
}

/** Revokes one of the actor's own tokens; 404 when it is not theirs or already revoked. */
export async function revokeToken(deps: Deps, actor: Actor, tokenId: number): Promise<void> {
  assertCan(actor, true);
  await deps.database.db.transaction(async (tx) => {
    const row = await tokens.revokeToken(tx, actor.id, tokenId);
    if (!row) throw new NotFoundError();
    await deps.bus.record(tx, 'token.revoked', { userId: actor.id, tokenId });
  });
}

/**
 * Revokes every live personal token of a person, inside the caller's transaction (a password
 * change), and records it: the live connections opened with them close. Returns how many.
 */
export async function revokeAllTokens(deps: Deps, tx: DbOrTx, userId: number): Promise<number> {
  const ids = await tokens.revokeAllTokens(tx, userId);
  await deps.bus.recordAll(
    tx,
    'token.revoked',
    ids.map((tokenId) => ({ userId, tokenId })),
  );
  return ids.length;
}

// Integration tokens -------------------------------------------------------------------------

/** Every integration token with its system and administration, for the admin page. */
export async function listIntegrationTokens(deps: Deps, actor: Actor) {
  assertCan(actor, isAdmin(actor));
  return tokens.listIntegrationTokens(deps.database.db);
}

/** The service account named `system` at this administration, created when there is none. */
async function serviceAccount(tx: DbOrTx, system: string, organizationId: number, region: string | null) {
  const existing = await users.findServiceAccount(tx, system, organizationId);
  if (existing) return existing;
  return await insertUnderFreeSlug(
    handleFrom(system),
    (h) => users.handleExists(tx, h),
    (handle) =>
      users.insertUserIfHandleFree(tx, {
        name: system,
        handle,
        // No person reads this address and no provider can vouch for it (.invalid never resolves):
        // it only keeps the e-mail column unique.
        email: `${handle}@integrazioni.invalid`,
        passwordHash: null,
        role: 'member',
        kind: 'service',
        organizationId,
        jobTitle: 'Integrazione',
        region,
      }),
    '',
  );
}

/**
 * Issues an integration token to a system (a service account of an administration, created on
 * first use): it cannot sign in with a password; with the admin scope it acts as an admin.
 */
export async function issueIntegrationToken(
  deps: Deps,
  actor: Actor,
  input: unknown,
): Promise<IssuedToken & { system: string; accountId: number }> {
  assertCan(actor, isAdmin(actor));
  const data = parseInput(integrationSchema, input);
  assertScopesAllowed(actor, data.scopes);
  return deps.database.db.transaction(async (tx) => {
    const org = await orgs.findOrganizationBySlug(tx, data.organization);
    if (!org) throw new ValidationError({ organization: { key: 'validation.organization_required' } });
    const account = await serviceAccount(tx, data.system, org.id, org.region);
    const role = data.scopes.includes('admin') ? 'admin' : account.role;
    if (role !== account.role) await users.updateUser(tx, account.id, { role });
    const issued = await insertIssued(deps, tx, {
      userId: account.id,
      name: data.name ?? `${data.system} ${new Date().toISOString().slice(0, 10)}`,
      scopes: data.scopes,
      expiresInDays: data.expiresInDays,
      createdBy: actor.id,
    });
    return { ...issued, system: account.name, accountId: account.id };
  });
}

/** Revokes an integration token (any system's); 404 when there is no such live token. */
export async function revokeIntegrationToken(deps: Deps, actor: Actor, tokenId: number): Promise<void> {
  assertCan(actor, isAdmin(actor));
  await deps.database.db.transaction(async (tx) => {
    const row = await tokens.revokeIntegrationToken(tx, tokenId);
    if (!row) throw new NotFoundError();
    await deps.bus.record(tx, 'token.revoked', { userId: row.userId, tokenId });
  });
}
