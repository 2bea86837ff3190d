// Privacy (GDPR): the personal-data export (a streamed zip), the deletion of one's account under
// the site-wide rule, the privacy log, and the privacy and cookie texts.
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { sql } from 'drizzle-orm';
import * as q from '../../../models/queries/privacy.ts';
import { countAdmins, findUserById } from '../../../models/queries/users.ts';
import { deleteUserSessionsExcept } from '../../../models/queries/sessions.ts';
import { collectPersonalData } from '../../core/data-export.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, ForbiddenError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { parseInput } from '../../core/validation.ts';
import { passwordMatches, sessionsEnded } from '../accounts/accounts.service.ts';
import { revokeAllTokens } from '../accounts/tokens.service.ts';
import { fileExists, removeFile, storagePath } from '../attachments/attachments.service.ts';
import { canDeleteOwnAccount, canExportOwnData, canManagePrivacy } from './privacy.policy.ts';
import { deletionSchema, ruleSchema, siteTextSchema } from './privacy.schema.ts';
import { DEFAULT_TEXTS } from './privacy.defaults.ts';

/** At most this many exports per person per hour: an export reads everything they have. */
export const EXPORTS_PER_HOUR = 3;
/** A SPID/CIE account confirms its deletion by having signed in with its provider this recently. */
export const REAUTH_MINUTES = 15;

function requireActor(actor: Actor): asserts actor is Express.User {
  if (!actor) throw new UnauthorizedError();
}

export type PersonalExport = {
  data: Record<string, unknown>;
  files: { id: number; filename: string; storageKey: string }[];
};

/** Everything the platform holds about the actor, and the files they uploaded; logged and rate-limited. */
export async function preparePersonalExport(deps: Deps, actor: Actor, via: 'web' | 'api'): Promise<PersonalExport> {
  requireActor(actor);
  if (!canExportOwnData(actor)) throw new ForbiddenError();
  const db = deps.database.db;
  const recent = await q.countExportsSince(db, actor.id, new Date(Date.now() - 3_600_000));
  if (recent >= EXPORTS_PER_HOUR) throw new AppError(429, 'rate_limited', 'privacy.errors.export_rate_limited');
  const sections = await collectPersonalData(db, actor.id);
  const files = await q.uploadedFiles(db, actor.id);
  await q.insertPrivacyLog(db, { kind: 'export', subjectId: actor.id, via });
  return {
    data: {
      format: 'rete-spi-personal-data/1',
      exportedAt: new Date().toISOString(),
      userId: actor.id,
      attachmentsFolder: 'allegati/',
      ...sections,
    },
    files,
  };
}

/** A file's name inside the zip: its id first (names repeat), no path separators nor odd characters. */
export const zipFileName = (f: { id: number; filename: string }): string =>
  `allegati/${f.id}-${f.filename.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').slice(0, 150)}`;

/**
 * Writes the export as a zip to `out`, streamed: dati.json, then each attachment read from storage
 * chunk by chunk (already-compressed formats are stored, the rest deflated). Never the whole zip in memory.
 */
export async function writeExportZip(deps: Deps, exported: PersonalExport, out: Writable): Promise<void> {
  let failed: Error | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      out.write(chunk);
      if (final) {
        out.end();
        resolve();
      }
    });
    (async () => {
      const json = new ZipDeflate('dati.json', { level: 6 });
      zip.add(json);
      json.push(strToU8(JSON.stringify(exported.data, null, 2)), true);
      for (const file of exported.files) {
        const path = storagePath(deps.config.attachmentsDir, file.storageKey);
        if (!(await fileExists(path))) continue;
        const compressed = /\.(zip|jpe?g|png|gif|webp|pdf|docx|xlsx|pptx|odt|ods)$/i.test(file.filename);
        const entry = compressed
          ? new ZipPassThrough(zipFileName(file))
          : new ZipDeflate(zipFileName(file), { level: 6 });
        zip.add(entry);
        for await (const chunk of createReadStream(path)) entry.push(chunk as Uint8Array);
        entry.push(new Uint8Array(0), true);
      }
      zip.end();
    })().catch((err: Error) => {
      failed = err;
      zip.terminate();
      reject(err);
    });
  });
  await done;
  if (failed) throw failed;
}

/** Checks the deletion's confirmation: the password, or for a SPID/CIE-only account a sign-in with the provider in the last minutes. */
async function confirmIdentity(deps: Deps, userId: number, passwordHash: string | null, password: string) {
  if (passwordHash) {
    if (!(await passwordMatches(passwordHash, password))) {
      throw new ValidationError(
        { password: { key: 'privacy.errors.wrong_password' } },
        'privacy.errors.wrong_password',
      );
    }
    return;
  }
  const recent = (await deps.database.db.execute(
    sql`SELECT 1 FROM oidc_identities WHERE user_id = ${userId}
        AND last_login_at > now() - make_interval(mins => ${REAUTH_MINUTES})`,
  )) as unknown as { rows: unknown[] };
  if (!recent.rows.length) throw new AppError(403, 'reauthentication_required', 'privacy.errors.reauth_required');
}

