// Verifying a VC-JWT credential, check by check: format, issuer (whose key, published where),
// signature, dates, revocation and, for our own credentials, integrity against what we stored.
// Nothing here throws on bad input: every problem is a failed check with a message key, so one
// changed byte anywhere gives `valid: false` and names what failed.
//
// Only two kinds of issuer can make a credential valid: this platform, and the other instances its
// administrator trusts (TRUSTED_ISSUERS). A signature by whoever runs some other domain proves only
// that, and its `issuer.name` is whatever they wrote: such an issuer fails the issuer check and is
// never contacted (no request leaves for an issuer nobody vouched for, from an anonymous verify
// either). An issuer id is asked for its keys only as a bare origin (scheme://host[:port], no path,
// query or fragment), at <origin>/.well-known/jwks.json: never at an address the credential chose.
import { isDeepStrictEqual } from 'node:util';
import { compactVerify, importJWK, type JWK } from 'jose';
import { ALG } from './credentials.keys.ts';
import { CREDENTIAL_TYPES, STATUS_TYPE, VC_CONTEXT, type Payload } from './credentials.format.ts';
import { fetchJson, FetchRefused, type FetchPolicy } from './credentials.fetch.ts';

export const CHECK_NAMES = ['format', 'issuer', 'signature', 'dates', 'revocation', 'integrity'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];
/** One check's outcome; `key` is the message (credentials.checks.<key>) with its `params`. */
export type Check = { name: CheckName; ok: boolean; key: string; params?: Record<string, string> };
export type Verification = {
  valid: boolean;
  checks: Check[];
  payload: Payload | null;
  issuer: { id: string; name: string } | null;
  /** The credential's id at this platform, when it is one of ours. */
  ownId: string | null;
};

export type OwnRecord = { credential: Payload; revokedAt: Date | null; reason: string };
export type VerifyEnv = {
  publicUrl: string;
  now: Date;
  ownKeys(): Promise<JWK[]>;
  ownRecord(id: string): Promise<OwnRecord | null>;
  fetchPolicy: FetchPolicy;
  /** Issuers' key sets fetched during one request (an import asks each issuer once). */
  jwksCache?: Map<string, Promise<JWK[]>>;
};

const CLOCK_SKEW_MS = 5 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const B64URL = /^[A-Za-z0-9_-]+$/;
/** base64url as its encoder writes it: unused bits zero, so one token has one spelling. */
const canonical = (part: string) => B64URL.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const pass = (name: CheckName, key: string, params?: Record<string, string>): Check => ({
  name,
  ok: true,
  key,
  params,
});
const fail = (name: CheckName, key: string, params?: Record<string, string>): Check => ({
  name,
  ok: false,
  key,
  params,
});

