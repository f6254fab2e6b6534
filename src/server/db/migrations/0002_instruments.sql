-- Shared instruments (大型科研仪器开放共享): catalogue, opening calendar, bookings, usage, notifications.
-- Times are timestamptz; opening hours are wall-clock times in Asia/Shanghai (no daylight saving).

-- ------------------------------------------------------------------ reference: the 15 instrument classes (editable)
CREATE TABLE instrument_classes (
  code            text PRIMARY KEY,
  name_zh         text NOT NULL,
  name_en         text NOT NULL,
  sort_order      int NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO instrument_classes (code, name_zh, name_en, sort_order) VALUES
  ('analytical',     '分析仪器',           'Analytical instruments', 1),
  ('physical',       '物理性能测试仪器',   'Physical property testing', 2),
  ('metrology',      '计量仪器',           'Metrology instruments', 3),
  ('electronic',     '电子测量仪器',       'Electronic measurement', 4),
  ('marine',         '海洋仪器',           'Marine instruments', 5),
  ('geophysical',    '地球探测仪器',       'Earth exploration', 6),
  ('atmospheric',    '大气探测仪器',       'Atmospheric sounding', 7),
  ('special_testing','特种检测仪器',       'Special inspection', 8),
  ('laser',          '激光器',             'Lasers', 9),
  ('process',        '工艺试验仪器',       'Process test instruments', 10),
  ('computing',      '计算机及其配套设备', 'Computers and peripherals', 11),
  ('astronomical',   '天文仪器',           'Astronomical instruments', 12),
  ('medical',        '医学科研仪器',       'Medical research instruments', 13),
  ('nuclear',        '核仪器',             'Nuclear instruments', 14),
  ('other',          '其他仪器',           'Other instruments', 15);

-- ------------------------------------------------------------------ instruments
CREATE TABLE instruments (
  id                   bigserial PRIMARY KEY,
  owner_org_id         bigint NOT NULL REFERENCES orgs(id),
  name                 text NOT NULL,
  model                text,
  manufacturer         text,
  class_code           text NOT NULL REFERENCES instrument_classes(code),
  kind                 text NOT NULL CHECK (kind IN ('instrument','facility','compute')),
  original_value_fen   bigint CHECK (original_value_fen >= 0),
  purchase_date        date,
  district_code        text REFERENCES divisions(code),
  address              text,
  room                 text,
  specifications       text,
  capabilities         text,
  sample_requirements  text,
  sharing_mode         text NOT NULL CHECK (sharing_mode IN ('open','members','arrangement')),
  -- prices in fen per unit: hour, sample, core_hour or gpu_hour
  price_unit           text NOT NULL CHECK (price_unit IN ('hour','sample','core_hour','gpu_hour')),
  price_internal_fen   bigint NOT NULL CHECK (price_internal_fen >= 0),
  price_external_fen   bigint NOT NULL CHECK (price_external_fen >= 0),
  -- optional off-peak price for hours outside [peak_start, peak_end) (time-priced units only)
  off_peak_price_fen   bigint CHECK (off_peak_price_fen >= 0),
  peak_start           time,
  peak_end             time,
  -- weekly template: [[["09:00","18:00"]], ...] seven lists, Monday first; mirrored in instrument_weekly_hours
  opening_hours        jsonb NOT NULL,
  -- no two opening intervals touch (within a day or across midnight): a free stretch is then one
  -- interval, which lets the availability search skip interval arithmetic for unbooked instruments
  simple_hours         boolean NOT NULL DEFAULT true,
  min_booking_minutes  int NOT NULL DEFAULT 30 CHECK (min_booking_minutes > 0),
  max_booking_minutes  int NOT NULL DEFAULT 480 CHECK (max_booking_minutes >= min_booking_minutes),
  notice_hours         int NOT NULL DEFAULT 0 CHECK (notice_hours >= 0),
  max_advance_days     int NOT NULL DEFAULT 90 CHECK (max_advance_days > 0),
  cancel_notice_hours  int NOT NULL DEFAULT 24 CHECK (cancel_notice_hours >= 0),
  needs_approval       boolean NOT NULL DEFAULT true,
  needs_training       boolean NOT NULL DEFAULT false,
  status               text NOT NULL DEFAULT 'in_service' CHECK (status IN ('in_service','maintenance','retired')),
  contact_name         text,
  contact_phone        text,
  version              int NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  name_folded          text NOT NULL,
  name_pinyin          text NOT NULL,
  search_document      tsvector NOT NULL
);
CREATE INDEX instruments_search_document_idx ON instruments USING gin (search_document);
CREATE INDEX instruments_name_folded_trgm_idx ON instruments USING gin (name_folded gin_trgm_ops);
CREATE INDEX instruments_name_pinyin_trgm_idx ON instruments USING gin (name_pinyin gin_trgm_ops);
CREATE INDEX instruments_owner_idx ON instruments (owner_org_id);
CREATE INDEX instruments_class_idx ON instruments (class_code);
CREATE INDEX instruments_district_idx ON instruments (district_code);
CREATE INDEX instruments_updated_idx ON instruments (updated_at DESC, id DESC);

-- The weekly template as rows, so availability and opening hours are computed set-wise in SQL.
CREATE TABLE instrument_weekly_hours (
  instrument_id   bigint NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  weekday         smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),  -- ISO: 1 = Monday
  opens           time NOT NULL,
  closes          time NOT NULL,
  CHECK (closes > opens),
  PRIMARY KEY (instrument_id, weekday, opens)
);
CREATE INDEX instrument_weekly_hours_weekday_idx ON instrument_weekly_hours (weekday, instrument_id);

