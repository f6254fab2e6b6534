-- Achievements inserted as published wait beside the word lists before the lists take them (issue 16,
-- docs/PERFORMANCE.md). Appending each bulk statement of 500 achievements to the lists rewrote ~9,000 list rows
-- (the words' rows of the newest range of ids, again and again, statement after statement): 40 such statements
-- at 200,000 took 22.9 s, 14.7 s without the lists, and the bulk load was 12–18 % slower than before the lists.
-- Here an insert notes its (word, id) pairs, one row a statement, and the lists take the noted achievements
-- together once 8,000 wait, a word used by many of them rewritten once (the 40 statements: 18.0 s). The merge
-- runs in the statement that fills the waiting list (under a lock that one writer takes; another leaves its
-- pairs for the next) and from every server process every five seconds: like a search engine's refresh
-- interval, a bulk-loaded achievement is matched by its rare words within seconds, not in its own transaction.
-- (Read while waiting, the pairs of 2,000 achievements cost a match 37 ms and those of 8,000 131 ms, more than
-- matching itself: so they are not read.) The application never inserts a published achievement (it saves
-- drafts and publishes them by an UPDATE): publishing, edits, closing and deletes write the lists in their own
-- statement, a few rows each, and an edit or delete of a waiting achievement first takes it out of the
-- waiting list.
CREATE TABLE achievement_postings_pending (
  achievements int NOT NULL,       -- how many achievements the statement inserted, published or not
  ids          bigint[] NOT NULL,  -- the published ones, still waiting
  pair_terms   text[] NOT NULL,    -- their words, pair by pair with pair_ids (key_terms as inserted)
  pair_ids     bigint[] NOT NULL,
  df_terms     text[] NOT NULL,    -- a bulk statement's word statistics, word by word with df_counts ('': N)
  df_counts    int[] NOT NULL
);

-- A statement of at least this many achievements (a bulk load) leaves its word statistics to the merge too:
-- counted a statement at a time they were 50 of its 500 ms, and 8,000 achievements share most of their words.
-- Smaller statements count theirs at once (0003's trigger). The statistics are additive, so an edit made
-- meanwhile (its difference counted at once) and the merge's counts add up to the same.
CREATE FUNCTION achievement_terms_bulk() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 100';

CREATE OR REPLACE FUNCTION achievement_term_df_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM new_rows) >= achievement_terms_bulk() THEN
    RETURN NULL; -- noted beside the lists by achievement_postings_note
  END IF;
  -- the empty word counts the achievements themselves (N of the inverse document frequency)
  INSERT INTO achievement_term_df AS a (term, df)
  SELECT t, n FROM (
    SELECT t, count(*)::int AS n FROM new_rows, unnest(key_terms) t GROUP BY t
    UNION ALL SELECT '', count(*)::int FROM new_rows
  ) x ORDER BY t
  ON CONFLICT (term) DO UPDATE SET df = a.df + excluded.df;
  RETURN NULL;
END $$;

-- As in 0037, but each word's ids are gathered before its document frequency is looked up (once a word and
-- range, 14,000 lookups for the 173,000 pairs of 2,000 achievements), by hashing, in memory (sorted, the pairs
-- spilled to disk with the default work_mem): 262 against 312 ms for those pairs at 200,000, EXPLAIN ANALYZE.
-- A list's ids are in no particular order (as before: in the order they came). A word not counted yet (its
-- statistics wait with a bulk statement, below) gets a list: one too common for a list is only the bigger for it.
CREATE OR REPLACE FUNCTION achievement_postings_add(terms text[], ids bigint[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET work_mem = '32MB' AS $$
BEGIN
  WITH grouped AS MATERIALIZED (
    SELECT c.term COLLATE "C" AS term, (c.id >> 14)::int AS bucket, array_agg(c.id) AS added
    FROM unnest(terms, ids) c(term, id) GROUP BY 1, 2),
  flagged AS MATERIALIZED (
    SELECT g.term, g.bucket, g.added, coalesce(d.df > achievement_postings_cap(), false) AS common
    FROM grouped g LEFT JOIN achievement_term_df d ON d.term = g.term),
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
CREATE FUNCTION achievement_postings_pending_cap() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 8000';

-- Moves the waiting achievements into the lists; returns how many it moved (0 when another transaction is at it).
-- Under a concurrent edit of a waiting achievement the delete waits for it and takes the rows as it left them.
CREATE FUNCTION achievement_postings_merge() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  moved int;
  merged_terms text[];
  merged_ids bigint[];
  counted_terms text[];
  counted int[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('achievement_postings_merge')) THEN
    RETURN 0;
  END IF;
  WITH taken AS (DELETE FROM achievement_postings_pending p RETURNING p.ids, p.pair_terms, p.pair_ids, p.df_terms, p.df_counts),
  pairs AS (SELECT array_agg(u.term) AS terms, array_agg(u.id) AS ids FROM taken CROSS JOIN LATERAL unnest(taken.pair_terms, taken.pair_ids) u(term, id)),
  counts AS (
    SELECT array_agg(c.term ORDER BY c.term) AS terms, array_agg(c.n ORDER BY c.term) AS n FROM (
      SELECT u.term, sum(u.n)::int AS n FROM taken CROSS JOIN LATERAL unnest(taken.df_terms, taken.df_counts) u(term, n) GROUP BY u.term) c)
  SELECT (SELECT coalesce(sum(cardinality(t.ids)), 0) FROM taken t), coalesce(pairs.terms, '{}'), coalesce(pairs.ids, '{}'),
         coalesce(counts.terms, '{}'), coalesce(counts.n, '{}')
  INTO moved, merged_terms, merged_ids, counted_terms, counted
  FROM pairs, counts;
  -- the word statistics first: the lists' add tells the words too common to list by them
  IF cardinality(counted_terms) > 0 THEN
    INSERT INTO achievement_term_df AS a (term, df)
    SELECT u.term, u.n FROM unnest(counted_terms, counted) u(term, n) ORDER BY 1
    ON CONFLICT (term) DO UPDATE SET df = a.df + excluded.df;
  END IF;
  IF cardinality(merged_terms) > 0 THEN
    PERFORM achievement_postings_add(merged_terms, merged_ids);
  END IF;
  RETURN moved;
END $$;

CREATE FUNCTION achievement_postings_note() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  inserted int;
BEGIN
  SELECT count(*) INTO inserted FROM new_rows;
  INSERT INTO achievement_postings_pending (achievements, ids, pair_terms, pair_ids, df_terms, df_counts)
  SELECT inserted, coalesce(p.ids, '{}'), coalesce(p.terms, '{}'), coalesce(p.pair_ids, '{}'), coalesce(d.terms, '{}'), coalesce(d.n, '{}')
  FROM (SELECT array_agg(DISTINCT r.id) AS ids, array_agg(t) AS terms, array_agg(r.id) AS pair_ids
        FROM new_rows r, unnest(r.key_terms) t WHERE r.status = 'published') p,
       (SELECT array_agg(x.t) AS terms, array_agg(x.c) AS n FROM (
          SELECT t, count(*)::int AS c FROM new_rows, unnest(key_terms) t GROUP BY t
          UNION ALL SELECT '', inserted) x
        WHERE inserted >= achievement_terms_bulk()) d
  WHERE p.ids IS NOT NULL OR inserted >= achievement_terms_bulk();
  IF FOUND AND (SELECT sum(w.achievements) FROM achievement_postings_pending w) >= achievement_postings_pending_cap() THEN
    PERFORM achievement_postings_merge();
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER achievements_postings_insert ON achievements;
CREATE TRIGGER achievements_postings_insert AFTER INSERT ON achievements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION achievement_postings_note();

-- An edit or delete first takes its waiting achievements out of the waiting list (locking those rows: a merge
-- under way finishes first, its ids are then in the lists and no longer waiting); they are in no list yet,
-- so nothing of theirs is taken out, and what they are now goes into the lists.
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
  WITH w AS (SELECT p.ids FROM achievement_postings_pending p WHERE p.ids && touched FOR UPDATE)
  SELECT coalesce(array_agg(i) FILTER (WHERE i = ANY (touched)), '{}') INTO waiting FROM w, unnest(w.ids) i;
  IF cardinality(waiting) > 0 THEN
    UPDATE achievement_postings_pending p
    SET ids = ARRAY(SELECT i FROM unnest(p.ids) i WHERE i <> ALL (waiting)),
        pair_terms = ARRAY(SELECT u.t FROM unnest(p.pair_terms, p.pair_ids) WITH ORDINALITY u(t, i, o) WHERE u.i <> ALL (waiting) ORDER BY u.o),
        pair_ids = ARRAY(SELECT u.i FROM unnest(p.pair_ids) WITH ORDINALITY u(i, o) WHERE u.i <> ALL (waiting) ORDER BY u.o)
    WHERE p.ids && waiting;
    DELETE FROM achievement_postings_pending p WHERE cardinality(p.ids) = 0 AND cardinality(p.df_terms) = 0;
  END IF;
  -- each transition table is named only where the trigger has it
  IF TG_OP <> 'DELETE' THEN
    SELECT coalesce(array_agg(t), '{}'), coalesce(array_agg(r.id), '{}') INTO came_terms, came_ids
    FROM new_rows r, unnest(r.key_terms) t WHERE r.status = 'published';
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
