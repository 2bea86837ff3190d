// API tokens, personal and integration: only their SHA-256 hash is stored.
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { apiTokens, organizations, users, type TokenScope, type User } from '../schema.ts';

export type ApiToken = typeof apiTokens.$inferSelect;

export async function insertToken(
  db: DbOrTx,
  values: {
    userId: number;
    name: string;
    tokenHash: string;
    scopes: TokenScope[];
    expiresAt: Date | null;
    createdBy?: number | null;
  },
): Promise<ApiToken> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** The token with this hash (live, expired or revoked) and its owner. */
export async function findTokenByHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ token: ApiToken; user: User } | undefined> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

/**
 * Records a use of a token (time and address): at most once a minute from the same address, so a
 * busy integration does not write on every request, but a use from a new address always shows.
 */
export async function touchToken(db: DbOrTx, token: ApiToken, ip: string | null): Promise<void> {
  const recent = token.lastUsedAt && Date.now() - token.lastUsedAt.getTime() < 60_000;
  if (recent && token.lastUsedIp === ip) return;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()`, lastUsedIp: ip })
    .where(eq(apiTokens.id, token.id));
}

export async function listTokens(db: DbOrTx, userId: number): Promise<ApiToken[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export type IntegrationTokenRow = ApiToken & {
  accountName: string;
  organizationName: string | null;
  issuedByName: string | null;
};

/** Every token of every service account, newest first, with the system's name and administration. */
export async function listIntegrationTokens(db: DbOrTx): Promise<IntegrationTokenRow[]> {
  const issuer = sql<string | null>`(SELECT name FROM users AS i WHERE i.id = ${apiTokens.createdBy})`;
  const rows = await db
    .select({ token: apiTokens, accountName: users.name, organizationName: organizations.name, issuedByName: issuer })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.kind, 'service'))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map((r) => ({
    ...r.token,
    accountName: r.accountName,
    organizationName: r.organizationName,
    issuedByName: r.issuedByName,
  }));
}

/** Revokes every live token of a user; returns the ids revoked. */
export async function revokeAllTokens(db: DbOrTx, userId: number): Promise<number[]> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.map((r) => r.id);
}

/** Revokes one of a user's tokens; returns it, or undefined when the user has no such live token. */
export async function revokeToken(db: DbOrTx, userId: number, tokenId: number): Promise<ApiToken | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

/** Revokes a live token of any service account; undefined when there is none with that id. */
export async function revokeIntegrationToken(db: DbOrTx, tokenId: number): Promise<ApiToken | undefined> {
  const service = db.select({ id: users.id }).from(users).where(eq(users.kind, 'service'));
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt), sql`${apiTokens.userId} IN ${service}`))
    .returning();
  return row;
}

/** Whether a token is live at this moment: not revoked and not past its expiry. */
export const liveTokenCondition = () =>
  and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), sql`${apiTokens.expiresAt} > now()`));
