// Privacy (0029_privacy.sql): personal rows for the export, the deletion's anonymisation, the
// site-wide deletion rule, the privacy log and the editable privacy/cookie texts.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';

type Row = Record<string, unknown>;

/** Columns never exported: secrets, storage internals and derived search data. */
const NEVER_EXPORTED = new Set([
  'password_hash',
  'token_hash',
  'search_vector',
  'storage_key',
  'sess',
  'draft_token',
  'secret_enc',
]);

async function rowsOf(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** Rows of a personal query, without the columns that are never exported. */
export async function personalRows(db: DbOrTx, query: SQL): Promise<Row[]> {
  return (await rowsOf(db, query)).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !NEVER_EXPORTED.has(k))),
  );
}

/** The attachments a person uploaded, for the zip's `allegati/` folder. */
export async function uploadedFiles(db: DbOrTx, userId: number) {
  return (await rowsOf(
    db,
    sql`SELECT id, filename, mime, size, storage_key AS "storageKey", post_id AS "postId", created_at AS "createdAt"
        FROM attachments WHERE uploader_id = ${userId} ORDER BY id`,
  )) as { id: number; filename: string; mime: string; size: number; storageKey: string; postId: number | null }[];
}

// ---- settings ----

export type DeletionRule = 'anonimizza' | 'rimuovi';

export async function readDeletionRule(db: DbOrTx): Promise<DeletionRule> {
  const [row] = await rowsOf(db, sql`SELECT value FROM privacy_settings WHERE key = 'deletion_rule'`);
  return row?.value === 'rimuovi' ? 'rimuovi' : 'anonimizza';
}

export async function writeDeletionRule(db: DbOrTx, rule: DeletionRule, byUserId: number): Promise<void> {
  await db.execute(sql`INSERT INTO privacy_settings (key, value, updated_by) VALUES ('deletion_rule', ${rule}, ${byUserId})
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`);
}

// ---- log ----

export type PrivacyLogRow = {
  id: number;
  kind: 'export' | 'deletion';
  subjectId: number;
  via: string;
  rule: string | null;
  createdAt: Date;
};

export async function insertPrivacyLog(
  db: DbOrTx,
  entry: { kind: 'export' | 'deletion'; subjectId: number; via: 'web' | 'api'; rule?: string | null },
): Promise<void> {
  await db.execute(
    sql`INSERT INTO privacy_log (kind, subject_id, via, rule) VALUES (${entry.kind}, ${entry.subjectId}, ${entry.via}, ${entry.rule ?? null})`,
  );
}

/** How many exports a person asked for since a moment (the export's rate limit). */
export async function countExportsSince(db: DbOrTx, userId: number, since: Date): Promise<number> {
  const [row] = await rowsOf(
    db,
    sql`SELECT count(*)::int AS n FROM privacy_log WHERE kind = 'export' AND subject_id = ${userId} AND created_at > ${since.toISOString()}`,
  );
  return Number(row?.n ?? 0);
}

