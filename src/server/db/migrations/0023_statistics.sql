-- Statistics (issue 14): the indicator system (指标体系). An indicator is identified as targets.json identifies
-- it: (indicator, scope, category), category '' for none, so the key is a plain unique constraint. Targets and
-- baselines hang off it; values are kept per period with where each came from (computed from the platform's own
-- records, surveyed, or entered by an office).
CREATE TABLE indicators (
  id            bigserial PRIMARY KEY,
  indicator     text NOT NULL CHECK (indicator ~ '^[a-z][a-z0-9_]{1,63}$'),
  scope         text NOT NULL CHECK (scope ~ '^(chongqing|district:[0-9]{6}|cluster:[a-z0-9-]{1,64})$'),
  category      text NOT NULL DEFAULT '',
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  definition_zh text NOT NULL DEFAULT '',
  definition_en text NOT NULL DEFAULT '',
  unit          text NOT NULL CHECK (unit IN ('count','people','yuan','m2','person-times','percent')),
  method        text NOT NULL CHECK (method IN ('computed','surveyed','entered')),
  source        text,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indicator, scope, category)
);

CREATE TABLE indicator_targets (
  indicator_id bigint NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  year         int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  value        numeric NOT NULL CHECK (value >= 0),
  source       text,
  PRIMARY KEY (indicator_id, year)
);

CREATE TABLE indicator_baselines (
  indicator_id bigint NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  year         int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  value        numeric NOT NULL CHECK (value >= 0),
  source       text,
  PRIMARY KEY (indicator_id, year)
);

-- One row per indicator and period: a computed figure rewrites its current month's row as the records change,
-- so the months before it are the trend. as_of orders periods of different lengths (2025, 2026-Q3, 2026-11).
CREATE TABLE indicator_values (
  indicator_id bigint NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  period       text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4]|-[01][0-9])?$'),
  as_of        date NOT NULL,
  value        numeric NOT NULL CHECK (value >= 0),
  origin       text NOT NULL CHECK (origin IN ('computed','surveyed','entered')),
  note         text,
  recorded_by  bigint REFERENCES users(id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (indicator_id, period)
);
CREATE INDEX indicator_values_latest_idx ON indicator_values (indicator_id, as_of DESC, recorded_at DESC);
