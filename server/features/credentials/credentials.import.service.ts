// A person's credentials: those issued here and those they bring from another Rete SPI instance
// (the JSON export of their booklet there), each verified against its issuer's published keys.
import type { TFunction } from 'i18next';
import * as q from '../../../models/queries/credentials.ts';
import type { ImportedCredential } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { isLang, translator } from '../../core/i18n.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { identifiesEmail, type Payload } from './credentials.format.ts';
import { canKeepCredentials } from './credentials.policy.ts';
import { importSchema } from './credentials.schema.ts';
import { verifyEnv } from './credentials.service.ts';
import { verifyToken, type Check } from './credentials.verify.ts';
import { checksView } from './credentials.view.ts';

/** How the credential's subject relates to the person importing it. */
export type SubjectMatch = 'email' | 'name' | 'none';

export type ImportResult = {
  id: string | null;
  issuer: { id: string; name: string } | null;
  title: string;
  verified: boolean;
  /** False when the token could not even be read: there is nothing to keep. */
  stored: boolean;
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

/** The e-mail hash identifies the person best; the name is the fallback; neither: a warning. */
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

/**
 * Imports the credentials of a booklet export: each is verified (its issuer's key fetched under the
 * fetch policy) and kept with its checks, verified or not, so the person sees what failed. A subject
 * who is not obviously this person is a warning, not a refusal: names are written differently on
 * different platforms (accents, second names, a changed surname), the e-mail may have changed, and
 * a credential proves what its issuer certified whoever holds it; whoever reads it sees the name.
 */
export async function importCredentials(deps: Deps, actor: Actor, input: unknown): Promise<ImportResult[]> {
  assertCan(actor, canKeepCredentials(actor));
  const { credentials } = parseInput(importSchema, input);
  const env = verifyEnv(deps);
  const t = translator(isLang(actor.locale) ? actor.locale : 'it');
  const results: ImportResult[] = [];
  // One at a time: an import asks each issuer once for its keys (cached), then once per credential.
  for (const item of credentials) {
    const v = await verifyToken(item.token, env);
    const credentialId = typeof v.payload?.id === 'string' ? v.payload.id : null;
    const title = titleOf(v.payload);
    const stored = Boolean(v.payload && v.issuer && credentialId);
    if (stored) {
      await q.upsertImported(deps.database.db, {
        userId: actor.id,
        credentialId: credentialId!,
        issuerId: v.issuer!.id,
        issuerName: v.issuer!.name,
        achievementTitle: title,
        token: item.token.trim(),
        credential: v.payload!,
        verified: v.valid,
        checks: translated(t, v.checks),
      });
    }
    results.push({
      id: credentialId ?? item.id ?? null,
      issuer: v.issuer,
      title,
      verified: v.valid,
      stored,
      subject: { name: subjectOf(v.payload).name, match: subjectMatch(v.payload, actor) },
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
