// Reading the competence repertory: the catalogue (profiles → areas → competences, or the
// competences matching a search, with the site search's Italian stemming), one competence with the
// published courses and practices that develop it, and the check other features make on the codes
// they are given (course files and settings, practices): a code the repertory lacks is refused.
// Importing is in competences.import.service.ts.
import type { DbOrTx } from '../../../models/db.ts';
import * as q from '../../../models/queries/competences.ts';
import { parseSearchText } from '../../../models/queries/search.ts';
import type { Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { apiQuerySchema, catalogueQuerySchema, COMPETENCE_CODE } from './competences.schema.ts';

/** The most matches a search lists (the repertory holds tens of competences, not thousands). */
export const SEARCH_LIMIT = 100;

export type RepertoryRows = Awaited<ReturnType<typeof q.repertoryTree>>;

/** Matches of `text` ([] when it has no word to look for), within one profile if asked. */
async function search(deps: Deps, text: string, profile: string | undefined): Promise<q.CompetenceHit[]> {
  const db = deps.database.db;
  const query = await parseSearchText(db, text);
  return query ? q.searchCompetences(db, query, { profile, limit: SEARCH_LIMIT }) : [];
}

/** /competenze: the whole repertory (for the tree and the profile filter) and, with `q`, the matches. */
export async function competenceCatalogue(deps: Deps, input: unknown) {
  const query = parseInput(catalogueQuerySchema, input);
  const tree = await q.repertoryTree(deps.database.db);
  const hits = query.q ? await search(deps, query.q, query.profilo) : null;
  return { query, tree, hits };
}

/** /api/v1/competences: the tree (of one profile if asked) and, with `q`, the matches. */
export async function competenceList(deps: Deps, input: unknown) {
  const query = parseInput(apiQuerySchema, input);
  const tree = await q.repertoryTree(deps.database.db, { profile: query.profile });
  const hits = query.q ? await search(deps, query.q, query.profile) : null;
  return { query, tree, hits };
}

/** One competence by code, with its area and profile and the published courses and practices that develop it. */
export async function competenceDetail(deps: Deps, code: string) {
  if (!COMPETENCE_CODE.test(code)) throw new NotFoundError();
  const db = deps.database.db;
  const competence = await q.findCompetenceByCode(db, code);
  if (!competence) throw new NotFoundError();
  const [courses, practices] = [await q.coursesDeveloping(db, code), await q.practicesDeveloping(db, code)];
  return { competence, courses, practices };
}
export type CompetenceDetail = Awaited<ReturnType<typeof competenceDetail>>;

/** Code and title of the competences named (for a practice's page), in the repertory's order. */
export async function competenceTitles(deps: Deps, codes: readonly string[]) {
  return q.competencesByCodes(deps.database.db, codes);
}

/**
 * Refuses codes the repertory does not hold: a 400 on `field` naming them. Course imports and
 * forms and practices call it inside their transaction, so a code checked is a code written.
 */
export async function assertKnownCompetenceCodes(db: DbOrTx, codes: readonly string[], field: string): Promise<void> {
  const unknown = await unknownCompetenceCodes(db, codes);
  if (unknown.length)
    throw new ValidationError({
      [field]: { key: 'validation.competence_unknown', params: { codes: unknown.join(', '), count: unknown.length } },
    });
}

/** The codes among `codes` that the repertory does not hold, each once, in the order given. */
export async function unknownCompetenceCodes(db: DbOrTx, codes: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(codes)];
  const known = await q.existingCompetenceCodes(db, wanted);
  return wanted.filter((c) => !known.has(c));
}