/**
 * Deletes the actor's account in one transaction, under the site-wide rule: "anonimizza" keeps their
 * posts under "Utente rimosso", "rimuovi" soft-deletes them (and their attachments) as moderation
 * does. Either way the user row is anonymised, tokens revoked, sessions and SPID/CIE links removed,
 * private messages blanked, personal rows (notifications, subscriptions, memberships…) deleted, and
 * `user.deleted` recorded with no personal data.
 */
export async function deleteOwnAccount(
  deps: Deps,
  actor: Actor,
  input: unknown,
  via: 'web' | 'api',
): Promise<{ rule: q.DeletionRule }> {
  requireActor(actor);
  if (!canDeleteOwnAccount(actor)) throw new ForbiddenError();
  const { password } = parseInput(deletionSchema, input ?? {});
  const user = await findUserById(deps.database.db, actor.id);
  if (!user || user.deletedAt) throw new UnauthorizedError();
  await confirmIdentity(deps, user.id, user.passwordHash, password);
  const removedFiles: string[] = [];
  const rule = await deps.database.db.transaction(async (tx) => {
    if (user.role === 'admin' && (await countAdmins(tx, user.id)) === 0) {
      throw new ConflictError('privacy.errors.last_admin');
    }
    const rule = await q.readDeletionRule(tx);
    if (rule === 'rimuovi') {
      const removed = await q.livePostsOf(tx, user.id);
      await q.softDeletePostsOf(tx, user.id);
      removedFiles.push(...(await q.deleteAttachmentsOfRemovedPosts(tx, user.id)));
      await deps.bus.recordAll(
        tx,
        'post.deleted',
        removed.map((p) => ({ postId: p.id, threadId: p.threadId, groupId: p.groupId, byUserId: user.id })),
      );
    }
    await q.anonymiseMessagesOf(tx, user.id);
    await q.closeExchangePostsOf(tx, user.id);
    await q.deletePersonalRows(tx, user.id);
    await revokeAllTokens(deps, tx, user.id);
    await sessionsEnded(deps, user.id, await deleteUserSessionsExcept(tx, user.id), tx);
    await q.anonymiseUser(tx, user.id);
    await q.insertPrivacyLog(tx, { kind: 'deletion', subjectId: user.id, via, rule });
    await deps.bus.record(tx, 'user.deleted', { userId: user.id, rule });
    return rule;
  });
  for (const key of removedFiles) await removeFile(deps.config.attachmentsDir, key).catch(() => undefined);
  return { rule };
}

/** Whether the actor confirms a deletion with a password (else with SPID/CIE). */
export async function deletionPageFor(deps: Deps, actor: Actor) {
  requireActor(actor);
  const user = await findUserById(deps.database.db, actor.id);
  return { hasPassword: Boolean(user?.passwordHash), rule: await q.readDeletionRule(deps.database.db) };
}

// ---- administration ----

function requireAdmin(actor: Actor): asserts actor is Express.User {
  requireActor(actor);
  if (!canManagePrivacy(actor)) throw new ForbiddenError();
}

export async function privacyAdminPage(deps: Deps, actor: Actor, page: number) {
  requireAdmin(actor);
  const perPage = 50;
  const log = await q.listPrivacyLog(deps.database.db, perPage, (page - 1) * perPage);
  return {
    rule: await q.readDeletionRule(deps.database.db),
    log: log.rows,
    total: log.total,
    pages: Math.max(1, Math.ceil(log.total / perPage)),
  };
}

export async function setDeletionRule(deps: Deps, actor: Actor, input: unknown): Promise<q.DeletionRule> {
  requireAdmin(actor);
  const { rule } = parseInput(ruleSchema, input);
  await q.writeDeletionRule(deps.database.db, rule, actor.id);
  return rule;
}

/** A page's text in a language: the administration's, else the default; with its sanitized HTML. */
export async function siteText(deps: Deps, key: 'privacy' | 'cookie', locale: string) {
  const lang = locale === 'en' ? 'en' : 'it';
  const stored = await q.readSiteText(deps.database.db, key, lang);
  const body = stored?.body ?? DEFAULT_TEXTS[key][lang];
  return { body, html: renderDocument(body), updatedAt: stored?.updatedAt ?? null, custom: Boolean(stored) };
}

export async function siteTextsForEdit(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  const out: { key: 'privacy' | 'cookie'; locale: 'it' | 'en'; body: string; custom: boolean }[] = [];
  for (const key of ['privacy', 'cookie'] as const)
    for (const locale of ['it', 'en'] as const) {
      const t = await siteText(deps, key, locale);
      out.push({ key, locale, body: t.body, custom: t.custom });
    }
  return out;
}

export async function saveSiteText(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor);
  const data = parseInput(siteTextSchema, input);
  await q.writeSiteText(deps.database.db, data.key, data.locale, data.body, actor.id);
  return data;
}
