// Identities from OpenID Connect providers (SPID/CIE) linked to accounts: (issuer, subject) is unique.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { oidcIdentities, users, type User } from '../schema.ts';

export type OidcIdentity = typeof oidcIdentities.$inferSelect;

/** The account an identity is linked to, if any. */
export async function findUserByIdentity(db: DbOrTx, issuer: string, subject: string): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(oidcIdentities)
    .innerJoin(users, eq(users.id, oidcIdentities.userId))
    .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)));
  return row?.user;
}

/** The person whose fiscal code a provider vouched for before (service accounts have none). */
export async function findUserByFiscalNumber(db: DbOrTx, fiscalNumber: string): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.fiscalNumber, fiscalNumber), eq(users.kind, 'person')));
  return row;
}

/** Links an identity to an account (a second link of the same identity is refused by the unique key). */
export async function insertIdentity(
  db: DbOrTx,
  values: { userId: number; issuer: string; subject: string },
): Promise<OidcIdentity> {
  const [row] = await db
    .insert(oidcIdentities)
    .values({ ...values, lastLoginAt: sql`now()` })
    .returning();
  return row!;
}

export async function touchIdentity(db: DbOrTx, issuer: string, subject: string): Promise<void> {
  await db
    .update(oidcIdentities)
    .set({ lastLoginAt: sql`now()` })
    .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)));
}

export async function listIdentities(db: DbOrTx, userId: number): Promise<OidcIdentity[]> {
  return db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId));
}
