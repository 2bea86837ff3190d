-- The channel's content joins the site-wide search (0009_search.sql): published articles and the
-- calendar's events get the same generated, GIN-indexed tsvector as the other searchable tables.
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('italian_unaccent'::regconfig, coalesce(law_reference, '') || ' ' || title), 'A')
  || setweight(to_tsvector('italian_unaccent'::regconfig, summary), 'B')
  || setweight(to_tsvector('italian_unaccent'::regconfig, body), 'C')) STORED;
CREATE INDEX articles_search_idx ON articles USING gin (search_vector) WITH (fastupdate = off);

ALTER TABLE calendar_events ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('italian_unaccent'::regconfig, title), 'A')
  || setweight(to_tsvector('italian_unaccent'::regconfig, description), 'B')
  || setweight(to_tsvector('italian_unaccent'::regconfig, place), 'C')) STORED;
CREATE INDEX calendar_events_search_idx ON calendar_events USING gin (search_vector) WITH (fastupdate = off);
