-- Dashboards and the portal's front page (issue 14, items 4 and 6).
--
-- indicator_breakdowns (statistics): the market entities of a scope split by category and by district, kept current
-- from the directory's events like the computed indicators (not counted per page view). One row per scope,
-- dimension and code; dimension 'total' holds the scope's own count (code '').
CREATE TABLE indicator_breakdowns (
  scope     text NOT NULL CHECK (scope ~ '^(chongqing|district:[0-9]{6}|cluster:[a-z0-9-]{1,64})$'),
  dimension text NOT NULL CHECK (dimension IN ('total','category','district')),
  code      text NOT NULL DEFAULT '',
  value     numeric NOT NULL CHECK (value >= 0),
  as_of     date NOT NULL,
  PRIMARY KEY (scope, dimension, code)
);

-- notices (portal): 通知公告 posted by the city office (district_code NULL) or a district office (its district).
CREATE TABLE notices (
  id            bigserial PRIMARY KEY,
  title         text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 100),
  body          text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
  district_code text CHECK (district_code ~ '^[0-9]{6}$'),
  link          text CHECK (link ~ '^/[^/]'),
  published_at  timestamptz NOT NULL DEFAULT now(),
  created_by    bigint REFERENCES users(id),
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notices_newest_idx ON notices (published_at DESC, id DESC);
