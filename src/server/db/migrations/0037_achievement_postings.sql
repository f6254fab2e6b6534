-- Word → published achievements, kept beside the text index for matching (issue 16, docs/PERFORMANCE.md).
-- A demand's match probes each of its rare words for the achievements using it. Through the GIN index
-- every hit is a visit to its heap row (to test the status and read the id): ~5,500 rows scattered over
-- the table for a cold all-kinds match at 200,000 achievements, most of its time. Here a word's list is
-- the ids of the published achievements whose key terms hold it, one row per range of 16,384 ids
-- (`bucket`, id >> 14): at most 13 rows a word at 200,000. A row's place follows from the id alone, so a
-- publish appends to known rows without reading the list first (rewriting whole lists made the bulk load 40 %
-- slower, reading each list's last row two to three times slower).
-- Only rare words are worth a list (matching probes words in at most 3,000 achievements): when a word's
-- document frequency passes that, its rows are dropped and bucket -1 (ids NULL) says it keeps none; it is
-- then probed through the text index as before. Kept by the statement triggers below, in the transactions
-- that change the achievements.
CREATE TABLE achievement_postings (
  term   text NOT NULL,
  bucket int NOT NULL,     -- id >> 14; -1: the word keeps no list
  ids    bigint[],         -- in the order they came; NULL at bucket -1
  PRIMARY KEY (term, bucket)
) WITH (fillfactor = 50);
-- (half of each page left free: an append rewrites its row, and with room on the page the new version stays
-- there, the index untouched and the old version reclaimed as the page is next read; packed full, 21 batches
-- of a bulk load took 18 % longer and left the table six times its live size until a vacuum)

-- the same in both engines: lists are kept for words in at most this many achievements
CREATE FUNCTION achievement_postings_cap() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 3000';

-- ids without those of gone (in the order kept); one id, the common case of an edit, by array_remove
CREATE FUNCTION achievement_postings_without(ids bigint[], gone bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN coalesce(cardinality(gone), 0) = 0 THEN ids WHEN cardinality(gone) = 1 THEN array_remove(ids, gone[1])
              ELSE ARRAY(SELECT u.i FROM unnest(ids) WITH ORDINALITY u(i, o) WHERE u.i <> ALL (gone) ORDER BY u.o) END
$$;

-- Adds (word, id) pairs, in one statement: the words too common to keep a list get their mark (bucket -1;
-- a word marked just now loses its rows: the word statistics' trigger has run, its name sorts first), the
-- others append to their rows. Rows in key order (bytewise), so that concurrent writers lock them alike.
-- (Planned for each call, with the arrays as constants: planned once for arrays of unknown length, the
-- statement looked every pair's word up by index, half again the time of a bulk load's batch.)
CREATE FUNCTION achievement_postings_add(terms text[], ids bigint[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  WITH pairs AS MATERIALIZED (
    SELECT c.term COLLATE "C" AS term, c.id, d.df > achievement_postings_cap() AS common
    FROM unnest(terms, ids) c(term, id) JOIN achievement_term_df d ON d.term = c.term),
  marked AS (
    INSERT INTO achievement_postings (term, bucket, ids)
    SELECT DISTINCT term, -1, NULL::bigint[] FROM pairs WHERE common ORDER BY 1
    ON CONFLICT DO NOTHING RETURNING term),
  dropped AS (DELETE FROM achievement_postings p USING marked m WHERE p.term = m.term AND p.bucket >= 0)
  INSERT INTO achievement_postings AS p (term, bucket, ids)
  SELECT term, (id >> 14)::int, array_agg(id ORDER BY id) FROM pairs WHERE NOT common
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (term, bucket) DO UPDATE SET ids = p.ids || excluded.ids;
END $$;

-- (word, id) pairs of published achievements after (came) and before (gone) a statement; only the difference is written
CREATE FUNCTION achievement_postings_write(came_terms text[], came_ids bigint[], gone_terms text[], gone_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF cardinality(gone_terms) = 0 THEN
    -- only additions (new or newly published achievements, a bulk load): one pass for all words
    PERFORM achievement_postings_add(came_terms, came_ids);
    RETURN;
  END IF;
  -- an edit or a closing also takes ids out: row by row, in key order
  FOR r IN
    WITH came AS (SELECT * FROM unnest(came_terms, came_ids) c(term, id)),
    gone AS (SELECT * FROM unnest(gone_terms, gone_ids) g(term, id)),
    plus AS (SELECT * FROM came EXCEPT SELECT * FROM gone),
    minus AS (SELECT * FROM gone EXCEPT SELECT * FROM came)
    SELECT term, (id >> 14)::int AS bucket, array_agg(id ORDER BY id) FILTER (WHERE added) AS added, array_agg(id) FILTER (WHERE NOT added) AS removed
    FROM (SELECT term, id, true AS added FROM plus UNION ALL SELECT term, id, false FROM minus) d GROUP BY 1, 2 ORDER BY 1, 2
  LOOP
    IF r.removed IS NOT NULL THEN
      UPDATE achievement_postings SET ids = achievement_postings_without(ids, r.removed) WHERE term = r.term AND bucket = r.bucket;
    END IF;
    IF r.added IS NOT NULL THEN
      PERFORM achievement_postings_add(array_fill(r.term::text, ARRAY[cardinality(r.added)]), r.added);
    END IF;
  END LOOP;
END $$;

CREATE FUNCTION achievement_postings_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  came_terms text[] := '{}'; came_ids bigint[] := '{}'; gone_terms text[] := '{}'; gone_ids bigint[] := '{}';
BEGIN
  -- each transition table is named only where the trigger has it
  IF TG_OP <> 'DELETE' THEN
    SELECT coalesce(array_agg(t), '{}'), coalesce(array_agg(r.id), '{}') INTO came_terms, came_ids
    FROM new_rows r, unnest(r.key_terms) t WHERE r.status = 'published';
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT coalesce(array_agg(t), '{}'), coalesce(array_agg(r.id), '{}') INTO gone_terms, gone_ids
    FROM old_rows r, unnest(r.key_terms) t WHERE r.status = 'published';
  END IF;
  IF cardinality(came_terms) + cardinality(gone_terms) > 0 THEN
    PERFORM achievement_postings_write(came_terms, came_ids, gone_terms, gone_ids);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER achievements_postings_insert AFTER INSERT ON achievements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION achievement_postings_apply();
CREATE TRIGGER achievements_postings_update AFTER UPDATE ON achievements
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION achievement_postings_apply();
CREATE TRIGGER achievements_postings_delete AFTER DELETE ON achievements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION achievement_postings_apply();

-- the lists of the achievements already here, in one pass over them
INSERT INTO achievement_postings (term, bucket, ids)
SELECT term, -1, NULL FROM achievement_term_df WHERE df > achievement_postings_cap() AND term <> '';
INSERT INTO achievement_postings (term, bucket, ids)
SELECT k.term, (a.id >> 14)::int, array_agg(a.id ORDER BY a.id)
FROM achievements a CROSS JOIN LATERAL unnest(a.key_terms) k(term) JOIN achievement_term_df d ON d.term = k.term AND d.df <= achievement_postings_cap()
WHERE a.status = 'published'
GROUP BY 1, 2;
