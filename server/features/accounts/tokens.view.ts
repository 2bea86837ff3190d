// API token rows as the pages and the API show them: never the hash.
import type { ApiToken } from '../../../models/queries/tokens.ts';

export type TokenStatus = 'active' | 'revoked' | 'expired';

export const tokenStatus = (t: ApiToken, now = Date.now()): TokenStatus =>
  t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt.getTime() <= now ? 'expired' : 'active';

/** The API's view of a token. */
export const tokenRow = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  lastUsedIp: t.lastUsedIp,
  revokedAt: t.revokedAt,
  status: tokenStatus(t),
});

/** A page's view of a token (and of the extra columns an integration token carries). */
export function tokenView<T extends ApiToken>(t: T) {
  const { tokenHash: _hash, ...rest } = t;
  const status = tokenStatus(t);
  return { ...rest, status, live: status === 'active', revoked: status === 'revoked' };
}
