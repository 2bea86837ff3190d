// Personal API tokens: only their SHA-256 hash is stored.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { apiTokens, users, type User } from '../schema.ts';

export type ApiToken = typeof apiTokens.$inferSelect;

export async function insertToken(
  db: DbOrTx,
  values: { userId: number; name: string; tokenHash: string },
): Promise<ApiToken> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** The live (not revoked) token with this hash and its owner; marks it used at most once a minute. */
export async function findLiveToken(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ token: ApiToken; user: User } | undefined> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (row && (!row.token.lastUsedAt || Date.now() - row.token.lastUsedAt.getTime() > 60_000)) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiTokens.id, row.token.id));
  }
  return row;
}

export async function listTokens(db: DbOrTx, userId: number): Promise<ApiToken[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
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
