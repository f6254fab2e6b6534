-- Achievements inserted as published wait in a short list before their words' lists take them (issue 16,
-- docs/PERFORMANCE.md). Appending a bulk statement's 500 achievements to the lists rewrote ~9,000 list rows,
-- 130 ms of the statement and the bulk load's whole 12–18 % loss; statement after statement the same rows (the
-- words' rows of the newest range of ids) were rewritten again. Here an insert only notes its ids, one row a
-- statement, and the lists take the noted achievements together once 2,000 wait: a word used by many of them
-- is rewritten once, not once a statement. The merge runs in the statement that fills the list (under a lock
-- only one writer takes; another writer leaves its ids for the next) and from the server every few seconds.
-- Until then matching reads the waiting achievements one by one (at most a few thousand: the cap below).
-- Publishing, edits, closing and deletes still write the lists in their own statement (a few rows each).
CREATE TABLE achievement_postings_pending (
  ids bigint[] NOT NULL   -- published achievements one INSERT statement added, not yet in the lists
);

-- As in 0037, but each word's ids are gathered before its document frequency is looked up (once a word and
-- range, 14,000 lookups for the 173,000 pairs of 2,000 achievements), by hashing, in memory (sorted, the pairs
-- spilled to disk with the default work_mem): 262 against 312 ms for those pairs at 200,000, EXPLAIN ANALYZE.
-- A list's ids are in no particular order (as before: in the order they came).
CREATE OR REPLACE FUNCTION achievement_postings_add(terms text[], ids bigint[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET work_mem = '32MB' AS $$
BEGIN
  WITH grouped AS MATERIALIZED (
    SELECT c.term COLLATE "C" AS term, (c.id >> 14)::int AS bucket, array_agg(c.id) AS added
    FROM unnest(terms, ids) c(term, id) GROUP BY 1, 2),
  flagged AS MATERIALIZED (
    SELECT g.term, g.bucket, g.added, d.df > achievement_postings_cap() AS common FROM grouped g JOIN achievement_term_df d ON d.term = g.term),
  marked AS (
    INSERT INTO achievement_postings (term, bucket, ids)
    SELECT DISTINCT f.term, -1, NULL::bigint[] FROM flagged f WHERE f.common ORDER BY 1
    ON CONFLICT DO NOTHING RETURNING term),
  dropped AS (DELETE FROM achievement_postings p USING marked m WHERE p.term = m.term AND p.bucket >= 0)
  INSERT INTO achievement_postings AS p (term, bucket, ids)
  SELECT f.term, f.bucket, f.added FROM flagged f WHERE NOT f.common ORDER BY 1, 2
  ON CONFLICT (term, bucket) DO UPDATE SET ids = p.ids || excluded.ids;
END $$;

-- the same in both engines: the lists take the waiting achievements once this many wait
CREATE FUNCTION achievement_postings_pending_cap() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 2000';

-- Moves the waiting achievements into the lists; returns how many it moved (0 when another transaction is at it).
-- The achievements are read in a statement after the delete: one that waited for a writer's lock on a waiting
-- row (an edit of a waiting achievement, below) then sees that edit.
CREATE FUNCTION achievement_postings_merge() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  waiting bigint[];
  pair_terms text[];
  pair_ids bigint[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('achievement_postings_merge')) THEN
    RETURN 0;
  END IF;
  WITH taken AS (DELETE FROM achievement_postings_pending p RETURNING p.ids AS taken_ids)
  SELECT coalesce(array_agg(DISTINCT i), '{}') INTO waiting FROM taken, unnest(taken.taken_ids) i;
  IF cardinality(waiting) = 0 THEN
    RETURN 0;
  END IF;
  SELECT coalesce(array_agg(t), '{}'), coalesce(array_agg(a.id), '{}') INTO pair_terms, pair_ids
  FROM achievements a, unnest(a.key_terms) t WHERE a.id = ANY(waiting) AND a.status = 'published';
  IF cardinality(pair_terms) > 0 THEN
    PERFORM achievement_postings_add(pair_terms, pair_ids);
  END IF;
  RETURN cardinality(waiting);
END $$;

CREATE FUNCTION achievement_postings_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO achievement_postings_pending (ids)
  SELECT array_agg(r.id ORDER BY r.id) FROM new_rows r WHERE r.status = 'published' HAVING count(*) > 0;
  IF FOUND AND (SELECT sum(cardinality(p.ids)) FROM achievement_postings_pending p) >= achievement_postings_pending_cap() THEN
    PERFORM achievement_postings_merge();
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER achievements_postings_insert ON achievements;
CREATE TRIGGER achievements_postings_insert AFTER INSERT ON achievements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION achievement_postings_note();

-- Edits and deletes leave waiting achievements to the merge (they are in no list yet, and the merge reads them
-- as they are then). The waiting row is locked so that a merge under way finishes first (its ids are then in
-- the lists, and this statement's difference applies to them) or waits for this one.
CREATE OR REPLACE FUNCTION achievement_postings_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  came_terms text[] := '{}'; came_ids bigint[] := '{}'; gone_terms text[] := '{}'; gone_ids bigint[] := '{}';
  touched bigint[];
  waiting bigint[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(id) INTO touched FROM old_rows;
  ELSE
    SELECT array_agg(id) INTO touched FROM new_rows;
  END IF;
  WITH w AS (SELECT p.ids FROM achievement_postings_pending p WHERE p.ids && touched FOR SHARE)
  SELECT coalesce(array_agg(i) FILTER (WHERE i = ANY (touched)), '{}') INTO waiting FROM w, unnest(w.ids) i;
  -- each transition table is named only where the trigger has it
  IF TG_OP <> 'DELETE' THEN
    SELECT coalesce(array_agg(t), '{}'), coalesce(array_agg(r.id), '{}') INTO came_terms, came_ids
    FROM new_rows r, unnest(r.key_terms) t WHERE r.status = 'published' AND r.id <> ALL (waiting);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT coalesce(array_agg(t), '{}'), coalesce(array_agg(r.id), '{}') INTO gone_terms, gone_ids
    FROM old_rows r, unnest(r.key_terms) t WHERE r.status = 'published' AND r.id <> ALL (waiting);
  END IF;
  IF cardinality(came_terms) + cardinality(gone_terms) > 0 THEN
    PERFORM achievement_postings_write(came_terms, came_ids, gone_terms, gone_ids);
  END IF;
  RETURN NULL;
END $$;
