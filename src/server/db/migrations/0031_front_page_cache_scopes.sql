-- The front page (GET /api/v1/portal/front) moves from its own 30-second copy to the response cache
-- (platform/http/response-cache.ts), which is exact: an answer is kept under the change counters of what it shows,
-- and a statement that changes a row of those tables moves its scope's counter in the same transaction (0027).
-- The front page shows demands, notices and the indicators' kept figures besides the scopes 0027 has
-- (achievements, instruments, directory, reference): three scopes more.
SELECT cache_scope_triggers(t, 'demands') FROM unnest(ARRAY['demands']) AS t;
SELECT cache_scope_triggers(t, 'notices') FROM unnest(ARRAY['notices']) AS t;
SELECT cache_scope_triggers(t, 'indicators') FROM unnest(ARRAY['indicators', 'indicator_targets', 'indicator_baselines', 'indicator_values']) AS t;
