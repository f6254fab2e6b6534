-- Foundation: accounts, sessions, outbox, change history, reference data, directory.
-- One script for both engines (PGlite 17 and PostgreSQL 15+): only features both have.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- ------------------------------------------------------------------ reference data
CREATE TABLE service_categories (
  code            text PRIMARY KEY,
  name_zh         text NOT NULL,
  name_en         text NOT NULL,
  national_class  text NOT NULL,        -- 国家科技服务业统计分类 (2018) top class
  industry_codes  text[] NOT NULL DEFAULT '{}', -- GB/T 4754 codes the category maps onto
  sort_order      int NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE divisions (
  code            text PRIMARY KEY,     -- GB/T 2260, 6 digits
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('district','county','autonomous_county')),
  valid_from      date,
  valid_to        date,                 -- the day it was abolished; NULL while current
  successor_code  text REFERENCES divisions(code),
  provisional     boolean NOT NULL DEFAULT false, -- code not yet published officially
  note            text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE management_areas (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  division_codes  text[] NOT NULL DEFAULT '{}',
  note            text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE clusters (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  core_park       text,
  focus           text[] NOT NULL DEFAULT '{}',
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- ------------------------------------------------------------------ directory
CREATE TABLE orgs (
  id              bigserial PRIMARY KEY,
  uscc            text NOT NULL UNIQUE CHECK (length(uscc) = 18),
  name            text NOT NULL,
  former_names    text[] NOT NULL DEFAULT '{}',
  kinds           text[] NOT NULL DEFAULT '{}',
  categories      text[] NOT NULL DEFAULT '{}',
  district_code   text REFERENCES divisions(code),
  cluster_id      text REFERENCES clusters(id),
  address         text,
  contact_person  text,
  contact_phone   text,
  contact_email   text,
  founded_on      date,
  employees       int CHECK (employees >= 0),
  revenue_band    text,
  description     text,
  website         text,
  version         int NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- search columns, written by the application's text pipeline (fold + segment)
  name_folded     text NOT NULL,
  name_pinyin     text NOT NULL,
  search_document tsvector NOT NULL
);
CREATE INDEX orgs_search_document_idx ON orgs USING gin (search_document);
CREATE INDEX orgs_name_folded_trgm_idx ON orgs USING gin (name_folded gin_trgm_ops);
CREATE INDEX orgs_name_pinyin_trgm_idx ON orgs USING gin (name_pinyin gin_trgm_ops);
CREATE INDEX orgs_categories_idx ON orgs USING gin (categories);
CREATE INDEX orgs_kinds_idx ON orgs USING gin (kinds);
CREATE INDEX orgs_district_idx ON orgs (district_code);
CREATE INDEX orgs_cluster_idx ON orgs (cluster_id);
CREATE INDEX orgs_updated_idx ON orgs (updated_at DESC, id DESC);

CREATE TABLE org_recognitions (
  id              bigserial PRIMARY KEY,
  org_id          bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  kind            text NOT NULL,
  valid_from      date,
  valid_to        date,
  certificate_no  text,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX org_recognitions_org_idx ON org_recognitions (org_id);
CREATE INDEX org_recognitions_kind_idx ON org_recognitions (kind, valid_to);

-- ------------------------------------------------------------------ accounts
CREATE TABLE users (
  id              bigserial PRIMARY KEY,
  username        text NOT NULL UNIQUE,
  password_hash   text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin','district_admin','org_member')),
  display_name    text NOT NULL,
  org_id          bigint REFERENCES orgs(id),
  district_code   text REFERENCES divisions(code),
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'org_member' OR org_id IS NOT NULL),
  CHECK (role <> 'district_admin' OR district_code IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash      text PRIMARY KEY,     -- sha256 of the cookie value; the raw token is never stored
  user_id         bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- ------------------------------------------------------------------ domain events (transactional outbox)
CREATE TABLE outbox_events (
  id              bigserial PRIMARY KEY,
  txid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
  type            text NOT NULL,
  aggregate_type  text NOT NULL,
  aggregate_id    text NOT NULL,
  payload         jsonb NOT NULL,
  actor_id        bigint,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_events_order_idx ON outbox_events (txid, id);

CREATE TABLE event_consumers (
  name            text PRIMARY KEY,
  last_txid       xid8 NOT NULL DEFAULT '0',
  last_id         bigint NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- ------------------------------------------------------------------ change history (who, when, before, after)
CREATE TABLE entity_history (
  id              bigserial PRIMARY KEY,
  entity_type     text NOT NULL,
  entity_id       text NOT NULL,
  action          text NOT NULL,
  actor_id        bigint,
  actor_name      text,
  at              timestamptz NOT NULL DEFAULT now(),
  before          jsonb,
  after           jsonb
);
CREATE INDEX entity_history_entity_idx ON entity_history (entity_type, entity_id, id);

-- ------------------------------------------------------------------ imports and published lists
CREATE TABLE org_imports (
  id              text PRIMARY KEY,
  filename        text NOT NULL,
  dry_run         boolean NOT NULL,
  status          text NOT NULL CHECK (status IN ('running','done','failed')),
  total_rows      int NOT NULL DEFAULT 0,
  processed_rows  int NOT NULL DEFAULT 0,
  ok_rows         int NOT NULL DEFAULT 0,
  error_rows      int NOT NULL DEFAULT 0,
  created_rows    int NOT NULL DEFAULT 0,
  errors          jsonb NOT NULL DEFAULT '[]',
  failure         jsonb,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);

CREATE TABLE publications (
  id              bigserial PRIMARY KEY,
  number          text NOT NULL UNIQUE,  -- e.g. 2026-003
  year            int NOT NULL,
  seq             int NOT NULL,
  title           text NOT NULL,
  filters         jsonb NOT NULL,
  org_count       int NOT NULL,
  published_by    bigint REFERENCES users(id),
  published_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, seq)
);
CREATE TABLE publication_rows (
  publication_id  bigint NOT NULL REFERENCES publications(id),
  position        int NOT NULL,
  data            jsonb NOT NULL,
  PRIMARY KEY (publication_id, position)
);
-- A published version never changes: the database refuses edits, not just the API.
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published lists are immutable' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER publications_immutable BEFORE UPDATE OR DELETE ON publications
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER publication_rows_immutable BEFORE UPDATE OR DELETE ON publication_rows
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
