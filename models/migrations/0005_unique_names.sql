-- Two people naming the same new administration at the same moment must end up in one row: the
-- database keeps administration names unique (case-insensitively), not a look-up before the insert,
-- which a concurrent transaction can slip past. Duplicates made before this key are merged into the
-- oldest row first, members included.
UPDATE users AS u
SET organization_id = keep.id
FROM organizations AS dup
JOIN LATERAL (SELECT min(o.id) AS id FROM organizations AS o WHERE lower(o.name) = lower(dup.name)) AS keep ON true
WHERE u.organization_id = dup.id AND dup.id <> keep.id;

DELETE FROM organizations AS o
WHERE EXISTS (SELECT 1 FROM organizations AS k WHERE lower(k.name) = lower(o.name) AND k.id < o.id);

CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));
