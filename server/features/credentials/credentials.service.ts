// Verifiable credentials: issuing them (from course.completed and competence.validated), reading
// them, their status, verifying any credential, revoking, and the signing keys' public set.
import { randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import * as q from '../../../models/queries/credentials.ts';
import type { Config } from '../../config.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, NotFoundError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import {
  competenceCredential,
  courseCredential,
  credentialUrl,
  type IssuerFacts,
  type Payload,
  type SubjectFacts,
} from './credentials.format.ts';
import { ALG, keyStoreFor, type SigningKey } from './credentials.keys.ts';
import { canRevoke } from './credentials.policy.ts';
import { credentialIdSchema, revokeSchema, verifySchema } from './credentials.schema.ts';
import { verifyToken, type Verification, type VerifyEnv } from './credentials.verify.ts';

export type CredentialStatus = { revoked: boolean; reason?: string; revokedAt?: string };

const issuerOf = (deps: Deps): IssuerFacts => ({ publicUrl: deps.config.publicUrl, name: deps.config.issuerName });
const keys = (deps: Deps) => keyStoreFor(deps.config.credentialsKeyDir);

/** The person as their credential names them: the e-mail only if they chose it. */
const subjectFacts = async (deps: Deps, user: { id: number; name: string; email: string }): Promise<SubjectFacts> => ({
  name: user.name,
  email: (await q.putsEmailInCredentials(deps.database.db, user.id)) ? user.email : null,
});

/** Signs a payload as a VC-JWT (VC-JOSE-COSE): the credential is the JWS payload, typ vc+jwt. */
async function sign(payload: Payload, key: SigningKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'vc+jwt' })
    .sign(key.privateKey);
}

/** Stores a signed credential once and records credential.issued with it; its id, or null if it existed. */
async function store(
  deps: Deps,
  row: Omit<q.NewCredential, 'keyId' | 'token' | 'credential' | 'id'>,
  id: string,
  payload: Payload,
  objectId: number,
): Promise<string | null> {
  const key = await keys(deps).active();
  const token = await sign(payload, key);
  const visible = row.userId ? await q.showsCredentials(deps.database.db, row.userId) : false;
  return deps.database.db.transaction(async (tx) => {
    const stored = await q.insertCredentialOnce(tx, { ...row, id, keyId: key.kid, token, credential: payload });
    if (!stored) return null;
    await deps.bus.record(tx, 'credential.issued', {
      actorId: row.userId ?? null,
      objectId,
      title: row.achievementTitle,
      url: `/credenziali/${id}`,
      privateToActor: !visible,
    });
    return stored;
  });
}

/** Issues the course credential of a completion (once per person and course, however often the event comes). */
export async function issueCourseCredential(
  deps: Deps,
  input: { userId: number; courseId: number; occurredAt: Date },
): Promise<string | null> {
  const db = deps.database.db;
  if (await q.findCourseCredentialId(db, input.userId, input.courseId)) return null;
  const facts = await q.courseCompletionFacts(db, input.courseId, input.userId);
  if (!facts) return null;
  const id = randomUUID();
  const completedAt = facts.completedAt ?? input.occurredAt;
  const payload = courseCredential(id, issuerOf(deps), await subjectFacts(deps, facts.user), facts.course, completedAt);
  return store(
    deps,
    {
      userId: facts.user.id,
      kind: 'course',
      courseId: facts.course.id,
      subjectName: facts.user.name,
      achievementTitle: facts.course.title,
      issuedAt: new Date(),
    },
    id,
    payload,
    facts.course.id,
  );
}

/** Issues the competence credential of a validation (once per validation). */
export async function issueCompetenceCredential(
  deps: Deps,
  input: { validationId: number; level: number | null; occurredAt: Date },
): Promise<string | null> {
  const db = deps.database.db;
  if (await q.findValidationCredentialId(db, input.validationId)) return null;
  const facts = await q.validationFacts(db, input.validationId);
  // A validation later withdrawn or changed back is not what the event told of: nothing to certify.
  if (!facts || facts.validation.status !== 'validated') return null;
  const id = randomUUID();
  const level = facts.validation.level ?? input.level;
  const at = facts.validation.decidedAt ?? input.occurredAt;
  const subject = await subjectFacts(deps, facts.user);
  const payload = competenceCredential(id, issuerOf(deps), subject, facts.competence, level, at);
  return store(
    deps,
    {
      userId: facts.user.id,
      kind: 'competence',
      competenceId: facts.competence.id,
      validationId: facts.validation.id,
      subjectName: facts.user.name,
      achievementTitle: facts.competence.title,
      issuedAt: new Date(),
    },
    id,
    payload,
    facts.competence.id,
  );
}

