// Progress of a twinning: a milestone is late when it is not done and its due day has passed (in
// Italy's calendar), so "late" is derived, never stored stale; a model's progress is its done
// milestones over all of them, the twinning's the same over every model's milestones.
import type { TwinningMilestone } from '../../../models/schema.ts';

export type MilestoneState = 'planned' | 'in_progress' | 'done' | 'late';
export type Progress = { done: number; total: number; percent: number };

/** The state shown: the stored status, or "late" for one not done past its due day. */
export const milestoneState = (m: Pick<TwinningMilestone, 'status' | 'dueOn'>, today: string): MilestoneState =>
  m.status !== 'done' && m.dueOn < today ? 'late' : m.status;

/** Done over all; 0 % with no milestones. */
export function progressOf(milestones: Pick<TwinningMilestone, 'status'>[]): Progress {
  const total = milestones.length;
  const done = milestones.filter((m) => m.status === 'done').length;
  return { done, total, percent: total ? Math.round((done / total) * 100) : 0 };
}

export const percentOf = (done: number, total: number): number => (total ? Math.round((done / total) * 100) : 0);
