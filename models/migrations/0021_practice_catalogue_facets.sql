-- The catalogue's counts per filter (/buone-pratiche, GET /api/v1/practices: catalogueFacets in
-- models/queries/practice-catalogue.ts) read five times the published practices joined to their
-- administration. Without this index each read is a scan of the whole table, whose rows are wide
-- (descriptions, the search vector): with 2,000 practices the five scans cost enough that PostgreSQL
-- runs them in parallel workers, which on a small server takes longer than the scans themselves
-- (bench/registry.ts: 17–43 ms for the counts, the page about 4 times its neighbours). The columns the
-- counts read, in one narrow index, make them index-only scans of a few pages: 7–11 ms, no workers.
CREATE INDEX practices_catalogue_facets_idx ON practices (status, organization_id)
  INCLUDE (region, theme, reuse_count, validation_score);
