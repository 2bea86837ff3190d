// Queries on a practice's published versions (practice_versions): each version's snapshot of every
// field, its note, and its difference from the version before, stored when it is written.
import { and, asc, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { practiceVersions, users, type PracticeVersionDiff } from '../schema.ts';

export async function insertVersion(db: DbOrTx, values: typeof practiceVersions.$inferInsert): Promise<void> {
  await db.insert(practiceVersions).values(values);
}

/** The snapshot of a practice's version `n` (undefined when there is none). */
export async function versionSnapshot(db: DbOrTx, practiceId: number, n: number) {
  const [row] = await db
    .select({ snapshot: practiceVersions.snapshot })
    .from(practiceVersions)
    .where(and(eq(practiceVersions.practiceId, practiceId), eq(practiceVersions.version, n)));
  return row?.snapshot;
}

/** Stores the diff of a version written before diffs were (once: a diff already stored stays). */
export async function storeVersionDiff(
  db: DbOrTx,
  practiceId: number,
  n: number,
  diff: PracticeVersionDiff,
): Promise<void> {
  await db
    .update(practiceVersions)
    .set({ diff })
    .where(
      and(eq(practiceVersions.practiceId, practiceId), eq(practiceVersions.version, n), isNull(practiceVersions.diff)),
    );
}

/** A practice's published versions, newest first, without their snapshots. */
export async function versionsOf(db: DbOrTx, practiceId: number) {
  return db
    .select({
      version: practiceVersions.version,
      note: practiceVersions.note,
      createdAt: practiceVersions.createdAt,
      authorName: users.name,
    })
    .from(practiceVersions)
    .leftJoin(users, eq(users.id, practiceVersions.createdBy))
    .where(eq(practiceVersions.practiceId, practiceId))
    .orderBy(desc(practiceVersions.version));
}

/**
 * The first version published at or after a moment: the version a validation judged (publication
 * follows the validation, and nobody edits a practice in review in between). Undefined before it.
 */
export async function firstVersionSince(db: DbOrTx, practiceId: number, at: Date): Promise<number | undefined> {
  const [row] = await db
    .select({ version: practiceVersions.version })
    .from(practiceVersions)
    .where(and(eq(practiceVersions.practiceId, practiceId), gte(practiceVersions.createdAt, at)))
    .orderBy(asc(practiceVersions.version))
    .limit(1);
  return row?.version;
}

/** Version `n` (with its stored diff) and the one before it, with their snapshots. */
export async function versionWithPrevious(db: DbOrTx, practiceId: number, n: number) {
  const rows = await db
    .select({
      version: practiceVersions.version,
      snapshot: practiceVersions.snapshot,
      diff: practiceVersions.diff,
      note: practiceVersions.note,
      createdAt: practiceVersions.createdAt,
      authorName: users.name,
    })
    .from(practiceVersions)
    .leftJoin(users, eq(users.id, practiceVersions.createdBy))
    .where(and(eq(practiceVersions.practiceId, practiceId), inArray(practiceVersions.version, [n, n - 1])))
    .orderBy(desc(practiceVersions.version));
  const current = rows.find((r) => r.version === n);
  return current ? { current, previous: rows.find((r) => r.version === n - 1) } : undefined;
}