-- Exceptions to the template: 'closed' (blackout days, maintenance) or 'open' (extra opening).
CREATE TABLE instrument_exceptions (
  id              bigserial PRIMARY KEY,
  instrument_id   bigint NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('closed','open')),
  during          tstzrange NOT NULL CHECK (NOT isempty(during)),
  reason          text
);
CREATE INDEX instrument_exceptions_idx ON instrument_exceptions USING gist (instrument_id, during);

-- Users trained on an instrument that needs a qualification.
CREATE TABLE instrument_qualifications (
  instrument_id   bigint NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  user_id         bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  granted_by      bigint REFERENCES users(id),
  granted_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (instrument_id, user_id)
);

CREATE TABLE instrument_photos (
  id              bigserial PRIMARY KEY,
  instrument_id   bigint NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  content_type    text NOT NULL,
  data            bytea NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instrument_photos_instrument_idx ON instrument_photos (instrument_id, id);

-- ------------------------------------------------------------------ bookings
-- A booking holds its slot while pending, confirmed, in use or completed. The exclusion constraint is
-- the one guarantee against double booking, whatever the number of app servers and concurrent requests.
CREATE TABLE bookings (
  id                bigserial PRIMARY KEY,
  cart_id           uuid NOT NULL,
  instrument_id     bigint NOT NULL REFERENCES instruments(id),
  owner_org_id      bigint NOT NULL REFERENCES orgs(id),
  user_id           bigint NOT NULL REFERENCES users(id),
  user_org_id       bigint REFERENCES orgs(id),
  during            tstzrange NOT NULL CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
  quantity          int NOT NULL DEFAULT 1 CHECK (quantity > 0),
  purpose           text NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending','confirmed','in_use','completed','declined','cancelled','expired','no_show')),
  -- the user's organization is not the owner: the hours count as 对外服务机时
  external          boolean NOT NULL,
  estimated_fen     bigint NOT NULL,
  price_fen         bigint,
  expires_at        timestamptz,
  decided_by        bigint REFERENCES users(id),
  decided_at        timestamptz,
  decision_reason   text,
  cancelled_by      bigint REFERENCES users(id),
  cancelled_at      timestamptz,
  cancel_reason     text,
  actual_start      timestamptz,
  actual_end        timestamptz,
  usage_recorded_by bigint REFERENCES users(id),
  reminder_sent_at  timestamptz,
  version           int NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end > actual_start),
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (instrument_id WITH =, during WITH &&)
    WHERE (status IN ('pending','confirmed','in_use','completed'))
);
CREATE INDEX bookings_user_idx ON bookings (user_id, lower(during) DESC);
CREATE INDEX bookings_owner_idx ON bookings (owner_org_id, status, lower(during));
CREATE INDEX bookings_start_idx ON bookings (lower(during));
CREATE INDEX bookings_pending_idx ON bookings (expires_at) WHERE status = 'pending';
CREATE INDEX bookings_cart_idx ON bookings (cart_id);

-- ------------------------------------------------------------------ in-app notifications
CREATE TABLE notifications (
  id              bigserial PRIMARY KEY,
  user_id         bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind            text NOT NULL,
  booking_id      bigint REFERENCES bookings(id),
  params          jsonb NOT NULL DEFAULT '{}',
  read_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);

