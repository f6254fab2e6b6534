-- The availability search offers a members-only instrument's time to its owner's members only
-- (sharing_mode <> 'members' OR owner_org_id = the viewer's organization). The bookable instruments'
-- covering index lacked those two columns, so every search read the wide catalogue rows for them; with
-- them the index answers alone again. (The p95 of 141 ms measured after that change was the first run on
-- a freshly loaded database, cold caches; warm runs were 41 ms before and 36–40 ms with this index.)
DROP INDEX instruments_bookable_idx;
CREATE INDEX instruments_bookable_idx ON instruments (id)
  INCLUDE (class_code, district_code, simple_hours, notice_hours, max_advance_days, min_booking_minutes, name_folded, hours_key, sharing_mode, owner_org_id)
  WHERE status = 'in_service';
