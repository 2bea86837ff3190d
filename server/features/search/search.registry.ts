// The registry of searchable types: each type says once how it is searched (its indexed tsvector,
// title, snippet text, URL and who may find it), and /cerca, /api/v1/search and the facets all
// follow from the list. A new feature adds its type with one registerSearchType call in
// search.types.ts (see the README, "Site-wide search").
import type { SearchHit, SearchSource } from '../../../models/queries/search.ts';
import type { GroupViewer } from '../../../models/queries/visibility.ts';

export type SearchTypeDefinition = {
  /** The `type` of results and facets, and the value of ?type= (singular, lower case). */
  type: string;
  /** How the type's table is searched for this viewer (everything but `type`). */
  source: (viewer: GroupViewer) => Omit<SearchSource, 'type'>;
  /** Where a result leads. */
  url: (hit: Pick<SearchHit, 'id' | 'slug' | 'parent'>) => string;
};

const registry = new Map<string, SearchTypeDefinition>();

export function registerSearchType(definition: SearchTypeDefinition): void {
  if (registry.has(definition.type)) throw new Error(`search type "${definition.type}" registered twice`);
  if (!/^[a-z][a-z_]*$/.test(definition.type))
    throw new Error(`search type "${definition.type}": lower-case letters only`);
  registry.set(definition.type, definition);
}

/** The registered types, in registration order (the order of the facets). */
export function searchTypes(): string[] {
  return [...registry.keys()];
}

export function searchType(type: string): SearchTypeDefinition | undefined {
  return registry.get(type);
}

/** Every type's source for this viewer, ready for the query. */
export function searchSources(viewer: GroupViewer): SearchSource[] {
  return [...registry.values()].map((d) => ({ type: d.type, ...d.source(viewer) }));
}