-- Secret feed addresses for calendar programs, which cannot send our session cookie.
CREATE TABLE calendar_feeds (
  token_hash      text PRIMARY KEY,
  user_id         bigint NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  created_at      timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE users ADD COLUMN email text;

-- When an instrument is open within [p_from, p_to): the weekly template (wall-clock Asia/Shanghai) plus
-- extra openings, minus blackouts. The catalogue's availability search computes the same set-wise
-- (instruments/availability.ts); this one serves a single instrument (booking rules, its calendar).
CREATE FUNCTION instrument_open_time(p_instrument bigint, p_from timestamptz, p_to timestamptz)
RETURNS tstzmultirange LANGUAGE sql STABLE AS $$
  SELECT (
    coalesce((
      SELECT range_agg(r) FROM (
        SELECT tstzrange((d.day::date + h.opens) AT TIME ZONE 'Asia/Shanghai', (d.day::date + h.closes) AT TIME ZONE 'Asia/Shanghai') AS r
        FROM generate_series((p_from AT TIME ZONE 'Asia/Shanghai')::date::timestamp, (p_to AT TIME ZONE 'Asia/Shanghai')::date::timestamp, interval '1 day') AS d(day)
        JOIN instrument_weekly_hours h ON h.instrument_id = p_instrument AND h.weekday = extract(isodow FROM d.day)
        UNION ALL
        SELECT during FROM instrument_exceptions WHERE instrument_id = p_instrument AND kind = 'open' AND during && tstzrange(p_from, p_to)
      ) o), '{}'::tstzmultirange)
    - coalesce((SELECT range_agg(during) FROM instrument_exceptions
                WHERE instrument_id = p_instrument AND kind = 'closed' AND during && tstzrange(p_from, p_to)), '{}'::tstzmultirange)
  ) * tstzmultirange(tstzrange(p_from, p_to))
$$;

-- ------------------------------------------------------------------ usage rollup for the sharing indicators
-- A year of indicators over all instruments must not read every booking of the year (500,000 rows at
-- regional scale): bookings keep per-instrument, per-month sums (Asia/Shanghai months) up to date
-- through statement-level triggers that add each change's contribution as a delta. Deltas under the
-- row lock of ON CONFLICT DO UPDATE stay exact under concurrent bookings; a bulk insert is one statement.
ALTER TABLE instruments ADD COLUMN weekly_open_minutes int[] NOT NULL DEFAULT '{0,0,0,0,0,0,0}';

CREATE TABLE instrument_usage_months (
  instrument_id   bigint NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  month           date NOT NULL,
  booked_secs     float8 NOT NULL DEFAULT 0,
  work_secs       float8 NOT NULL DEFAULT 0,
  external_secs   float8 NOT NULL DEFAULT 0,
  income_fen      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (instrument_id, month)
);
CREATE INDEX instrument_usage_months_month_idx ON instrument_usage_months (month);

-- the same sums per calendar year (Asia/Shanghai): a year's indicators read 20,000 rows, not 160,000
CREATE TABLE instrument_usage_years (
  instrument_id   bigint NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  year            date NOT NULL,
  booked_secs     float8 NOT NULL DEFAULT 0,
  work_secs       float8 NOT NULL DEFAULT 0,
  external_secs   float8 NOT NULL DEFAULT 0,
  income_fen      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (instrument_id, year)
);
CREATE INDEX instrument_usage_years_year_idx ON instrument_usage_years (year);

-- outside user organizations per instrument and month (counted bookings, so a change can be undone)
CREATE TABLE instrument_usage_outside (
  instrument_id   bigint NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  month           date NOT NULL,
  user_org_id     bigint NOT NULL,
  bookings        int NOT NULL DEFAULT 0,
  PRIMARY KEY (instrument_id, month, user_org_id)
);
CREATE INDEX instrument_usage_outside_month_idx ON instrument_usage_outside (month);

-- and per calendar year: within one year a (instrument, organization) pair is one row, so a year's
-- outside organizations per instrument are counted without removing duplicates
CREATE TABLE instrument_usage_outside_years (
  instrument_id   bigint NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  year            date NOT NULL,
  user_org_id     bigint NOT NULL,
  bookings        int NOT NULL DEFAULT 0,
  PRIMARY KEY (instrument_id, year, user_org_id)
);
CREATE INDEX instrument_usage_outside_years_year_idx ON instrument_usage_outside_years (year);

-- What one booking contributes to each month it touches. Booked time counts once the slot was
-- granted (confirmed, in use, completed, no-show); work time is recorded use; income comes with
-- completion, in the month the booking started.
CREATE FUNCTION booking_usage(p_status text, p_during tstzrange, p_actual_start timestamptz, p_actual_end timestamptz, p_external boolean, p_price bigint)
RETURNS TABLE (month date, booked_secs float8, work_secs float8, external_secs float8, income_fen bigint)
LANGUAGE sql STABLE AS $$
  WITH m AS (
    SELECT g.m::date AS month, tstzrange(g.m AT TIME ZONE 'Asia/Shanghai', (g.m + interval '1 month') AT TIME ZONE 'Asia/Shanghai') AS r
    FROM generate_series(
      date_trunc('month', least(lower(p_during), coalesce(p_actual_start, lower(p_during))) AT TIME ZONE 'Asia/Shanghai'),
      date_trunc('month', greatest(upper(p_during), coalesce(p_actual_end, upper(p_during))) AT TIME ZONE 'Asia/Shanghai'),
      interval '1 month') AS g(m)
  ), c AS (
    SELECT month, r,
      CASE WHEN p_status IN ('confirmed','in_use','completed','no_show')
        THEN coalesce(extract(epoch FROM upper(p_during * r) - lower(p_during * r)), 0) ELSE 0 END AS booked,
      CASE WHEN p_status = 'completed' AND p_actual_start IS NOT NULL AND p_actual_end > p_actual_start
        THEN coalesce(extract(epoch FROM upper(tstzrange(p_actual_start, p_actual_end) * r) - lower(tstzrange(p_actual_start, p_actual_end) * r)), 0) ELSE 0 END AS work
    FROM m
  )
  SELECT month, booked, work, CASE WHEN p_external THEN work ELSE 0 END,
    CASE WHEN p_status = 'completed' AND lower(p_during) <@ r THEN coalesce(p_price, 0) ELSE 0 END
  FROM c
$$;

-- sign: +1 for rows as they are now, -1 for rows as they were
CREATE FUNCTION apply_booking_usage(sign int, rows_json jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- each booking's contribution is computed once and added to the monthly and the yearly sums
  -- (a data-modifying WITH runs to completion whether or not the outer statement reads it)
  WITH c AS MATERIALIZED (
    SELECT b.instrument_id, u.month, sign * sum(u.booked_secs) AS booked, sign * sum(u.work_secs) AS work,
           sign * sum(u.external_secs) AS external, sign * sum(u.income_fen) AS income
    FROM jsonb_to_recordset(rows_json) AS b(instrument_id bigint, status text, during tstzrange, actual_start timestamptz, actual_end timestamptz, external boolean, price_fen bigint)
    CROSS JOIN LATERAL booking_usage(b.status, b.during, b.actual_start, b.actual_end, b.external, b.price_fen) u
    GROUP BY 1, 2
    HAVING sum(u.booked_secs) <> 0 OR sum(u.work_secs) <> 0 OR sum(u.income_fen) <> 0
  ), months AS (
    INSERT INTO instrument_usage_months AS t (instrument_id, month, booked_secs, work_secs, external_secs, income_fen)
    SELECT instrument_id, month, booked, work, external, income FROM c ORDER BY 1, 2
    ON CONFLICT (instrument_id, month) DO UPDATE SET
      booked_secs = t.booked_secs + EXCLUDED.booked_secs, work_secs = t.work_secs + EXCLUDED.work_secs,
      external_secs = t.external_secs + EXCLUDED.external_secs, income_fen = t.income_fen + EXCLUDED.income_fen
  )
  INSERT INTO instrument_usage_years AS t (instrument_id, year, booked_secs, work_secs, external_secs, income_fen)
  SELECT instrument_id, date_trunc('year', month)::date, sum(booked), sum(work), sum(external), sum(income) FROM c GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (instrument_id, year) DO UPDATE SET
    booked_secs = t.booked_secs + EXCLUDED.booked_secs, work_secs = t.work_secs + EXCLUDED.work_secs,
    external_secs = t.external_secs + EXCLUDED.external_secs, income_fen = t.income_fen + EXCLUDED.income_fen;

  -- outside organizations: counted bookings per month and per year, so a change can be undone
  WITH o AS MATERIALIZED (
    SELECT b.instrument_id, date_trunc('month', b.actual_start AT TIME ZONE 'Asia/Shanghai')::date AS month, b.user_org_id, sign * count(*) AS n
    FROM jsonb_to_recordset(rows_json) AS b(instrument_id bigint, status text, actual_start timestamptz, external boolean, user_org_id bigint)
    WHERE b.status = 'completed' AND b.external AND b.user_org_id IS NOT NULL AND b.actual_start IS NOT NULL
    GROUP BY 1, 2, 3
  ), months AS (
    INSERT INTO instrument_usage_outside AS t (instrument_id, month, user_org_id, bookings)
    SELECT instrument_id, month, user_org_id, n FROM o ORDER BY 1, 2, 3
    ON CONFLICT (instrument_id, month, user_org_id) DO UPDATE SET bookings = t.bookings + EXCLUDED.bookings
  )
  INSERT INTO instrument_usage_outside_years AS t (instrument_id, year, user_org_id, bookings)
  SELECT instrument_id, date_trunc('year', month)::date, user_org_id, sum(n) FROM o GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (instrument_id, year, user_org_id) DO UPDATE SET bookings = t.bookings + EXCLUDED.bookings;
END $$;

CREATE FUNCTION bookings_usage_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM apply_booking_usage(1, (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n WHERE n.status IN ('confirmed','in_use','completed','no_show')));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM apply_booking_usage(-1, (SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o WHERE o.status IN ('confirmed','in_use','completed','no_show')));
  ELSE
    -- only rows whose counted facts changed (a reminder stamp or a decision reason changes nothing)
    PERFORM apply_booking_usage(-1, (SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o JOIN new_rows n USING (id)
      WHERE o.status IN ('confirmed','in_use','completed','no_show')
        AND (o.status, o.during, o.actual_start, o.actual_end, o.external, o.price_fen, o.user_org_id, o.instrument_id)
            IS DISTINCT FROM (n.status, n.during, n.actual_start, n.actual_end, n.external, n.price_fen, n.user_org_id, n.instrument_id)));
    PERFORM apply_booking_usage(1, (SELECT jsonb_agg(to_jsonb(n)) FROM old_rows o JOIN new_rows n USING (id)
      WHERE n.status IN ('confirmed','in_use','completed','no_show')
        AND (o.status, o.during, o.actual_start, o.actual_end, o.external, o.price_fen, o.user_org_id, o.instrument_id)
            IS DISTINCT FROM (n.status, n.during, n.actual_start, n.actual_end, n.external, n.price_fen, n.user_org_id, n.instrument_id)));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER bookings_usage_insert AFTER INSERT ON bookings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bookings_usage_rollup();
CREATE TRIGGER bookings_usage_update AFTER UPDATE ON bookings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bookings_usage_rollup();
CREATE TRIGGER bookings_usage_delete AFTER DELETE ON bookings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bookings_usage_rollup();

-- The rollup recomputed from scratch: after a bulk load with the triggers disabled, or to check them.
CREATE FUNCTION rebuild_instrument_usage() RETURNS void LANGUAGE sql AS $$
  DELETE FROM instrument_usage_months;
  DELETE FROM instrument_usage_outside;
  DELETE FROM instrument_usage_years;
  DELETE FROM instrument_usage_outside_years;
  INSERT INTO instrument_usage_months (instrument_id, month, booked_secs, work_secs, external_secs, income_fen)
  SELECT b.instrument_id, u.month, sum(u.booked_secs), sum(u.work_secs), sum(u.external_secs), sum(u.income_fen)
  FROM bookings b CROSS JOIN LATERAL booking_usage(b.status, b.during, b.actual_start, b.actual_end, b.external, b.price_fen) u
  WHERE b.status IN ('confirmed','in_use','completed','no_show')
  GROUP BY 1, 2
  HAVING sum(u.booked_secs) <> 0 OR sum(u.work_secs) <> 0 OR sum(u.income_fen) <> 0;
  INSERT INTO instrument_usage_years (instrument_id, year, booked_secs, work_secs, external_secs, income_fen)
  SELECT instrument_id, date_trunc('year', month)::date, sum(booked_secs), sum(work_secs), sum(external_secs), sum(income_fen)
  FROM instrument_usage_months GROUP BY 1, 2;
  INSERT INTO instrument_usage_outside (instrument_id, month, user_org_id, bookings)
  SELECT b.instrument_id, date_trunc('month', b.actual_start AT TIME ZONE 'Asia/Shanghai')::date, b.user_org_id, count(*)
  FROM bookings b
  WHERE b.status = 'completed' AND b.external AND b.user_org_id IS NOT NULL AND b.actual_start IS NOT NULL
  GROUP BY 1, 2, 3;
  INSERT INTO instrument_usage_outside_years (instrument_id, year, user_org_id, bookings)
  SELECT instrument_id, date_trunc('year', month)::date, user_org_id, sum(bookings) FROM instrument_usage_outside GROUP BY 1, 2, 3;
$$;
