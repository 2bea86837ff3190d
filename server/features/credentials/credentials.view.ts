// Credentials → what the pages and the API show: the facts a credential states (who, what, when,
// issuer, alignments), each check in words, and the results of an import.
import type { TFunction } from 'i18next';
import { TIME_ZONE } from '../../core/time.ts';
import type { Check } from './credentials.verify.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** Links only to web addresses (a credential from elsewhere could carry any scheme). */
const webUrl = (v: unknown): string | null => (typeof v === 'string' && /^https?:\/\//i.test(v) ? v : null);

export type CheckView = { name: string; label: string; ok: boolean; message: string };

const DATE_PARAMS = new Set(['from', 'until', 'date']);

/** A check's dates (ISO instants) as the reader's calendar shows them, in Italian time. */
function readableParams(t: TFunction, params: Record<string, string> = {}): Record<string, string> {
  const format = new Intl.DateTimeFormat(t('credentials.date_locale'), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  });
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      DATE_PARAMS.has(k) && v && !Number.isNaN(Date.parse(v)) ? format.format(new Date(v)) : v,
    ]),
  );
}

/** Each check with its name and message in the reader's language. */
export function checksView(t: TFunction, checks: Check[]): CheckView[] {
  return checks.map((c) => ({
    name: c.name,
    label: t(`credentials.check_names.${c.name}`),
    ok: c.ok,
    message: t(`credentials.checks.${c.key}`, readableParams(t, c.params)),
  }));
}

/** The API's shape of a verification. */
export const verificationJson = (t: TFunction, v: { valid: boolean; checks: Check[] }) => ({
  valid: v.valid,
  checks: checksView(t, v.checks).map(({ name, ok, message }) => ({ name, ok, message })),
});

/** What a credential's payload states, for its page (anything missing is simply left out). */
export function credentialFacts(payload: Json | null) {
  const subject = isObject(payload?.credentialSubject) ? payload.credentialSubject : {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const issuer = isObject(payload?.issuer) ? payload.issuer : {};
  const criteria = isObject(achievement.criteria) ? achievement.criteria : {};
  const alignments = (Array.isArray(achievement.alignment) ? achievement.alignment : []).filter(isObject);
  const result = (Array.isArray(subject.result) ? subject.result : []).filter(isObject)[0];
  const validFrom = Date.parse(str(payload?.validFrom));
  return {
    id: str(payload?.id),
    name: str(payload?.name) || str(achievement.name),
    subjectName: str(subject.name),
    achievement: {
      name: str(achievement.name),
      description: str(achievement.description),
      kind: str(achievement.achievementType),
      criteria: str(criteria.narrative),
      hours: typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : null,
      url: webUrl(achievement.id),
    },
    level: result ? str(result.value) : '',
    // The issuer's id (the address whose keys verified it), never its self-declared `url`.
    issuer: { name: str(issuer.name) || str(payload?.issuer), url: webUrl(issuer.id) ?? webUrl(payload?.issuer) },
    validFrom: Number.isNaN(validFrom) ? null : new Date(validFrom),
    alignments: alignments.map((a) => ({
      name: str(a.targetName),
      code: str(a.targetCode),
      url: webUrl(a.targetUrl),
      framework: str(a.targetFramework),
    })),
  };
}

/** The API's shape of an import's results. */
export function importResultsJson(
  t: TFunction,
  results: {
    id: string | null;
    issuer: { id: string; name: string } | null;
    title: string;
    verified: boolean;
    stored: boolean;
    refusal: string | null;
    subject: { name: string; match: string };
    checks: Check[];
  }[],
) {
  return results.map((r) => ({
    id: r.id,
    issuer: r.issuer,
    title: r.title,
    verified: r.verified,
    stored: r.stored,
    ...(r.refusal ? { refusal: r.refusal, reason: refusalMessage(t, r) } : {}),
    subject: r.subject,
    checks: verificationJson(t, { valid: r.verified, checks: r.checks }).checks,
  }));
}

/** Why an imported credential was not kept, in words. */
export const refusalMessage = (t: TFunction, r: { refusal: string | null; subject: { name: string } }) =>
  r.refusal ? t(`credentials.import.refusals.${r.refusal}`, { name: r.subject.name }) : '';

/** The first failed check of a stored verification, for a one-line status. */
export const firstFailure = (checks: { name: string; ok: boolean; message: string }[]) =>
  checks.find((c) => !c.ok) ?? null;
