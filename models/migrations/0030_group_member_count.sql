-- Each group's count of active members, kept by a trigger instead of counted on every page: the home
-- page and /gruppi list every visible group with its members, and counting 76,000 memberships over
-- 300 groups took 0.4–3 s per request on the regional-scale data set (bench/seed.ts).
ALTER TABLE groups ADD COLUMN member_count integer NOT NULL DEFAULT 0;

UPDATE groups g
   SET member_count = (SELECT count(*) FROM group_memberships m WHERE m.group_id = g.id AND m.status = 'active');

CREATE FUNCTION group_memberships_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'active' THEN
    UPDATE groups SET member_count = member_count - 1 WHERE id = OLD.group_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'active' THEN
    UPDATE groups SET member_count = member_count + 1 WHERE id = NEW.group_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER group_memberships_count AFTER INSERT OR DELETE OR UPDATE OF status, group_id ON group_memberships
  FOR EACH ROW EXECUTE FUNCTION group_memberships_count();
