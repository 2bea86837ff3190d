// Server-side sessions, so they survive restarts and are shared by every app process.
import { eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { sessions } from '../schema.ts';

export async function readSession(db: DbOrTx, sid: string): Promise<{ sess: unknown; expiresAt: Date } | undefined> {
  const [row] = await db
    .select({ sess: sessions.sess, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(sql`${sessions.sid} = ${sid} AND ${sessions.expiresAt} > now()`);
  return row;
}

export async function writeSession(
  db: DbOrTx,
  sid: string,
  sess: unknown,
  userId: number | null,
  expiresAt: Date,
): Promise<void> {
  await db
    .insert(sessions)
    .values({ sid, sess, userId, expiresAt })
    .onConflictDoUpdate({ target: sessions.sid, set: { sess, userId, expiresAt } });
}

/** Extends a session's expiry, writing at most once an hour per session to keep reads cheap. */
export async function touchSession(db: DbOrTx, sid: string, expiresAt: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ expiresAt })
    .where(
      sql`${sessions.sid} = ${sid} AND ${sessions.expiresAt} < ${expiresAt.toISOString()}::timestamptz - interval '1 hour'`,
    );
}

export async function deleteSession(db: DbOrTx, sid: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sid, sid));
}

export async function deleteExpiredSessions(db: DbOrTx): Promise<number> {
  const rows = await db.delete(sessions).where(lt(sessions.expiresAt, new Date())).returning({ sid: sessions.sid });
  return rows.length;
}

export async function deleteUserSessions(db: DbOrTx, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Ends a user's sessions, except the one given (the browser that asked). */
export async function deleteUserSessionsExcept(db: DbOrTx, userId: number, keepSid?: string): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(
      keepSid ? sql`${sessions.userId} = ${userId} AND ${sessions.sid} <> ${keepSid}` : eq(sessions.userId, userId),
    )
    .returning({ sid: sessions.sid });
  return rows.map((r) => r.sid);
}
