// The record's own fields — territory, theme, content, dates and parts — which the form, the API,
// and a published version's snapshot all copy as they are stored.
import type { Practice } from '../../../models/schema.ts';

type RecordFields = Pick<
  Practice,
  | 'region'
  | 'territorialLevel'
  | 'theme'
  | 'targetUsers'
  | 'objectives'
  | 'results'
  | 'indicators'
  | 'resources'
  | 'costs'
  | 'reuseRequirements'
  | 'licence'
  | 'startedOn'
  | 'endedOn'
  | 'links'
  | 'components'
>;

/** The stored values of the record's own fields (names, people, files and the kit each presentation adds itself). */
export const recordFields = (p: RecordFields): RecordFields => ({
  region: p.region,
  territorialLevel: p.territorialLevel,
  theme: p.theme,
  targetUsers: p.targetUsers,
  objectives: p.objectives,
  results: p.results,
  indicators: p.indicators,
  resources: p.resources,
  costs: p.costs,
  reuseRequirements: p.reuseRequirements,
  licence: p.licence,
  startedOn: p.startedOn,
  endedOn: p.endedOn,
  links: p.links,
  components: p.components,
});
