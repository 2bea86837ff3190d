// The monitoring use cases: the network's figures over a period, the targets set on them with the
// progress made, and setting or removing a target (audited). Animators and admins only.
import * as targetsQ from '../../../models/queries/monitoring-targets.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { FIGURES, isFigureKey } from './monitoring.figures.ts';
import { canMonitor, canSetTargets } from './monitoring.policy.ts';
import { parsePeriod, periodOf, targetInputSchema, type Period } from './monitoring.schema.ts';
import { computeSection, computeStats, type Stats, type StatsSection } from './monitoring.stats.ts';

/** The figures of the period the query asks for (default: the last 90 days). */
export async function networkStats(deps: Deps, actor: Actor, query: unknown, now = new Date()) {
  assertCan(actor, canMonitor(actor));
  const period = parsePeriod(query, now);
  return { period, stats: await computeStats(deps.database.db, period, actor, now) };
}

/** A figure's value in computed stats (null: a rate with nothing to divide). */
export function figureValue(stats: Partial<Stats>, figure: string): number | null {
  if (!isFigureKey(figure)) return null;
  const [section, key] = FIGURES[figure].path;
  const value = (stats as unknown as Record<string, Record<string, unknown>>)[section]?.[key];
  return typeof value === 'number' ? value : null;
}

/**
 * The targets whose period overlaps `period`, each with the figure computed over the target's own
 * period and the progress towards it (a percentage, capped at 100 for the bar; `reached` says so).
 */
export async function targetsProgress(deps: Deps, actor: Actor, period: Period, now = new Date()) {
  assertCan(actor, canMonitor(actor));
  const rows = await targetsQ.listTargets(deps.database.db, period.fromDay, period.toDay);
  // Each target's figure over its own period: one section's statements per period and section.
  const computed = new Map<string, Promise<Partial<Stats>>>();
  const statsFor = (from: string, to: string, figure: string) => {
    const section = (isFigureKey(figure) ? FIGURES[figure].section : 'members') as StatsSection;
    const key = `${from}/${to}/${section}`;
    if (!computed.has(key))
      computed.set(key, computeSection(deps.database.db, periodOf(from, to), section, actor, now));
    return computed.get(key)!;
  };
  return Promise.all(
    rows.map(async (t) => {
      const value = figureValue(await statsFor(t.periodFrom, t.periodTo, t.figure), t.figure);
      const progress = value === null ? null : t.target > 0 ? Math.round((value / t.target) * 1000) / 10 : 100;
      return {
        ...t,
        kind: isFigureKey(t.figure) ? FIGURES[t.figure].kind : 'count',
        value,
        progress,
        reached: progress !== null && progress >= 100,
        bar: progress === null ? 0 : Math.min(100, Math.round(progress)),
      };
    }),
  );
}

export type TargetProgress = Awaited<ReturnType<typeof targetsProgress>>[number];

/** Sets (or changes) the target of a figure for a period; the audit log records who and what. */
export async function setTarget(deps: Deps, actor: Actor, input: unknown) {
  assertCan(actor, canSetTargets(actor));
  const data = parseInput(targetInputSchema, input);
  const values = { ...data, note: data.note ?? '' };
  return deps.database.db.transaction(async (tx) => {
    const row = await targetsQ.upsertTarget(tx, values, actor.id);
    await targetsQ.auditTarget(tx, actor.id, 'target_set', { id: row.id, ...values });
    return row;
  });
}

/** Removes a target; the audit log keeps what it was. */
export async function removeTarget(deps: Deps, actor: Actor, id: number) {
  assertCan(actor, canSetTargets(actor));
  return deps.database.db.transaction(async (tx) => {
    const row = await targetsQ.findTarget(tx, id);
    if (!row) throw new NotFoundError();
    await targetsQ.deleteTarget(tx, id);
    await targetsQ.auditTarget(tx, actor.id, 'target_removed', row);
    return row;
  });
}
