-- Surveys (issue 14, item 3: 统计调查制度). A report form is data (its fields, types, ranges, XLSForm constraints
-- and relevant conditions in `definition`), versioned per code: a round keeps the version it was launched with.
-- A round asks a population chosen from the directory for one period; each organization of it has one filing,
-- whose every change is in entity_history and whose decisions are in the audit trail. An accepted filing's
-- `figures` (indicator code → value, from the fields the form binds to indicators) are what the statistics sum.
CREATE TABLE survey_forms (
  id          bigserial PRIMARY KEY,
  code        text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
  version     int NOT NULL CHECK (version >= 1),
  title_zh    text NOT NULL,
  title_en    text NOT NULL,
  definition  jsonb NOT NULL,
  origin      text NOT NULL CHECK (origin IN ('shipped','upload')),
  filename    text,
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);

CREATE TABLE survey_rounds (
  id             bigserial PRIMARY KEY,
  form_id        bigint NOT NULL REFERENCES survey_forms(id),
  title_zh       text NOT NULL,
  title_en       text NOT NULL,
  frequency      text NOT NULL CHECK (frequency IN ('annual','quarterly','monthly')),
  period         text NOT NULL,
  -- a district office's round asks its own district only; NULL: the city's
  district_code  text CHECK (district_code ~ '^[0-9]{6}$'),
  population     jsonb NOT NULL,
  deadline       date NOT NULL,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((frequency = 'annual' AND period ~ '^[0-9]{4}$')
      OR (frequency = 'quarterly' AND period ~ '^[0-9]{4}-Q[1-4]$')
      OR (frequency = 'monthly' AND period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'))
);

CREATE TABLE survey_filings (
  id             bigserial PRIMARY KEY,
  round_id       bigint NOT NULL REFERENCES survey_rounds(id),
  org_id         bigint NOT NULL REFERENCES orgs(id),
  -- the organization as the round found it: who reviews (its district) and what its figures add to
  org_name       text NOT NULL,
  district_code  text,
  cluster_id     text,
  categories     text[] NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','draft','submitted','returned','accepted')),
  "values"       jsonb NOT NULL DEFAULT '{}',
  confirmations  jsonb NOT NULL DEFAULT '{}',
  figures        jsonb NOT NULL DEFAULT '{}',
  reason         text,
  version        int NOT NULL DEFAULT 1,
  submitted_at   timestamptz,
  submitted_by   bigint REFERENCES users(id),
  decided_at     timestamptz,
  decided_by     bigint REFERENCES users(id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (round_id, org_id),
  CHECK (status <> 'returned' OR reason IS NOT NULL)
);
CREATE INDEX survey_filings_org_idx ON survey_filings (org_id, round_id);
CREATE INDEX survey_filings_review_idx ON survey_filings (status, district_code);
CREATE INDEX survey_filings_round_idx ON survey_filings (round_id, status, district_code);
