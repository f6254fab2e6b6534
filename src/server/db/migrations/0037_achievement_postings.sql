-- Word → published achievements, kept beside the text index for matching (issue 16, docs/PERFORMANCE.md).
-- A demand's match probes each of its rare words for the achievements using it. Through the GIN index
-- every hit is a visit to its heap row (to test the status and read the id): ~5,500 rows scattered over
-- the table for a cold all-kinds match at 200,000 achievements, most of its time. A word's list here is a
-- few rows: the ids of the published achievements whose key terms hold it, 200 a row, in the order they
-- came. Only rare words are worth a list (matching probes words in at most 3,000 achievements): a word
-- whose document frequency passes that loses its list, chunk 0 with ids NULL says so, and it is probed
-- through the text index as before. Kept by the statement triggers below, in the transactions that change
-- the achievements. Rows of 200, not one row a word: every publish adds to ~80 lists, and rewriting whole
-- lists (~1,000 ids each at 200,000) made a publish 20 ms slower and the bulk load a third slower; now only
-- a list's last row is rewritten, and an edit or closing rewrites the row holding the id.
CREATE TABLE achievement_postings (
  term  text NOT NULL,
  chunk int NOT NULL,      -- 0, 1, …: the order the ids came
  ids   bigint[],          -- at most 200 (a few more when writers add at once); NULL: the word keeps no list
  PRIMARY KEY (term, chunk)
);

-- the same in both engines: lists are kept for words in at most this many achievements, this many ids a row
CREATE FUNCTION achievement_postings_cap() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 3000';
CREATE FUNCTION achievement_postings_chunk() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 200';

-- ids without those of gone (in the order kept); one id, the common case of an edit, by array_remove
CREATE FUNCTION achievement_postings_without(ids bigint[], gone bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN coalesce(cardinality(gone), 0) = 0 THEN ids WHEN cardinality(gone) = 1 THEN array_remove(ids, gone[1])
              ELSE ARRAY(SELECT u.i FROM unnest(ids) WITH ORDINALITY u(i, o) WHERE u.i <> ALL (gone) ORDER BY u.o) END
$$;

-- Adds (word, id) pairs: a word that has become too common loses its list first (the word statistics'
-- trigger has run: its name sorts first); the others fill their last row, then new ones. Words in word
-- order, so that concurrent writers lock them alike.
CREATE FUNCTION achievement_postings_add(terms text[], ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH common AS (
    SELECT DISTINCT c.term FROM unnest(terms) c(term) JOIN achievement_term_df d ON d.term = c.term
    WHERE d.df > achievement_postings_cap()
      AND NOT EXISTS (SELECT 1 FROM achievement_postings p WHERE p.term = c.term AND p.chunk = 0 AND p.ids IS NULL))
  DELETE FROM achievement_postings p USING common WHERE p.term = common.term AND p.chunk > 0;
  INSERT INTO achievement_postings AS p (term, chunk, ids)
  SELECT DISTINCT c.term, 0, NULL::bigint[] FROM unnest(terms) c(term) JOIN achievement_term_df d ON d.term = c.term
  WHERE d.df > achievement_postings_cap() ORDER BY 1
  ON CONFLICT (term, chunk) DO UPDATE SET ids = NULL WHERE p.ids IS NOT NULL;

  WITH added AS (SELECT DISTINCT * FROM unnest(terms, ids) c(term, id)),
  last AS (
    SELECT w.term, l.chunk, coalesce(cardinality(l.ids), 0) AS n, l.unlisted
    FROM (SELECT DISTINCT term FROM added) w
    LEFT JOIN LATERAL (SELECT p.chunk, p.ids, p.chunk = 0 AND p.ids IS NULL AS unlisted FROM achievement_postings p
                       WHERE p.term = w.term ORDER BY p.chunk DESC LIMIT 1) l ON true),
  numbered AS (
    SELECT a.term, a.id, row_number() OVER (PARTITION BY a.term ORDER BY a.id) - 1 AS k, l.chunk, l.n
    FROM added a JOIN last l USING (term) WHERE l.unlisted IS NOT TRUE),
  placed AS (
    SELECT term, id,
      CASE WHEN chunk IS NULL THEN k / achievement_postings_chunk()
           WHEN k < achievement_postings_chunk() - n THEN chunk
           ELSE chunk + 1 + (k - greatest(0, achievement_postings_chunk() - n)) / achievement_postings_chunk() END AS chunk
    FROM numbered)
  INSERT INTO achievement_postings AS p (term, chunk, ids)
  SELECT term, chunk::int, array_agg(id ORDER BY id) FROM placed GROUP BY term, chunk ORDER BY term, chunk
  ON CONFLICT (term, chunk) DO UPDATE SET ids = p.ids || excluded.ids WHERE p.ids IS NOT NULL;
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
  -- an edit or a closing also takes ids out: word by word, in word order
  FOR r IN
    WITH came AS (SELECT * FROM unnest(came_terms, came_ids) c(term, id)),
    gone AS (SELECT * FROM unnest(gone_terms, gone_ids) g(term, id)),
    plus AS (SELECT * FROM came EXCEPT SELECT * FROM gone),
    minus AS (SELECT * FROM gone EXCEPT SELECT * FROM came)
    SELECT term, array_agg(id ORDER BY id) FILTER (WHERE added) AS added, array_agg(id) FILTER (WHERE NOT added) AS removed
    FROM (SELECT term, id, true AS added FROM plus UNION ALL SELECT term, id, false FROM minus) d GROUP BY term ORDER BY term
  LOOP
    IF r.removed IS NOT NULL THEN
      UPDATE achievement_postings SET ids = achievement_postings_without(ids, r.removed) WHERE term = r.term AND ids && r.removed;
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
INSERT INTO achievement_postings (term, chunk, ids)
SELECT term, 0, NULL FROM achievement_term_df WHERE df > achievement_postings_cap() AND term <> '';
INSERT INTO achievement_postings (term, chunk, ids)
SELECT term, (k / achievement_postings_chunk())::int, array_agg(id ORDER BY id)
FROM (SELECT t AS term, a.id, row_number() OVER (PARTITION BY t ORDER BY a.id) - 1 AS k
      FROM achievements a, unnest(a.key_terms) t
      WHERE a.status = 'published' AND NOT EXISTS (SELECT 1 FROM achievement_term_df d WHERE d.term = t AND d.df > achievement_postings_cap())) x
GROUP BY term, k / achievement_postings_chunk();
