-- The words of a record's title or name: the weight-A lexemes of its search document. A broad
-- query (a word in a quarter of all achievements) lists the records with the word in their title
-- first; this index finds them directly, for words of any length (the trigram index on the folded
-- title needs three characters, and Chinese words are mostly two).
CREATE FUNCTION title_lexemes(doc tsvector) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT coalesce(array_agg(lexeme), '{}') FROM unnest(doc) WHERE weights @> '{A}' $$;

CREATE INDEX achievements_title_lexemes_idx ON achievements USING gin (title_lexemes(search_document));
CREATE INDEX demands_title_lexemes_idx ON demands USING gin (title_lexemes(search_document));
CREATE INDEX experts_title_lexemes_idx ON experts USING gin (title_lexemes(search_document));
CREATE INDEX orgs_title_lexemes_idx ON orgs USING gin (title_lexemes(search_document));
CREATE INDEX instruments_title_lexemes_idx ON instruments USING gin (title_lexemes(search_document));

-- Text and the common filters in one index (btree_gin): "检测 in industry X" is then an intersection
-- inside the index, instead of reading the 32,000 rows holding 检测 to keep the 600 of industry X.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX achievements_search_filters_idx ON achievements USING gin (search_document, status, industry_code, discipline_code, maturity);
CREATE INDEX demands_search_filters_idx ON demands USING gin (search_document, status, industry_code, district_code);
