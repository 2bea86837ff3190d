// Aggregates of a questionnaire for animators: responses over time, the distribution of each
// dimension over its bands, breakdowns by group, administration and region where every shown cell
// has at least MIN_GROUP_SIZE responses (smaller cells are hidden and counted), and the anonymised
// responses as rows for a CSV (no person, no administration, no free text; a region only where
// enough answered from it).
import * as q from '../../../models/queries/questionnaires.ts';
import type { Questionnaire } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, UnauthorizedError } from '../../core/errors.ts';
import { canManageQuestionnaires } from './questionnaires.policy.ts';
import { allQuestions, bandOf, meanScores } from './questionnaires.scoring.ts';
import { findVisibleQuestionnaire } from './questionnaires.service.ts';
import { MIN_GROUP_SIZE } from './questionnaires.taking.service.ts';

export const BREAKDOWNS = ['groupName', 'organizationName', 'region'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

async function managed(deps: Deps, actor: Actor, slug: string): Promise<Questionnaire> {
  if (!actor) throw new UnauthorizedError();
  if (!canManageQuestionnaires(actor)) throw new ForbiddenError();
  return findVisibleQuestionnaire(deps, actor, slug);
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The report's figures. */
export async function questionnaireReport(deps: Deps, actor: Actor, slug: string) {
  const qn = await managed(deps, actor, slug);
  const rows = await q.submittedForReport(deps.database.db, qn.id);
  const months = new Map<string, number>();
  for (const r of rows) months.set(monthOf(r.submittedAt), (months.get(monthOf(r.submittedAt)) ?? 0) + 1);
  const dims = qn.definition.dimensions;
  const mean = meanScores(
    qn.definition,
    rows.map((r) => r.scores),
  );
  const distributions = dims.map((d) => {
    const scored = rows.map((r) => r.scores[d.key]).filter((s): s is number => typeof s === 'number');
    return {
      key: d.key,
      title: d.title,
      mean: mean[d.key] ?? null,
      count: scored.length,
      bands: [...d.bands]
        .sort((a, b) => a.min - b.min)
        .map((b) => ({
          label: b.label,
          kind: b.kind,
          min: b.min,
          max: b.max,
          count: scored.filter((s) => bandOf(d, s) === b).length,
        })),
    };
  });
  const breakdowns = BREAKDOWNS.map((by) => {
    const cells = new Map<string, typeof rows>();
    for (const r of rows) {
      const k = r[by];
      if (k) cells.set(k, [...(cells.get(k) ?? []), r]);
    }
    const shown = [...cells.entries()].filter(([, rs]) => rs.length >= MIN_GROUP_SIZE);
    return {
      by,
      rows: shown
        .map(([label, rs]) => ({
          label,
          count: rs.length,
          means: meanScores(
            qn.definition,
            rs.map((r) => r.scores),
          ),
        }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      hidden: cells.size - shown.length,
      hiddenResponses: [...cells.values()]
        .filter((rs) => rs.length < MIN_GROUP_SIZE)
        .reduce((s, rs) => s + rs.length, 0),
    };
  });
  return {
    questionnaire: qn,
    total: rows.length,
    overTime: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count })),
    distributions,
    breakdowns,
    minGroupSize: MIN_GROUP_SIZE,
  };
}

/** The anonymised responses: a header and one row per response, for a CSV. */
export async function anonymisedRows(
  deps: Deps,
  actor: Actor,
  slug: string,
): Promise<{ questionnaire: Questionnaire; rows: string[][] }> {
  const qn = await managed(deps, actor, slug);
  const rows = await q.submittedForReport(deps.database.db, qn.id);
  const regionCounts = new Map<string, number>();
  for (const r of rows) if (r.region) regionCounts.set(r.region, (regionCounts.get(r.region) ?? 0) + 1);
  const questions = allQuestions(qn.definition).filter((x) => x.type !== 'text');
  const header = [
    'risposta',
    'mese',
    'regione',
    ...qn.definition.dimensions.map((d) => `punteggio_${d.key}`),
    ...questions.map((x) => x.id),
  ];
  // Rows in a shuffled-by-hash order would still be dated by month: the order is by month only.
  const body = rows.map((r, i) => [
    String(i + 1),
    monthOf(r.submittedAt),
    r.region && (regionCounts.get(r.region) ?? 0) >= MIN_GROUP_SIZE ? r.region : '',
    ...qn.definition.dimensions.map((d) => (typeof r.scores[d.key] === 'number' ? String(r.scores[d.key]) : '')),
    ...questions.map((x) => {
      const v = r.answers[x.id];
      return v === undefined ? '' : Array.isArray(v) ? v.join('|') : String(v);
    }),
  ]);
  return { questionnaire: qn, rows: [header, ...body] };
}
