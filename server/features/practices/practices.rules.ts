// Rules about a practice's content (not about people): what publication needs.
import type { PracticeIndicator } from '../../../models/schema.ts';
import { REQUIRED_FOR_PUBLICATION } from './practices.schema.ts';

type Content = Record<(typeof REQUIRED_FOR_PUBLICATION)[number], string> & { indicators: PracticeIndicator[] };

/** The fields a practice still lacks for publication; results count as given with one indicator. */
export function missingForPublication(p: Content): (typeof REQUIRED_FOR_PUBLICATION)[number][] {
  return REQUIRED_FOR_PUBLICATION.filter((field) =>
    field === 'results' ? !p.results.trim() && p.indicators.length === 0 : !p[field].trim(),
  );
}
