-- One GIN index over the achievements' search documents, not two (issue 16, docs/PERFORMANCE.md). Since
-- migration 0004 the text and the common filters share achievements_search_filters_idx (btree_gin), which
-- answers a text condition alone just as well: a GIN index of several columns indexes each on its own.
-- The older index of the text alone was a second ~100 entries to write for every achievement stored, a
-- sixth of a bulk load's time at 200,000, and found nothing the other does not.
DROP INDEX achievements_search_idx;
