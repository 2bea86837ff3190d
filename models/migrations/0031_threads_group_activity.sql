-- A group's latest activity and its threads active in the last 90 days, for each of the groups that
-- /gruppi lists: an index probe per group instead of a walk of every thread by date (0.8 s for 300
-- groups and 20,000 threads on the regional-scale data set, bench/seed.ts).
CREATE INDEX threads_group_activity_idx ON threads (group_id, last_post_at DESC) WHERE deleted_at IS NULL;
