-- The practice registry after its security review.

-- A co-author taken off a practice keeps their row, marked removed: whoever ever wrote a practice
-- never validates or publishes it (the protocol is someone else's decision). Re-adding them clears
-- the mark; every list of "current co-authors" reads the rows without it.
ALTER TABLE practice_authors ADD COLUMN removed_at timestamptz;

-- "export" became a reserved slug (GET /api/v1/practices/export is the open-data export): a
-- practice that took it moves to "export-<id>", as a new one would to a free slug.
UPDATE practices SET slug = 'export-' || id
 WHERE slug = 'export' AND NOT EXISTS (SELECT 1 FROM practices p WHERE p.slug = 'export-' || practices.id);

-- A version's difference from the one before it, computed once when the version is written
-- (within one time and size budget: {"tooLarge": true} past it) instead of on every view. The
-- versions written before this column get theirs on their first view.
ALTER TABLE practice_versions ADD COLUMN diff jsonb;