const statusOf = (row: { revokedAt: Date | null; revocationReason: string }): CredentialStatus =>
  row.revokedAt
    ? { revoked: true, reason: row.revocationReason, revokedAt: row.revokedAt.toISOString() }
    : { revoked: false };

async function findOr404(deps: Deps, rawId: unknown) {
  const parsed = credentialIdSchema.safeParse(rawId);
  if (!parsed.success) throw new NotFoundError('credentials.not_found');
  const row = await q.findCredential(deps.database.db, parsed.data);
  if (!row) throw new NotFoundError('credentials.not_found');
  return row;
}

/** A credential as issued: its payload, the signed token, its status (anyone with the id may read it). */
export async function getCredential(deps: Deps, id: unknown) {
  const row = await findOr404(deps, id);
  return { credential: row.credential, token: row.token, status: statusOf(row) };
}

/** Whether a credential is revoked: what its credentialStatus address answers. */
export async function getCredentialStatus(deps: Deps, id: unknown): Promise<CredentialStatus> {
  return statusOf(await findOr404(deps, id));
}

/** How this platform verifies: its own keys and records, other issuers' keys fetched under the policy. */
export function verifyEnv(deps: Deps): VerifyEnv {
  return {
    publicUrl: deps.config.publicUrl,
    now: new Date(),
    ownKeys: async () => (await keys(deps).jwks()).keys,
    ownRecord: async (id) => {
      const row = await q.findCredential(deps.database.db, id);
      return row ? { credential: row.credential, revokedAt: row.revokedAt, reason: row.revocationReason } : null;
    },
    fetchPolicy: { trustedOrigins: deps.config.trustedIssuers },
    jwksCache: new Map(),
  };
}

/** Verifies a credential given as a compact VC-JWT (or wrapped in an EnvelopedVerifiableCredential). */
export async function verifyCredential(deps: Deps, input: unknown): Promise<Verification> {
  const { token } = parseInput(verifySchema, input);
  return verifyToken(token, verifyEnv(deps));
}

/** The public verification page: the credential, every check, and what the viewer may do. */
export async function credentialPage(deps: Deps, actor: Actor, id: unknown) {
  const row = await findOr404(deps, id);
  const verification = await verifyToken(row.token, verifyEnv(deps));
  return { row, status: statusOf(row), verification, can: { revoke: canRevoke(actor) && !row.revokedAt } };
}

/** An administrator revokes a credential, with the reason its status will show. */
export async function revokeCredential(deps: Deps, actor: Actor, id: unknown, input: unknown) {
  assertCan(actor, canRevoke(actor));
  const row = await findOr404(deps, id);
  const { reason } = parseInput(revokeSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const revoked = await q.revokeCredential(tx, row.id, actor.id, reason, new Date());
    if (!revoked) throw new ConflictError('credentials.already_revoked');
    await deps.bus.record(tx, 'credential.revoked', {
      credentialId: revoked.id,
      userId: revoked.userId,
      title: revoked.achievementTitle,
      url: `/credenziali/${revoked.id}`,
      byUserId: actor.id,
    });
    return { id: revoked.id, url: credentialUrl(deps.config.publicUrl, revoked.id), status: statusOf(revoked) };
  });
}

/** The public keys credentials are verified with (every key, so rotation keeps old credentials valid). */
export function publishedKeys(deps: Deps) {
  return keys(deps).jwks();
}

/**
 * Makes a new signing key (command line): the old ones stay published. Only the key folder is
 * touched, not the database, so it runs beside a server (which signs with the new key from then on).
 */
export async function rotateSigningKey(
  config: Pick<Config, 'credentialsKeyDir'>,
): Promise<{ kid: string; keys: number }> {
  const store = keyStoreFor(config.credentialsKeyDir);
  const key = await store.rotate();
  return { kid: key.kid, keys: (await store.all()).length };
}
