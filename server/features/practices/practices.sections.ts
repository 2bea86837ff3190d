// Extra sections of a practice's page that other parts of the registry add (reuse declarations,
// stories): each registers a provider that returns its data for the page, or null to show nothing.
// The page renders `{{> practices/reuse-and-stories}}` with their merged data as `reuseSection`.
import type { Actor, Deps } from '../../core/deps.ts';
import type { PracticeRow } from '../../../models/queries/practices.ts';

export type PracticePageSection = (
  deps: Deps,
  actor: Actor,
  practice: PracticeRow,
) => Promise<Record<string, unknown> | null>;

const providers: PracticePageSection[] = [];

/** Adds a section provider (once, when its module loads). */
export function registerPracticePageSection(provider: PracticePageSection): void {
  providers.push(provider);
}

/** The sections' data for a practice the actor may read, merged; null when no provider has any. */
export async function practicePageSections(deps: Deps, actor: Actor, practice: PracticeRow) {
  let merged: Record<string, unknown> | null = null;
  for (const provide of providers) {
    const data = await provide(deps, actor, practice);
    if (data) merged = { ...(merged ?? {}), ...data };
  }
  return merged;
}