function decodeJson(part: string): unknown {
  if (!B64URL.test(part)) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

type Parsed = {
  header: Record<string, unknown>;
  payload: Payload;
  issuerId: string;
  issuerName: string;
  /** The issuer id's origin when the id is nothing more (its keys may be asked there), else null. */
  issuerOrigin: string | null;
};

/** `https://host[:port]` with at most a final "/": no user, path, query or fragment. */
function bareOrigin(id: string): string | null {
  const url = new URL(id);
  const bare = !/[?#@]/.test(id) && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
  return bare ? url.origin : null;
}

/** The token's header and payload if it is a VC-JWT of an Open Badges credential, else the reason. */
function parse(token: string): Parsed | string {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts.every(canonical)) return 'format_not_jwt';
  const header = decodeJson(parts[0]!);
  const payload = decodeJson(parts[1]!);
  if (!isObject(header)) return 'format_header';
  if (header.alg !== ALG || typeof header.kid !== 'string' || !header.kid || 'crit' in header) return 'format_header';
  if (header.typ !== 'vc+jwt') return 'format_typ';
  if (!isObject(payload)) return 'format_payload';
  const context = payload['@context'];
  const types = payload.type;
  if (!Array.isArray(context) || context[0] !== VC_CONTEXT) return 'format_context';
  if (!Array.isArray(types) || !CREDENTIAL_TYPES.every((t) => types.includes(t))) return 'format_type';
  const issuer = payload.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : isObject(issuer) ? issuer.id : undefined;
  if (typeof issuerId !== 'string' || !URL.canParse(issuerId) || !/^https?:$/.test(new URL(issuerId).protocol))
    return 'format_issuer';
  if (typeof payload.validFrom !== 'string' || !isObject(payload.credentialSubject)) return 'format_fields';
  const issuerName = isObject(issuer) && typeof issuer.name === 'string' ? issuer.name : issuerId;
  return { header, payload, issuerId: issuerId.replace(/\/$/, ''), issuerName, issuerOrigin: bareOrigin(issuerId) };
}

/** The issuer id a token claims (before any check), or null when it is not a readable credential. */
export function claimedIssuer(token: string): string | null {
  const parsed = parse(token);
  return typeof parsed === 'string' ? null : parsed.issuerId;
}

/** The UUID of one of our credential ids (`<PUBLIC_URL>/credenziali/<uuid>`), else null. */
export function ownCredentialId(publicUrl: string, id: unknown): string | null {
  const prefix = `${publicUrl}/credenziali/`;
  if (typeof id !== 'string' || !id.startsWith(prefix)) return null;
  const uuid = id.slice(prefix.length);
  return UUID.test(uuid) ? uuid.toLowerCase() : null;
}

async function remoteKeys(origin: string, env: VerifyEnv): Promise<JWK[]> {
  const url = `${origin}/.well-known/jwks.json`;
  const cache = env.jwksCache ?? new Map<string, Promise<JWK[]>>();
  let keys = cache.get(url);
  if (!keys) {
    keys = fetchJson(new URL(url), env.fetchPolicy).then((body) => {
      const list = isObject(body) && Array.isArray(body.keys) ? body.keys : null;
      if (!list) throw new FetchRefused('bad_json');
      return list.filter(isObject) as JWK[];
    });
    cache.set(url, keys);
  }
  return keys;
}

/** The issuer check, and the key to verify the signature with when there is one. */
async function issuerCheck(p: Parsed, own: boolean, env: VerifyEnv): Promise<{ check: Check; key: JWK | null }> {
  const kid = String(p.header.kid);
  const params = { issuer: p.issuerName, url: p.issuerId, kid };
  const trusted = !own && p.issuerOrigin !== null && env.fetchPolicy.trustedOrigins.includes(p.issuerOrigin);
  if (!own && !trusted)
    return { check: fail('issuer', p.issuerOrigin ? 'issuer_untrusted' : 'issuer_not_origin', params), key: null };
  let keys: JWK[];
  try {
    keys = own ? await env.ownKeys() : await remoteKeys(p.issuerOrigin!, env);
  } catch (err) {
    const reason = err instanceof FetchRefused ? err.reason : 'network';
    return { check: fail('issuer', `issuer_${reason}`, params), key: null };
  }
  const key = keys.find((k) => k.kid === kid && k.kty === 'EC' && k.crv === 'P-256') ?? null;
  if (!key) return { check: fail('issuer', 'issuer_unknown_key', params), key: null };
  return { check: pass('issuer', own ? 'issuer_own' : 'issuer_trusted', params), key };
}

async function signatureCheck(token: string, key: JWK | null, issuer: Check): Promise<Check> {
  if (issuer.key === 'issuer_untrusted' || issuer.key === 'issuer_not_origin')
    return fail('signature', 'signature_untrusted');
  if (!key) return fail('signature', 'signature_no_key');
  try {
    await compactVerify(token.trim(), await importJWK({ ...key, alg: ALG }, ALG), { algorithms: [ALG] });
    return pass('signature', 'signature_ok');
  } catch {
    return fail('signature', 'signature_bad');
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 date-time with its time zone (VC 2.0's dateTimeStamp) as milliseconds, else NaN: not
 * whatever Date.parse makes of a string ("1 January 2020", a date alone, 31 February as 3 March).
 */
function rfc3339(value: unknown): number {
  const m = typeof value === 'string' ? RFC3339.exec(value) : null;
  if (!m) return NaN;
  const [year, month, day, hour, minute, second, offH = 0, offM = 0] = m.slice(1).map((n) => Number(n ?? 0));
  const date = new Date(Date.UTC(2000, month! - 1, day!)); // a leap year: 29 February checked below
  const realDay = date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
  const leapOk = !(month === 2 && day === 29) || (year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0));
  if (!realDay || !leapOk || hour! > 23 || minute! > 59 || second! > 59 || offH > 23 || offM > 59) return NaN;
  return Date.parse(value as string);
}

/** A JWT NumericDate (seconds since the epoch) as milliseconds, else NaN. */
const numericDate = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 8.64e12 ? value * 1000 : NaN;

/** validFrom and validUntil, and the JWT's nbf and exp when it has them: the strictest of each pair. */
function datesCheck(payload: Payload, now: Date): Check {
  const from = rfc3339(payload.validFrom);
  const until = payload.validUntil === undefined ? Infinity : rfc3339(payload.validUntil);
  const nbf = 'nbf' in payload ? numericDate(payload.nbf) : -Infinity;
  const exp = 'exp' in payload ? numericDate(payload.exp) : Infinity;
  if ([from, until, nbf, exp].some(Number.isNaN)) return fail('dates', 'dates_invalid');
  const iso = (ms: number) => new Date(ms).toISOString();
  const start = Math.max(from, nbf);
  if (start > now.getTime() + CLOCK_SKEW_MS) return fail('dates', 'dates_not_yet', { from: iso(start) });
  const end = Math.min(until, exp);
  if (end <= now.getTime()) return fail('dates', 'dates_expired', { until: iso(end) });
  return end === Infinity
    ? pass('dates', 'dates_ok', { from: iso(from) })
    : pass('dates', 'dates_ok_until', { from: iso(from), until: iso(end) });
}

async function remoteStatus(p: Parsed, env: VerifyEnv): Promise<Check> {
  const status = p.payload.credentialStatus;
  if (status === undefined) return pass('revocation', 'revocation_none');
  if (!isObject(status) || status.type !== STATUS_TYPE || typeof status.id !== 'string' || !URL.canParse(status.id))
    return fail('revocation', 'revocation_unsupported');
  const url = new URL(status.id);
  if (url.origin !== p.issuerOrigin) return fail('revocation', 'revocation_elsewhere');
  try {
    const body = await fetchJson(url, { ...env.fetchPolicy, maxBytes: 16 * 1024 });
    if (!isObject(body) || typeof body.revoked !== 'boolean') return fail('revocation', 'revocation_unreadable');
    if (!body.revoked) return pass('revocation', 'revocation_ok');
    return fail('revocation', 'revocation_revoked', { reason: typeof body.reason === 'string' ? body.reason : '' });
  } catch (err) {
    return fail('revocation', 'revocation_unreachable', {
      reason: err instanceof FetchRefused ? err.reason : 'network',
    });
  }
}

/** Runs every check on a compact VC-JWT. */
export async function verifyToken(token: string, env: VerifyEnv): Promise<Verification> {
  const parsed = parse(token);
  if (typeof parsed === 'string') {
    const checks = [
      fail('format', parsed),
      ...CHECK_NAMES.filter((n) => n !== 'format').map((n) => fail(n, 'not_run')),
    ];
    return { valid: false, checks, payload: null, issuer: null, ownId: null };
  }
  const own = parsed.issuerId === env.publicUrl;
  const ownId = own ? ownCredentialId(env.publicUrl, parsed.payload.id) : null;
  const checks: Check[] = [pass('format', 'format_ok')];
  const { check, key } = await issuerCheck(parsed, own, env);
  checks.push(check);
  const signature = await signatureCheck(token, key, check);
  checks.push(signature, datesCheck(parsed.payload, env.now));
  if (own) {
    const record = ownId ? await env.ownRecord(ownId) : null;
    if (!record) checks.push(fail('revocation', 'revocation_unknown'), fail('integrity', 'integrity_unknown'));
    else {
      const params = { date: record.revokedAt?.toISOString() ?? '', reason: record.reason };
      checks.push(
        record.revokedAt ? fail('revocation', 'revocation_revoked_on', params) : pass('revocation', 'revocation_ok'),
        isDeepStrictEqual(parsed.payload, record.credential)
          ? pass('integrity', 'integrity_ok')
          : fail('integrity', 'integrity_differs'),
      );
    }
  } else {
    // Another platform's status address is asked only about a credential its key really signed.
    checks.push(signature.ok ? await remoteStatus(parsed, env) : fail('revocation', 'not_run'));
  }
  return {
    valid: checks.every((c) => c.ok),
    checks,
    payload: parsed.payload,
    issuer: { id: parsed.issuerId, name: parsed.issuerName },
    ownId,
  };
}
