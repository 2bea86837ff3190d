// What a credential says: an Open Badges 3.0 OpenBadgeCredential (W3C Verifiable Credentials Data
// Model 2.0) for a completed course or a validated competence. Pure: facts in, the JSON payload out;
// signing is credentials.sign.ts. The text is Italian (the platform's language, `inLanguage: it`).
import { createHash, randomBytes } from 'node:crypto';
import { translator } from '../../core/i18n.ts';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const CREDENTIAL_TYPES = ['VerifiableCredential', 'OpenBadgeCredential'];
/** Our credentialStatus type: a per-credential status address answering {revoked, reason?, revokedAt?}. */
export const STATUS_TYPE = 'RetespiRevocationStatus';

export type Payload = Record<string, unknown>;
export type IssuerFacts = { publicUrl: string; name: string };
/** The e-mail only when its person chose to have it in their credentials (booklet visibility). */
export type SubjectFacts = { name: string; email: string | null };
export type CourseFacts = {
  slug: string;
  title: string;
  summary: string;
  hours: number;
  completion: { lessons: boolean; quizzes: boolean; attendance: number };
  competences: { code: string; title: string }[];
};
export type CompetenceFacts = {
  code: string;
  title: string;
  description: string;
  eqfLevel: number | null;
  escoUri: string | null;
};

const t = translator('it');

/** xsd:dateTime without milliseconds (2026-03-01T10:00:00Z). */
export const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const credentialUrl = (publicUrl: string, id: string) => `${publicUrl}/credenziali/${id}`;
export const statusUrl = (publicUrl: string, id: string) => `${publicUrl}/api/v1/credentials/${id}/status`;
export const competenceUrl = (publicUrl: string, code: string) => `${publicUrl}/competenze/${encodeURIComponent(code)}`;

/**
 * Who the credential is about: the name (readable by whoever the person shows it to) and, if they
 * chose it, the e-mail as a salted SHA-256 hash (OB 3.0 IdentityObject), which lets another platform
 * that knows the person's address check it is theirs without the address being written in the
 * credential. The salt is published with the hash (that is how a verifier checks it), so whoever
 * holds the credential can also test a guessed address: hence the person's choice, off by default.
 */
function subjectOf(subject: SubjectFacts) {
  const email = () => {
    const salt = randomBytes(16).toString('hex');
    const hash = createHash('sha256')
      .update(subject.email!.trim().toLowerCase() + salt)
      .digest('hex');
    return { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: `sha256$${hash}`, salt };
  };
  return {
    type: ['AchievementSubject'],
    name: subject.name,
    identifier: [
      { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: subject.name },
      ...(subject.email ? [email()] : []),
    ],
  };
}

/** True when a credential's hashed e-mail identifier is this address. */
export function identifiesEmail(subject: unknown, email: string): boolean {
  const ids = (subject as { identifier?: unknown })?.identifier;
  if (!Array.isArray(ids)) return false;
  return ids.some((i: { identityType?: unknown; identityHash?: unknown; salt?: unknown }) => {
    if (i?.identityType !== 'emailAddress' || typeof i.identityHash !== 'string') return false;
    const salt = typeof i.salt === 'string' ? i.salt : '';
    const hash = createHash('sha256')
      .update(email.trim().toLowerCase() + salt)
      .digest('hex');
    return i.identityHash === `sha256$${hash}`;
  });
}

const envelope = (id: string, issuer: IssuerFacts, validFrom: Date, name: string) => ({
  '@context': [VC_CONTEXT, OB_CONTEXT],
  id: credentialUrl(issuer.publicUrl, id),
  type: CREDENTIAL_TYPES,
  issuer: { id: issuer.publicUrl, type: ['Profile'], name: issuer.name, url: issuer.publicUrl },
  validFrom: isoSeconds(validFrom),
  name,
});

const status = (issuer: IssuerFacts, id: string) => ({ id: statusUrl(issuer.publicUrl, id), type: STATUS_TYPE });

const alignment = (publicUrl: string, c: { code: string; title: string }) => ({
  type: ['Alignment'],
  targetName: c.title,
  targetCode: c.code,
  targetUrl: competenceUrl(publicUrl, c.code),
  targetType: 'ceasn:Competency',
  targetFramework: t('credentials.format.framework'),
});

/** The completion rule in words: what the person had to do to complete the course. */
export function criteriaNarrative(rule: CourseFacts['completion']): string {
  const parts = [
    ...(rule.lessons ? [t('credentials.format.rule_lessons')] : []),
    ...(rule.quizzes ? [t('credentials.format.rule_quizzes')] : []),
    ...(rule.attendance > 0 ? [t('credentials.format.rule_attendance', { count: rule.attendance })] : []),
  ];
  return t('credentials.format.criteria_course', {
    rule: parts.length ? parts.join('; ') : t('credentials.format.rule_any'),
  });
}

/** A completed course: the achievement is the course, its competences the alignments. */
export function courseCredential(
  id: string,
  issuer: IssuerFacts,
  subject: SubjectFacts,
  course: CourseFacts,
  completedAt: Date,
): Payload {
  const description = [course.summary, t('credentials.format.hours', { count: course.hours })]
    .filter(Boolean)
    .join(' ');
  return {
    ...envelope(id, issuer, completedAt, course.title),
    credentialSubject: {
      ...subjectOf(subject),
      achievement: {
        id: `${issuer.publicUrl}/corsi/${encodeURIComponent(course.slug)}`,
        type: ['Achievement'],
        achievementType: 'Course',
        name: course.title,
        description,
        criteria: { narrative: criteriaNarrative(course.completion) },
        creditsAvailable: course.hours,
        inLanguage: 'it',
        alignment: course.competences.map((c) => alignment(issuer.publicUrl, c)),
      },
    },
    credentialStatus: status(issuer, id),
  };
}

/** A competence validated through recognition of prior learning, with the EQF level recognised. */
export function competenceCredential(
  id: string,
  issuer: IssuerFacts,
  subject: SubjectFacts,
  competence: CompetenceFacts,
  level: number | null,
  validatedAt: Date,
): Payload {
  const achievementId = competenceUrl(issuer.publicUrl, competence.code);
  const levelId = `${achievementId}#livello-eqf`;
  const esco = competence.escoUri
    ? [{ type: ['Alignment'], targetName: competence.title, targetUrl: competence.escoUri, targetFramework: 'ESCO' }]
    : [];
  return {
    ...envelope(id, issuer, validatedAt, competence.title),
    credentialSubject: {
      ...subjectOf(subject),
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Competency',
        humanCode: competence.code,
        name: competence.title,
        description: competence.description || competence.title,
        criteria: { narrative: t('credentials.format.criteria_competence') },
        inLanguage: 'it',
        alignment: [alignment(issuer.publicUrl, competence), ...esco],
        ...(level
          ? {
              resultDescription: [
                {
                  id: levelId,
                  type: ['ResultDescription'],
                  name: t('credentials.format.eqf_level'),
                  resultType: 'PerformanceLevel',
                  allowedValue: ['1', '2', '3', '4', '5', '6', '7', '8'],
                },
              ],
            }
          : {}),
      },
      ...(level ? { result: [{ type: ['Result'], resultDescription: levelId, value: String(level) }] } : {}),
    },
    credentialStatus: status(issuer, id),
  };
}
