// Queries on the competence repertory (0016_booklet.sql): profiles → areas of activity →
// competences, found by code; the catalogue's tree and its full-text search; the published courses
// and practices that develop a competence; the sitemap's pages; and the import's upserts by code.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  competenceAreas,
  competenceProfiles,
  competences,
  courses,
  organizations,
  practices,
  type CompetenceArea,
  type CompetenceProfile,
  type CompetenceRow,
} from '../schema.ts';
import { matchesSearch, searchRank, searchSnippet } from './search.ts';

export type { CompetenceArea, CompetenceProfile, CompetenceRow };
/** A competence with the codes and titles of its area and profile. */
export type PlacedCompetence = CompetenceRow & {
  areaCode: string;
  areaTitle: string;
  profileCode: string;
  profileTitle: string;
};

const placed = {
  areaCode: competenceAreas.code,
  areaTitle: competenceAreas.title,
  profileCode: competenceProfiles.code,
  profileTitle: competenceProfiles.title,
};

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The whole repertory, or one profile's part, each level in its order (position, then id). */
export async function repertoryTree(db: DbOrTx, opts: { profile?: string | undefined } = {}) {
  const profiles = await db
    .select()
    .from(competenceProfiles)
    .where(opts.profile ? eq(competenceProfiles.code, opts.profile) : undefined)
    .orderBy(asc(competenceProfiles.position), asc(competenceProfiles.id));
  const profileIds = profiles.map((p) => p.id);
  if (!profileIds.length) return { profiles, areas: [], competences: [] };
  const areas = await db
    .select()
    .from(competenceAreas)
    .where(inArray(competenceAreas.profileId, profileIds))
    .orderBy(asc(competenceAreas.position), asc(competenceAreas.id));
  const areaIds = areas.map((a) => a.id);
  const rows = areaIds.length
    ? await db
        .select()
        .from(competences)
        .where(inArray(competences.areaId, areaIds))
        .orderBy(asc(competences.position), asc(competences.id))
    : [];
  return { profiles, areas, competences: rows };
}

export type CompetenceHit = PlacedCompetence & { snippet: string; rank: number };

/** Competences matching a parsed query (parseSearchText), best first, with a highlighted snippet. */
export async function searchCompetences(
  db: DbOrTx,
  query: string,
  opts: { profile?: string | undefined; limit: number },
): Promise<CompetenceHit[]> {
  const vector = sql.raw('"competences"."search_vector"');
  const rows = await db
    .select({
      competence: competences,
      ...placed,
      snippet: sql<string>`${searchSnippet(
        sql`${competences.title} || ' ' || ${competences.description} || ' ' || ${competences.knowledge} || ' ' || ${competences.skills}`,
        query,
      )}`,
      rank: sql<number>`${searchRank(vector, query)}`,
    })
    .from(competences)
    .innerJoin(competenceAreas, eq(competenceAreas.id, competences.areaId))
    .innerJoin(competenceProfiles, eq(competenceProfiles.id, competenceAreas.profileId))
    .where(and(matchesSearch(vector, query), opts.profile ? eq(competenceProfiles.code, opts.profile) : undefined))
    .orderBy(sql`${searchRank(vector, query)} DESC`, asc(competences.code))
    .limit(opts.limit);
  return rows.map(({ competence, ...rest }) => ({ ...competence, ...rest, rank: Number(rest.rank) }));
}

/** A competence by code, with its area and profile. */
export async function findCompetenceByCode(db: DbOrTx, code: string): Promise<PlacedCompetence | undefined> {
  const [row] = await db
    .select({ competence: competences, ...placed })
    .from(competences)
    .innerJoin(competenceAreas, eq(competenceAreas.id, competences.areaId))
    .innerJoin(competenceProfiles, eq(competenceProfiles.id, competenceAreas.profileId))
    .where(eq(competences.code, code));
  return row
    ? {
        ...row.competence,
        areaCode: row.areaCode,
        areaTitle: row.areaTitle,
        profileCode: row.profileCode,
        profileTitle: row.profileTitle,
      }
    : undefined;
}

/** Code and title of the competences named, in the repertory's order (unknown codes are left out). */
export async function competencesByCodes(db: DbOrTx, codes: readonly string[]) {
  if (!codes.length) return [];
  return db
    .select({ code: competences.code, title: competences.title })
    .from(competences)
    .innerJoin(competenceAreas, eq(competenceAreas.id, competences.areaId))
    .innerJoin(competenceProfiles, eq(competenceProfiles.id, competenceAreas.profileId))
    .where(inArray(competences.code, [...codes]))
    .orderBy(
      asc(competenceProfiles.position),
      asc(competenceAreas.position),
      asc(competences.position),
      asc(competences.id),
    );
}

/** The codes among `codes` that the repertory holds. */
export async function existingCompetenceCodes(db: DbOrTx, codes: readonly string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db
    .select({ code: competences.code })
    .from(competences)
    .where(inArray(competences.code, [...codes]));
  return new Set(rows.map((r) => r.code));
}

