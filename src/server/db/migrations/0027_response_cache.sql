-- The shared response cache (platform/http/response-cache.ts) and what keeps it exact.
--
-- cache_generations: one counter per cache scope (a set of tables whose rows public lists show). A statement
-- trigger on each of those tables raises the counter in the same transaction as the change, so the counter
-- moves exactly when the change commits, and also for writes that publish no domain event (bulk loads, the
-- booking clock). A cached answer is stored under the counters it was computed at and served only while they
-- have not moved: an answer is never older than the last committed change a reader could see.
-- The triggers look at their transition table first: a statement that changed no row (the booking clock's
-- sweep finding nothing due) does not empty the cache.
CREATE TABLE cache_generations (
  scope       text PRIMARY KEY,
  generation  bigint NOT NULL DEFAULT 0
);

-- answers shared by every app process: key = route + normalized query + language, version = the counters
CREATE TABLE http_cache (
  key         text PRIMARY KEY,
  version     text NOT NULL,
  etag        text NOT NULL,
  body        text NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION bump_cache_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM changed LIMIT 1;
  IF FOUND THEN
    INSERT INTO cache_generations AS g (scope, generation) VALUES (TG_ARGV[0], 1)
    ON CONFLICT (scope) DO UPDATE SET generation = g.generation + 1;
  END IF;
  RETURN NULL;
END $$;

-- TRUNCATE has no transition table: it always empties the scope
CREATE FUNCTION bump_cache_generation_always() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cache_generations AS g (scope, generation) VALUES (TG_ARGV[0], 1)
  ON CONFLICT (scope) DO UPDATE SET generation = g.generation + 1;
  RETURN NULL;
END $$;

-- one helper to attach the four triggers of a table to its scope (a transition table allows one event per trigger)
CREATE FUNCTION cache_scope_triggers(tbl text, scope text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation(%L)', tbl || '_cache_ins', tbl, scope);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation(%L)', tbl || '_cache_upd', tbl, scope);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation(%L)', tbl || '_cache_del', tbl, scope);
  EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation_always(%L)', tbl || '_cache_trunc', tbl, scope);
END $$;

-- reference data every list resolves codes and divisions through
SELECT cache_scope_triggers(t, 'reference') FROM unnest(ARRAY['service_categories', 'divisions', 'management_areas', 'clusters', 'tech_fields', 'synonym_groups']) AS t;
-- the directory's list: organizations and their recognitions
SELECT cache_scope_triggers(t, 'directory') FROM unnest(ARRAY['orgs', 'org_recognitions']) AS t;
-- the achievements list: achievements, their inventors (experts) and attachments
SELECT cache_scope_triggers(t, 'achievements') FROM unnest(ARRAY['achievements', 'achievement_inventors', 'achievement_attachments', 'experts']) AS t;
-- the instrument catalogue and its availability search (opening hours, exceptions, bookings)
SELECT cache_scope_triggers(t, 'instruments') FROM unnest(ARRAY['instrument_classes', 'instruments', 'instrument_weekly_hours', 'instrument_exceptions', 'instrument_qualifications', 'instrument_photos', 'bookings']) AS t;
-- the service catalogue
SELECT cache_scope_triggers(t, 'services') FROM unnest(ARRAY['services']) AS t;
