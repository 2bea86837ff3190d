-- The practice registry after its security review.

-- A co-author taken off a practice keeps their row, marked removed: whoever ever wrote a practice
-- never validates or publishes it (the protocol is someone else's decision). Re-adding them clears
-- the mark; every list of "current co-authors" reads the rows without it.
ALTER TABLE practice_authors ADD COLUMN removed_at timestamptz;
