// The personal-data export's registry (GDPR art. 15 and 20). Each feature registers a collector of
// what it holds about a person, as core/header-counts.ts collects header counts: the export
// (features/privacy) runs them all, so a feature merged later adds its part by registering one.
import type { Db } from './db.ts';

/** What a feature holds about one person: named sections of plain, JSON-serialisable data. */
export type DataCollector = (db: Db, userId: number) => Promise<Record<string, unknown>>;

const registry = new Map<string, DataCollector>();

/** Registers a feature's collector; its sections appear in dati.json under `name`. */
export function registerDataCollector(name: string, collector: DataCollector): void {
  registry.set(name, collector);
}

/** Runs every registered collector, one after the other (they share one connection in tests). */
export async function collectPersonalData(db: Db, userId: number): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, collect] of [...registry].sort(([a], [b]) => a.localeCompare(b))) {
    out[name] = await collect(db, userId);
  }
  return out;
}

/** The names registered (for tests and the admin page). */
export const dataCollectorNames = (): string[] => [...registry.keys()].sort();
