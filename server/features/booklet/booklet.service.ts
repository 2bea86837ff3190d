// A person's booklet (Libretto formativo): the personal section from their profile, the learning
// completed on the platform, the experiences they declared, the summary of their competences with
// the source of each (course, declared, validated) and its level, their recognition requests; what
// their public profile shows of it, and its JSON export with every credential issued to them.
import * as q from '../../../models/queries/booklet.ts';
import { evidenceOf } from '../../../models/queries/booklet-evidence.ts';
import * as qv from '../../../models/queries/booklet-validations.ts';
import type { Attachment, BookletExperience, CompetenceValidationStatus } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { attachmentUrl } from '../attachments/attachments.service.ts';
import { backfillCourseEntries } from './booklet.courses.service.ts';
import { canAssess, isLockedByRequests } from './booklet.policy.ts';
import { visibilitySchema } from './booklet.schema.ts';

export const COMPETENCE_SOURCES = ['course', 'declared', 'validated'] as const;
export type CompetenceSource = (typeof COMPETENCE_SOURCES)[number];

export type Evidence = { id: number; filename: string; mime: string; size: number; url: string };
export type DeclaredExperience = BookletExperience & {
  competences: q.CompetenceRef[];
  evidence: Evidence[];
  /** Cited by an open or validated request: it stays as it was assessed. */
  locked: boolean;
};
export type CompetenceSummary = {
  code: string;
  title: string;
  sources: CompetenceSource[];
  /** The validated level, else the competence's EQF level in the repertory. */
  level: number | null;
  validation: { id: number; status: CompetenceValidationStatus; level: number | null } | null;
};
export type Booklet = {
  person: NonNullable<Awaited<ReturnType<typeof q.personOf>>>;
  entries: q.CourseEntryRow[];
  declared: DeclaredExperience[];
  competences: CompetenceSummary[];
  requests: qv.ValidationRow[];
};

export const evidenceView = (a: Attachment): Evidence => ({
  id: a.id,
  filename: a.filename,
  mime: a.mime,
  size: a.size,
  url: attachmentUrl(a),
});

/** Declared experiences with their competences, evidence and whether a request locks them. */
export async function declaredExperiences(deps: Deps, experiences: BookletExperience[]): Promise<DeclaredExperience[]> {
  const db = deps.database.db;
  const ids = experiences.map((e) => e.id);
  const [competences, evidence, citing] = await Promise.all([
    q.competencesOfExperiences(db, ids),
    evidenceOf(db, ids),
    qv.requestsCitingExperiences(db, ids),
  ]);
  return experiences.map((e) => ({
    ...e,
    competences: competences.get(e.id) ?? [],
    evidence: (evidence.get(e.id) ?? []).map(evidenceView),
    locked: isLockedByRequests(citing.get(e.id) ?? []),
  }));
}

