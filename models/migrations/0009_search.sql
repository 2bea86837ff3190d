-- Site-wide search (issue 11): PostgreSQL full-text search in Italian, accent-insensitive.
--
-- One text-search configuration, `italian_unaccent`: the `italian` one with the `unaccent`
-- dictionary in front of the Italian stemmer for words with letters beyond ASCII, so "attività" and
-- "attivita" both become the lexeme 'attiv', and "tirocini" and "tirocinio" both 'tirocin'. A
-- configuration rather than an unaccent() wrapper around the text: to_tsvector(regconfig, text) is
-- IMMUTABLE as it is (a generated column may use it), and ts_headline with the same configuration
-- then highlights "attività" in a snippet for the query "attivita".
--
-- Each searchable table gets a generated `search_vector` column (title weighted A, then B, C, D)
-- with a GIN index: a search reads the index, never scans the table. The indexes are built without
-- GIN's "fast update" pending list: new rows go into the index at once, so a search never has to
-- read through entries still waiting for the next VACUUM (a list every search scans whole, and one
-- that made the planner price the index out in favour of reading small tables whole). These
-- columns are not declared to Drizzle (models/schema/search.ts lists them), so no row the
-- application reads carries them.
--
-- `unaccent` is a trusted extension (PostgreSQL 13+): a database owner may create it. PGlite loads it
-- from @electric-sql/pglite/contrib/unaccent (server/core/db.ts) and creates it here the same way.
CREATE EXTENSION IF NOT EXISTS unaccent;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'italian_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION italian_unaccent (COPY = pg_catalog.italian);
    ALTER TEXT SEARCH CONFIGURATION italian_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
  END IF;
END
$$;

ALTER TABLE threads ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('italian_unaccent'::regconfig, title), 'A')
) STORED;
CREATE INDEX threads_search_idx ON threads USING gin (search_vector) WITH (fastupdate = off);

ALTER TABLE posts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('italian_unaccent'::regconfig, body), 'B')
) STORED;
CREATE INDEX posts_search_idx ON posts USING gin (search_vector) WITH (fastupdate = off);

ALTER TABLE courses ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('italian_unaccent'::regconfig, title), 'A')
  || setweight(to_tsvector('italian_unaccent'::regconfig, summary || ' ' || theme), 'B')
  || setweight(to_tsvector('italian_unaccent'::regconfig, description || ' ' || audience), 'C')
) STORED;
CREATE INDEX courses_search_idx ON courses USING gin (search_vector) WITH (fastupdate = off);

ALTER TABLE course_lessons ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('italian_unaccent'::regconfig, title), 'A')
  || setweight(to_tsvector('italian_unaccent'::regconfig, body), 'C')
) STORED;
CREATE INDEX course_lessons_search_idx ON course_lessons USING gin (search_vector) WITH (fastupdate = off);

-- Only what a profile shows everyone: never the e-mail address.
ALTER TABLE users ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('italian_unaccent'::regconfig, name), 'A')
  || setweight(to_tsvector('italian_unaccent'::regconfig, job_title), 'B')
  || setweight(to_tsvector('italian_unaccent'::regconfig, coalesce(region, '')), 'C')
  || setweight(to_tsvector('italian_unaccent'::regconfig, bio), 'D')
) STORED;
CREATE INDEX users_search_idx ON users USING gin (search_vector) WITH (fastupdate = off);

ALTER TABLE organizations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('italian_unaccent'::regconfig, name), 'A')
  || setweight(to_tsvector('italian_unaccent'::regconfig, coalesce(region, '')), 'B')
) STORED;
CREATE INDEX organizations_search_idx ON organizations USING gin (search_vector) WITH (fastupdate = off);