/** The log, newest first; an export names its person (still a member), a deletion only the former id. */
export async function listPrivacyLog(db: DbOrTx, limit: number, offset: number) {
  const rows = await rowsOf(
    db,
    sql`SELECT l.id, l.kind, l.subject_id AS "subjectId", l.via, l.rule, l.created_at AS "createdAt",
               CASE WHEN l.kind = 'export' AND u.deleted_at IS NULL THEN u.name END AS "subjectName"
        FROM privacy_log l LEFT JOIN users u ON u.id = l.subject_id
        ORDER BY l.created_at DESC, l.id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  const [total] = await rowsOf(db, sql`SELECT count(*)::int AS n FROM privacy_log`);
  return { rows: rows as (PrivacyLogRow & { subjectName: string | null })[], total: Number(total?.n ?? 0) };
}

// ---- texts ----

export async function readSiteText(db: DbOrTx, key: string, locale: string) {
  const [row] = await rowsOf(
    db,
    sql`SELECT body, updated_at AS "updatedAt" FROM site_texts WHERE key = ${key} AND locale = ${locale}`,
  );
  return row as { body: string; updatedAt: Date } | undefined;
}

export async function writeSiteText(db: DbOrTx, key: string, locale: string, body: string, byUserId: number) {
  await db.execute(sql`INSERT INTO site_texts (key, locale, body, updated_by) VALUES (${key}, ${locale}, ${body}, ${byUserId})
    ON CONFLICT (key, locale) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`);
}

// ---- deletion ----

/** The person's posts not yet deleted, with where they are (for the post.deleted events). */
export async function livePostsOf(db: DbOrTx, userId: number) {
  return (await rowsOf(
    db,
    sql`SELECT p.id, p.thread_id AS "threadId", t.group_id AS "groupId"
        FROM posts p JOIN threads t ON t.id = p.thread_id
        WHERE p.author_id = ${userId} AND p.deleted_at IS NULL`,
  )) as { id: number; threadId: number; groupId: number }[];
}

/** Soft-deletes the person's posts, and their threads left with no living post of someone else. */
export async function softDeletePostsOf(db: DbOrTx, userId: number): Promise<void> {
  await db.execute(sql`UPDATE posts SET deleted_at = now() WHERE author_id = ${userId} AND deleted_at IS NULL`);
  await db.execute(sql`UPDATE threads t SET deleted_at = now() WHERE t.author_id = ${userId} AND t.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = t.id AND p.deleted_at IS NULL)`);
}

/** Deletes the attachment rows of the person's deleted posts (unlinked uploads go with the stale-upload job); returns the files to remove. */
export async function deleteAttachmentsOfRemovedPosts(db: DbOrTx, userId: number): Promise<string[]> {
  const rows = await rowsOf(
    db,
    sql`DELETE FROM attachments a WHERE a.uploader_id = ${userId}
          AND EXISTS (SELECT 1 FROM posts p WHERE p.id = a.post_id AND p.deleted_at IS NOT NULL)
        RETURNING storage_key AS "storageKey"`,
  );
  return rows.map((r) => String(r.storageKey));
}

/** Blanks the text of the person's private messages (kept in place, so the conversation still reads in order). */
export async function anonymiseMessagesOf(db: DbOrTx, userId: number): Promise<void> {
  await db.execute(sql`UPDATE conversation_messages SET body = '', body_html = '', removed_at = coalesce(removed_at, now())
    WHERE author_id = ${userId} AND kind = 'text'`);
}

/** Everything personal that has no reason to outlive the account. */
export async function deletePersonalRows(db: DbOrTx, userId: number): Promise<void> {
  const statements: SQL[] = [
    sql`DELETE FROM notifications WHERE user_id = ${userId}`,
    sql`DELETE FROM subscriptions WHERE user_id = ${userId}`,
    sql`DELETE FROM thread_reads WHERE user_id = ${userId}`,
    sql`DELETE FROM digest_runs WHERE user_id = ${userId}`,
    sql`DELETE FROM reactions WHERE user_id = ${userId}`,
    sql`DELETE FROM group_memberships WHERE user_id = ${userId}`,
    sql`DELETE FROM oidc_identities WHERE user_id = ${userId}`,
    sql`DELETE FROM calendar_feed_keys WHERE user_id = ${userId}`,
    sql`DELETE FROM event_registrations WHERE user_id = ${userId}`,
    sql`DELETE FROM user_blocks WHERE blocker_id = ${userId} OR blocked_id = ${userId}`,
    sql`DELETE FROM booklet_visibility WHERE user_id = ${userId}`,
    sql`DELETE FROM imported_credentials WHERE user_id = ${userId}`,
  ];
  for (const statement of statements) await db.execute(statement);
}

/** The user row, anonymised: "Utente rimosso", no e-mail, handle, profile, password nor fiscal code. */
export async function anonymiseUser(db: DbOrTx, userId: number): Promise<void> {
  await db.execute(sql`UPDATE users SET
      name = 'Utente rimosso',
      email = ${`rimosso-${userId}@utenti-rimossi.invalid`},
      handle = ${`utente-rimosso-${userId}`},
      password_hash = NULL, fiscal_number = NULL, role = 'member', organization_id = NULL,
      job_title = '', region = NULL, bio = '', newsletter = false, message_emails = false,
      last_login_at = NULL, deleted_at = now()
    WHERE id = ${userId}`);
}

/** The feed forgets a deleted person: every activity they were the actor of is hidden. */
export async function hideActivitiesOfActor(db: DbOrTx, userId: number): Promise<void> {
  await db.execute(sql`UPDATE activities SET hidden = true WHERE actor_id = ${userId} AND NOT hidden`);
}

/** Closes the person's open offers and requests on the exchange: nobody is left to answer them. */
export async function closeExchangePostsOf(db: DbOrTx, userId: number): Promise<void> {
  await db.execute(sql`UPDATE exchange_posts SET closed_at = now() WHERE author_id = ${userId} AND closed_at IS NULL`);
}