/** Every competence of the booklet, by code, with where it comes from and its level. */
export async function competenceSummary(
  deps: Deps,
  entries: q.CourseEntryRow[],
  declared: DeclaredExperience[],
  requests: qv.ValidationRow[],
  /** The repertory's competences of the entries' codes, when read with them. */
  known?: q.CompetenceRef[],
): Promise<CompetenceSummary[]> {
  const byCode = new Map<string, CompetenceSummary & { eqf: number | null; validated: number | null }>();
  const add = (code: string, title: string, source: CompetenceSource, eqf: number | null) => {
    const c = byCode.get(code) ?? { code, title, sources: [], level: null, validation: null, eqf, validated: null };
    if (!c.sources.includes(source)) c.sources.push(source);
    c.eqf ??= eqf;
    byCode.set(code, c);
    return c;
  };
  const courseCodes = entries.flatMap((e) => e.competences.map((c) => c.code));
  const repertory = new Map(
    (known ?? (await q.competencesByCodes(deps.database.db, courseCodes))).map((c) => [c.code, c]),
  );
  for (const e of entries)
    for (const c of e.competences)
      add(c.code, repertory.get(c.code)?.title ?? c.title, 'course', repertory.get(c.code)?.eqfLevel ?? null);
  for (const e of declared) for (const c of e.competences) add(c.code, c.title, 'declared', c.eqfLevel);
  // Requests come newest first: a competence's state is its latest request's.
  for (const r of requests) {
    const c = byCode.get(r.competenceCode) ?? add(r.competenceCode, r.competenceTitle, 'declared', r.competenceLevel);
    c.validation ??= { id: r.id, status: r.status, level: r.level };
    if (r.status === 'validated') {
      if (!c.sources.includes('validated')) c.sources.push('validated');
      c.validated = Math.max(c.validated ?? 0, r.level ?? 0) || null;
    }
  }
  return [...byCode.values()]
    .map(({ eqf, validated, ...c }) => ({
      ...c,
      sources: COMPETENCE_SOURCES.filter((s) => c.sources.includes(s)),
      level: validated ?? eqf,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The booklet of a person, read for them (courses completed before the booklet are written in first). */
export async function loadBooklet(deps: Deps, userId: number): Promise<Booklet> {
  return (await loadBookletPage(deps, userId)).booklet;
}

/**
 * The booklet and whether an admin appointed its person assessor, in four statements: the person
 * (with the completed courses missing from the booklet, written first when there are), the course
 * entries with their repertory competences, the experiences with their parts, the requests.
 */
async function loadBookletPage(deps: Deps, userId: number): Promise<{ booklet: Booklet; appointedAssessor: boolean }> {
  const db = deps.database.db;
  const found = await q.bookletPersonOf(db, userId);
  if (!found) throw new NotFoundError();
  if (found.missingCourseIds.length) await backfillCourseEntries(deps, userId);
  const [withRepertory, experiences, requests] = await Promise.all([
    q.courseEntriesOf(db, userId),
    q.experiencesWithPartsOf(db, userId),
    qv.validationsOf(db, userId),
  ]);
  const repertory = withRepertory.flatMap((e) => e.repertory);
  const entries = withRepertory.map(({ repertory: _, ...e }) => e);
  const declared = experiences.map(({ evidence, citing, ...e }) => ({
    ...e,
    evidence: evidence.map(evidenceView),
    locked: isLockedByRequests(citing),
  }));
  return {
    booklet: {
      person: found.person,
      entries,
      declared,
      requests,
      competences: await competenceSummary(deps, entries, declared, requests, repertory),
    },
    appointedAssessor: found.appointedAssessor,
  };
}

/** The home page's glance at the signed-in person's booklet: what it holds, in four figures. */
export async function bookletAtAGlance(deps: Deps, actor: Actor) {
  if (!actor) return null;
  return q.bookletCounts(deps.database.db, actor.id);
}

/** The signed-in person's own booklet. */
export async function myBooklet(deps: Deps, actor: Actor): Promise<Booklet> {
  if (!actor) throw new UnauthorizedError();
  return loadBooklet(deps, actor.id);
}

/** The booklet's page: the person's own booklet, and whether they assess (read with it). */
export async function myBookletPage(deps: Deps, actor: Actor): Promise<{ booklet: Booklet; assessor: boolean }> {
  if (!actor) throw new UnauthorizedError();
  const { booklet, appointedAssessor } = await loadBookletPage(deps, actor.id);
  return { booklet, assessor: canAssess(actor, appointedAssessor) };
}

/** What the person's public profile shows of their booklet: the parts they chose, or null (nothing, the default). */
export async function publicBooklet(deps: Deps, userId: number, known?: q.Visibility) {
  const db = deps.database.db;
  // The profile page reads the visibility with the member.
  const visibility = known ?? (await q.visibilityOf(db, userId));
  if (!visibility.showCourses && !visibility.showCompetences && !visibility.showCredentials) return null;
  const [withRepertory, experiences, requests, issued] = await Promise.all([
    q.courseEntriesOf(db, userId),
    visibility.showCompetences ? q.experiencesOf(db, userId) : Promise.resolve([]),
    visibility.showCompetences ? qv.validationsOf(db, userId) : Promise.resolve([]),
    visibility.showCredentials ? q.credentialsOf(db, userId) : Promise.resolve([]),
  ]);
  const entries = withRepertory.map(({ repertory: _, ...e }) => e);
  const competences = visibility.showCompetences
    ? await competenceSummary(
        deps,
        entries,
        await declaredExperiences(deps, experiences),
        requests,
        withRepertory.flatMap((e) => e.repertory),
      )
    : [];
  return {
    courses: visibility.showCourses ? entries : null,
    competences: visibility.showCompetences ? competences : null,
    credentials: visibility.showCredentials
      ? issued.filter((c) => !c.revokedAt).map((c) => ({ id: c.id, title: c.achievementTitle, issuedAt: c.issuedAt }))
      : null,
  };
}

/**
 * What a person chose to show publicly of their booklet (nothing by default): other features ask it
 * before announcing something of the booklet's (a credential issued, say) outside the person's own view.
 */
export async function publicChoices(deps: Deps, userId: number): Promise<q.Visibility> {
  return q.visibilityOf(deps.database.db, userId);
}

/** What the person's profile shows now (the visibility form's values). */
export async function visibilityOf(deps: Deps, actor: Actor): Promise<q.Visibility> {
  if (!actor) throw new UnauthorizedError();
  await backfillCourseEntries(deps, actor.id);
  return q.visibilityOf(deps.database.db, actor.id);
}

/**
 * Chooses what the public profile shows. The feed follows the competences' and credentials' choices:
 * recognitions and credentials announced while they were shown leave the public feed when they are
 * hidden, and come back.
 */
export async function saveVisibility(deps: Deps, actor: Actor, input: unknown): Promise<q.Visibility> {
  if (!actor) throw new UnauthorizedError();
  const v = parseInput(visibilitySchema, input);
  await deps.database.db.transaction(async (tx) => {
    await q.saveVisibility(tx, actor.id, v);
    await deps.bus.record(tx, 'booklet.visibility_changed', {
      userId: actor.id,
      showCompetences: v.showCompetences,
      showCredentials: v.showCredentials,
    });
  });
  return v;
}

/** Every credential issued to the person (the JSON export carries them, tokens included). */
export async function credentialsOf(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  return q.credentialsOf(deps.database.db, actor.id);
}
