-- Word → published achievements, kept beside the text index for matching (issue 16, docs/PERFORMANCE.md).
-- A demand's match probes each of its rare words for the achievements using it. Through the GIN index
-- every hit is a visit to its heap row (to test the status and read the id): ~5,500 rows scattered over
-- the table for a cold all-kinds match at 200,000 achievements, most of its time. A word's list here is
-- one row: the ids of the published achievements whose key terms hold it, in the order they came.
-- Only rare words are worth a list (matching probes words in at most 3,000 achievements): a list that
-- would grow past that is dropped (ids NULL) and stays so, the word then probed through the text index
-- as before. Kept by the statement triggers below, in the transactions that change the achievements.
CREATE TABLE achievement_postings (
  term text PRIMARY KEY,
  ids  bigint[]            -- NULL: more than 3,000 (too common to keep a list of)
);
-- stored out of line but not compressed: every publish, edit and closing rewrites the lists of the record's words
-- (~80, ~1,000 ids each at 200,000 achievements), and compressing them again was 0.6 ms a list, 20 ms a publish;
-- uncompressed it is under 0.1 ms a list, and a probe reads the list without decompressing it
ALTER TABLE achievement_postings ALTER COLUMN ids SET STORAGE EXTERNAL;

-- the same in both engines: an id list of at most this many, else NULL
CREATE FUNCTION achievement_postings_cap() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 3000';

-- ids without those of gone (in the order kept); one id, the common case of an edit, by array_remove
CREATE FUNCTION achievement_postings_without(ids bigint[], gone bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN coalesce(cardinality(gone), 0) = 0 THEN ids WHEN cardinality(gone) = 1 THEN array_remove(ids, gone[1])
              ELSE ARRAY(SELECT u.i FROM unnest(ids) WITH ORDINALITY u(i, o) WHERE u.i <> ALL (gone) ORDER BY u.o) END
$$;

-- (word, id) pairs of published achievements after (came) and before (gone) a statement; only the
-- difference is written, each word once, in word order so that concurrent writers lock words alike
CREATE FUNCTION achievement_postings_write(came_terms text[], came_ids bigint[], gone_terms text[], gone_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF cardinality(gone_terms) = 0 THEN
    -- only additions (new or newly published achievements, a bulk load): one statement for all words
    INSERT INTO achievement_postings AS p (term, ids)
    SELECT term, CASE WHEN count(*) > achievement_postings_cap() THEN NULL ELSE array_agg(id ORDER BY id) END
    FROM unnest(came_terms, came_ids) c(term, id) GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE
      SET ids = CASE WHEN cardinality(p.ids) + cardinality(excluded.ids) > achievement_postings_cap() THEN NULL ELSE p.ids || excluded.ids END
      WHERE p.ids IS NOT NULL;
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
    IF r.added IS NULL THEN
      UPDATE achievement_postings SET ids = achievement_postings_without(ids, r.removed) WHERE term = r.term AND ids IS NOT NULL;
    ELSE
      INSERT INTO achievement_postings AS p (term, ids)
      VALUES (r.term, CASE WHEN cardinality(r.added) > achievement_postings_cap() THEN NULL ELSE r.added END)
      ON CONFLICT (term) DO UPDATE
        SET ids = CASE WHEN cardinality(p.ids) - coalesce(cardinality(r.removed), 0) + cardinality(excluded.ids) > achievement_postings_cap() THEN NULL
                       ELSE achievement_postings_without(p.ids, r.removed) || excluded.ids END
        WHERE p.ids IS NOT NULL;
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
INSERT INTO achievement_postings (term, ids)
SELECT t, CASE WHEN count(*) > achievement_postings_cap() THEN NULL ELSE array_agg(a.id ORDER BY a.id) END
FROM achievements a, unnest(a.key_terms) t WHERE a.status = 'published' GROUP BY t;
