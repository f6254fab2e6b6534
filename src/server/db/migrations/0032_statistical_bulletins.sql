-- Statistical bulletins 统计信息发布 (issue 14 item 5; statistics/bulletins/).
--
-- bulletins: one row per bulletin, the office's working copy (title, lead, sections, the chosen indicators) and,
-- once published, its number. The number is given at the first publication and never changes: a correction is a
-- new version under the same number.
CREATE TABLE bulletins (
  id              bigserial PRIMARY KEY,
  scope           text NOT NULL CHECK (scope ~ '^(chongqing|district:[0-9]{6})$'),
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
  title           text NOT NULL CHECK (char_length(title) BETWEEN 4 AND 100),
  lead            text NOT NULL DEFAULT '' CHECK (char_length(lead) <= 2000),
  sections        jsonb NOT NULL DEFAULT '[]',
  indicator_ids   bigint[] NOT NULL DEFAULT '{}',
  number          text UNIQUE,
  number_year     int,
  number_seq      int,
  latest_version  int NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
  -- the working copy differs from the latest published version (a correction being prepared)
  pending         boolean NOT NULL DEFAULT true,
  version         int NOT NULL DEFAULT 1,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  first_published_at timestamptz,
  CHECK ((number IS NULL) = (latest_version = 0)),
  UNIQUE (scope, number_year, number_seq)
);
CREATE INDEX bulletins_scope_idx ON bulletins (scope, id DESC);

-- the last sequence number given per scope and year (渝科服统〔2026〕3号): one checked row, raised under its lock
CREATE TABLE bulletin_numbers (
  scope  text NOT NULL,
  year   int NOT NULL,
  last   int NOT NULL CHECK (last > 0),
  PRIMARY KEY (scope, year)
);

-- bulletin_versions: each publication as it was published — the text, the figures frozen at that moment, the
-- rendered PDF and xlsx. Immutable: the database refuses to change or remove a version.
CREATE TABLE bulletin_versions (
  bulletin_id     bigint NOT NULL REFERENCES bulletins(id),
  version         int NOT NULL CHECK (version >= 1),
  title           text NOT NULL,
  period          text NOT NULL,
  lead            text NOT NULL,
  sections        jsonb NOT NULL,
  figures         jsonb NOT NULL,
  correction_note text,
  published_at    timestamptz NOT NULL DEFAULT now(),
  published_by    bigint REFERENCES users(id),
  pdf             bytea NOT NULL,
  xlsx            bytea NOT NULL,
  PRIMARY KEY (bulletin_id, version),
  CHECK ((version = 1) = (correction_note IS NULL))
);
CREATE INDEX bulletin_versions_newest_idx ON bulletin_versions (published_at DESC);

CREATE FUNCTION bulletin_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published bulletin version is immutable (bulletin %, version %)', OLD.bulletin_id, OLD.version;
END $$;
CREATE TRIGGER bulletin_versions_immutable BEFORE UPDATE OR DELETE ON bulletin_versions
  FOR EACH ROW EXECUTE FUNCTION bulletin_versions_immutable();

-- the public list, a bulletin's page and the front page show published versions only, and every publication
-- (first or correction) inserts one: this table alone moves the 'bulletins' cache scope, so editing a draft
-- leaves the cached front page alone
SELECT cache_scope_triggers(t, 'bulletins') FROM unnest(ARRAY['bulletin_versions']) AS t;