/** Published courses whose competences include the code (the course's own title for it too). */
export async function coursesDeveloping(db: DbOrTx, code: string) {
  return db
    .select({
      slug: courses.slug,
      title: courses.title,
      summary: courses.summary,
      hours: courses.hours,
      level: courses.level,
    })
    .from(courses)
    .where(and(eq(courses.status, 'published'), sql`${courses.competences} @> ${JSON.stringify([{ code }])}::jsonb`))
    .orderBy(asc(courses.title));
}

/** Published practices that name the code among the competences they develop. */
export async function practicesDeveloping(db: DbOrTx, code: string) {
  return db
    .select({
      slug: practices.slug,
      title: practices.title,
      summary: practices.summary,
      organizationName: organizations.name,
    })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(and(eq(practices.status, 'published'), sql`${practices.competenceCodes} @> ARRAY[${code}]::text[]`))
    .orderBy(asc(practices.title));
}

/** The catalogue and every competence's page, for the sitemap. */
export async function competencePages(db: DbOrTx, limit: number) {
  const rows = rowsOf<{ path: string; lastmod: Date | string | null }>(
    await db.execute(
      sql`SELECT '/competenze' AS path, max(updated_at) AS lastmod FROM competences
          UNION ALL
          (SELECT '/competenze/' || code, updated_at FROM competences ORDER BY code LIMIT ${Math.max(0, limit - 1)})`,
    ),
  );
  return rows.slice(0, limit);
}

// --- Import: what exists for the codes of a file, and upserts by code ------------------------------

/** The rows a file's codes name, with their parents' codes, for comparing before writing. */
export async function repertoryRowsByCodes(
  db: DbOrTx,
  codes: { profiles: string[]; areas: string[]; competences: string[] },
) {
  const none = sql`false`;
  const profiles = await db
    .select()
    .from(competenceProfiles)
    .where(codes.profiles.length ? inArray(competenceProfiles.code, codes.profiles) : none);
  const areas = await db
    .select({ area: competenceAreas, profileCode: competenceProfiles.code })
    .from(competenceAreas)
    .innerJoin(competenceProfiles, eq(competenceProfiles.id, competenceAreas.profileId))
    .where(codes.areas.length ? inArray(competenceAreas.code, codes.areas) : none);
  const rows = await db
    .select({ competence: competences, areaCode: competenceAreas.code })
    .from(competences)
    .innerJoin(competenceAreas, eq(competenceAreas.id, competences.areaId))
    .where(codes.competences.length ? inArray(competences.code, codes.competences) : none);
  return {
    profiles,
    areas: areas.map((r) => ({ ...r.area, profileCode: r.profileCode })),
    competences: rows.map((r) => ({ ...r.competence, areaCode: r.areaCode })),
  };
}

/** Serialises imports: a second one waits, then compares against what the first wrote. */
export async function lockRepertory(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`LOCK TABLE competence_profiles, competence_areas, competences IN SHARE ROW EXCLUSIVE MODE`);
}

export type ProfileValues = { code: string; title: string; description: string };
export type AreaValues = ProfileValues & { profileCode: string };
export type CompetenceValues = ProfileValues & {
  areaCode: string;
  knowledge: string;
  skills: string;
  eqfLevel: number | null;
  escoUri: string | null;
};

/** Next position under a parent: new rows go after the existing ones, in the file's order. */
const nextPosition = (table: string, parent: string, id: SQL) =>
  sql`(SELECT coalesce(max(position), -1) + 1 FROM ${sql.identifier(table)} WHERE ${sql.identifier(parent)} = ${id})`;
type SQL = ReturnType<typeof sql>;

/** Creates or updates profiles by code (a new one goes last). */
export async function upsertProfile(tx: DbOrTx, v: ProfileValues): Promise<void> {
  await tx
    .insert(competenceProfiles)
    .values({
      code: v.code,
      title: v.title,
      description: v.description,
      position: sql`(SELECT coalesce(max(position), -1) + 1 FROM competence_profiles)`,
    })
    .onConflictDoUpdate({ target: competenceProfiles.code, set: { title: v.title, description: v.description } });
}

/** Creates or updates an area by code, under the profile named by code (moving it when it changed). */
export async function upsertArea(tx: DbOrTx, v: AreaValues): Promise<void> {
  const profileId = sql`(SELECT id FROM competence_profiles WHERE code = ${v.profileCode})`;
  await tx
    .insert(competenceAreas)
    .values({
      code: v.code,
      profileId,
      title: v.title,
      description: v.description,
      position: nextPosition('competence_areas', 'profile_id', profileId),
    })
    .onConflictDoUpdate({
      target: competenceAreas.code,
      set: { profileId, title: v.title, description: v.description },
    });
}

/** Creates or updates a competence by code, under the area named by code. */
export async function upsertCompetence(tx: DbOrTx, v: CompetenceValues, now: Date): Promise<void> {
  const areaId = sql`(SELECT id FROM competence_areas WHERE code = ${v.areaCode})`;
  const values = {
    title: v.title,
    description: v.description,
    knowledge: v.knowledge,
    skills: v.skills,
    eqfLevel: v.eqfLevel,
    escoUri: v.escoUri,
  };
  await tx
    .insert(competences)
    .values({
      code: v.code,
      areaId,
      ...values,
      position: nextPosition('competences', 'area_id', areaId),
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: competences.code, set: { areaId, ...values, updatedAt: now } });
}
