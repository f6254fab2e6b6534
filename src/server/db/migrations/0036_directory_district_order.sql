-- The directory's filtered list at 56,000 organizations (issue 13, bench:load "filters only", docs/PERFORMANCE.md):
-- a district, with or without a category or kind, is the commonest filter of the portal's list. Without this
-- index the page read every organization of the district and sorted them (5–7 ms a page, most of the request);
-- with it the district's organizations come most recently updated first and the walk stops after one page, the
-- category and kind tested in the index entry itself (an index-only scan: no heap row for those left out).
CREATE INDEX orgs_district_updated_idx ON orgs (district_code, updated_at DESC, id DESC) INCLUDE (categories, kinds);
