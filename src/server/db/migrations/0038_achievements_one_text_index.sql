-- One GIN index over the achievements' search documents, not two (issue 16, docs/PERFORMANCE.md). Since
-- migration 0004 the text and the common filters share achievements_search_filters_idx (btree_gin), which
-- answers a text condition alone just as well: a GIN index of several columns indexes each on its own.
-- The older index of the text alone was a second ~100 entries to write for every achievement stored (in one
-- 500-row statement at 200,000, 150–250 of its 510 ms; end to end the bulk load gained little, the GIN pending
-- list deferring most of that cost) and found nothing the other does not.
DROP INDEX achievements_search_idx;
