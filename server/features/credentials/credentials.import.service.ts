// A person's credentials: those issued here and those they bring from another Rete SPI instance
// (the JSON export of their booklet there), each verified against its issuer's published keys and
// kept only when it is genuine and theirs.
import type { TFunction } from 'i18next';
import * as q from '../../../models/queries/credentials.ts';
import type { ImportedCredential } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { isLang, translator } from '../../core/i18n.ts';
import { AppError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { identifiesEmail, type Payload } from './credentials.format.ts';
import { canKeepCredentials } from './credentials.policy.ts';
import {
  CREDENTIAL_ID_MAX,
  IMPORT_DEADLINE_MS,
  IMPORT_ISSUERS_MAX,
  IMPORTED_PER_PERSON_MAX,
  importSchema,
} from './credentials.schema.ts';
import { verifyEnv } from './credentials.service.ts';
import { claimedIssuer, verifyToken, type Check, type CheckName, type Verification } from './credentials.verify.ts';
import { checksView } from './credentials.view.ts';

/** How the credential's subject relates to the person importing it. */
export type SubjectMatch = 'email' | 'name' | 'none';

/** Why a credential of an import was not kept. */
export type Refusal = 'unreadable' | 'id' | 'unverified' | 'subject' | 'limit';

export type ImportResult = {
  id: string | null;
  issuer: { id: string; name: string } | null;
  title: string;
  verified: boolean;
  stored: boolean;
  /** Why it was not stored (null when it was). */
  refusal: Refusal | null;
  subject: { name: string; match: SubjectMatch };
  checks: Check[];
};

/** The same person's name written the same way, whatever the accents, case and spacing. */
const normalName = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function subjectOf(payload: Payload | null): { name: string; subject: unknown } {
  const subject = payload?.credentialSubject;
  const name = isObject(subject) && typeof subject.name === 'string' ? subject.name : '';
  return { name, subject };
}

/** The e-mail hash identifies the person best; the name is the fallback; neither: not theirs, not kept. */
export function subjectMatch(payload: Payload | null, person: { name: string; email: string }): SubjectMatch {
  const { name, subject } = subjectOf(payload);
  if (identifiesEmail(subject, person.email)) return 'email';
  return name && normalName(name) === normalName(person.name) ? 'name' : 'none';
}

/** The achievement's name as the credential states it. */
export function titleOf(payload: Payload | null): string {
  const subject = payload?.credentialSubject;
  const achievement = isObject(subject) ? subject.achievement : undefined;
  if (isObject(achievement) && typeof achievement.name === 'string') return achievement.name;
  return typeof payload?.name === 'string' ? payload.name : '';
}

const translated = (t: TFunction, checks: Check[]) =>
  checksView(t, checks).map(({ name, ok, message }) => ({ name, ok, message }));

/** Verifications at a time: an import asks each issuer once for its keys, then for each status. */
const CONCURRENCY = 4;

/** Runs `work` on every item, at most `limit` at a time; the results in the items' order. */
async function pooled<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A credential id to keep an imported credential under: a URL (urn: too) of a sensible length. */
const keepableId = (id: unknown): id is string =>
  typeof id === 'string' && id.length <= CREDENTIAL_ID_MAX && URL.canParse(id);

/** Why a verified credential is not to be kept, or null: keep it. */
function refusalOf(v: Verification, credentialId: string | null, match: SubjectMatch): Refusal | null {
  if (!v.payload || !v.issuer) return 'unreadable';
  if (!keepableId(credentialId)) return 'id';
  // Signed by a recognised issuer; revoked or expired is still kept, with its verdict, to be seen.
  const passed = (name: CheckName) => v.checks.some((c) => c.name === name && c.ok);
  if (!passed('issuer') || !passed('signature')) return 'unverified';
  return match === 'none' ? 'subject' : null;
}

const limitReached = () => new AppError(409, 'limit_reached', 'credentials.import.limit_reached');

/**
 * Imports the credentials of a booklet export. Only what is worth keeping is kept: a credential whose
 * signature verified against a recognised issuer (this platform or TRUSTED_ISSUERS, see
 * credentials.verify.ts) and made out to the person importing it (the hashed e-mail, or the name
 * written the same way). Anything else is answered, per credential, with the reason it was not kept,
 * and stored nowhere: an import is not a way to fill the database with whatever one signs. Bounded
 * too: a few issuers per import, a deadline for all the issuers' answers together, and a number of
 * imported credentials per person.
 */
export async function importCredentials(
  deps: Deps,
  actor: Actor,
  input: unknown,
  opts: { deadlineMs?: number } = {},
): Promise<ImportResult[]> {
  assertCan(actor, canKeepCredentials(actor));
  const { credentials } = parseInput(importSchema, input);
  const issuers = new Set(credentials.map((c) => claimedIssuer(c.token)).filter(Boolean));
  if (issuers.size > IMPORT_ISSUERS_MAX)
    throw new ValidationError({
      credentials: { key: 'validation.credentials.import_issuers', params: { max: IMPORT_ISSUERS_MAX } },
    });
  const db = deps.database.db;
  if ((await q.countImportedOf(db, actor.id)) >= IMPORTED_PER_PERSON_MAX) throw limitReached();
  const env = verifyEnv(deps);
  env.fetchPolicy = { ...env.fetchPolicy, deadline: Date.now() + (opts.deadlineMs ?? IMPORT_DEADLINE_MS) };
  const t = translator(isLang(actor.locale) ? actor.locale : 'it');

  const verified = await pooled(credentials, CONCURRENCY, (item) => verifyToken(item.token, env));
  // Stored one after the other, in the export's order: the last places go to the first credentials.
  const results: ImportResult[] = [];
  for (const [i, v] of verified.entries()) {
    const item = credentials[i]!;
    const credentialId = typeof v.payload?.id === 'string' ? v.payload.id : null;
    const title = titleOf(v.payload);
    const match = subjectMatch(v.payload, actor);
    let refusal = refusalOf(v, credentialId, match);
    if (!refusal) {
      const kept = await db.transaction((tx) =>
        q.upsertImportedWithin(
          tx,
          {
            userId: actor.id,
            credentialId: credentialId!,
            issuerId: v.issuer!.id,
            issuerName: v.issuer!.name,
            achievementTitle: title,
            token: item.token.trim(),
            credential: v.payload!,
            verified: v.valid,
            checks: translated(t, v.checks),
          },
          IMPORTED_PER_PERSON_MAX,
        ),
      );
      if (!kept) refusal = 'limit';
    }
    results.push({
      id: keepableId(credentialId) ? credentialId : (item.id ?? null),
      issuer: v.issuer,
      title,
      verified: v.valid,
      stored: !refusal,
      refusal,
      subject: { name: subjectOf(v.payload).name, match },
      checks: v.checks,
    });
  }
  return results;
}

export type ImportedView = ImportedCredential & { subjectName: string; subjectMatch: SubjectMatch };

/** The person's credentials: issued here (newest first) and imported from elsewhere. */
export async function myCredentials(deps: Deps, actor: Actor) {
  assertCan(actor, canKeepCredentials(actor));
  const db = deps.database.db;
  const [issued, imported] = await Promise.all([q.listCredentialsOf(db, actor.id), q.listImportedOf(db, actor.id)]);
  return {
    issued,
    imported: imported.map((row): ImportedView => ({
      ...row,
      subjectName: subjectOf(row.credential).name,
      subjectMatch: subjectMatch(row.credential, actor),
    })),
  };
}
