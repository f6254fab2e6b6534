-- The availability search finds the bookings overlapping a window through the start-time index:
-- lower(during) < window end and > window start − (the longest booking). The schema allows 14 days,
-- which made every search read two weeks of bookings (20,000 rows at 1,000,000 bookings) to keep
-- the ~1,000 that overlap. The longest booking there actually is, read from this index (one entry),
-- bounds the scan as exactly: a day in practice.
CREATE INDEX bookings_length_idx ON bookings ((upper(during) - lower(during)));

-- Weekday templates read with their times from the index alone (36,000 rows for one weekday at
-- 20,000 instruments were 1,400 random heap pages).
DROP INDEX instrument_weekly_hours_weekday_idx;
CREATE INDEX instrument_weekly_hours_weekday_idx ON instrument_weekly_hours (weekday, instrument_id) INCLUDE (opens, closes);

-- The bookable instruments with what the availability search needs of them, without reading the
-- wide catalogue rows (36 MB at 20,000 instruments: text, search document, specifications).
-- With the folded name, the page in the default order (by name) is sorted from it as well.
CREATE INDEX instruments_bookable_idx ON instruments (id)
  INCLUDE (class_code, district_code, simple_hours, notice_hours, max_advance_days, min_booking_minutes, name_folded)
  WHERE status = 'in_service';
