-- Technology contract registration (技术合同认定登记, issue 12): the registration stations (reference data owned by
-- the contracts module), their staff, the contracts with the fields of form JJ-001, the experts of an expert review
-- and the registration-number sequences. Station staff are an account role of their own.

ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin','district_admin','org_member','station_staff'));

CREATE TABLE contract_stations (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE,                 -- S01 … S31, in registration numbers
  name          text NOT NULL,
  district_code text REFERENCES divisions(code),      -- null: the city station
  serves        text[] NOT NULL DEFAULT '{}',         -- division codes routed here (the seller's district)
  host_org      text NOT NULL,
  address       text,
  phone         text,
  active        boolean NOT NULL DEFAULT true
);

CREATE TABLE contract_station_staff (
  station_id bigint NOT NULL REFERENCES contract_stations(id),
  user_id    bigint NOT NULL REFERENCES users(id),
  PRIMARY KEY (station_id, user_id)
);
CREATE INDEX contract_station_staff_user_idx ON contract_station_staff (user_id);

CREATE TABLE contracts (
  id                      bigserial PRIMARY KEY,
  deal_id                 bigint,                      -- the market's deal it was made from (through the market face)
  seller_org_id           bigint NOT NULL REFERENCES orgs(id),
  buyer_org_id            bigint REFERENCES orgs(id),  -- null: a buyer not on the platform
  station_id              bigint REFERENCES contract_stations(id),
  status                  text NOT NULL DEFAULT 'draft' CHECK (status IN
                            ('draft','submitted','needs_correction','accepted','under_review','expert_review','registered','rejected')),
  project_name            text,
  contract_type           text,
  sub_type                text,
  signed_on               date,
  valid_from              date,
  valid_until             date,
  seller                  jsonb NOT NULL DEFAULT '{}', -- {name, uscc, countryCode, divisionCode, nature}
  buyer                   jsonb NOT NULL DEFAULT '{}',
  seller_division_code    text,                        -- copied from seller for routing and the figures
  amount_fen              bigint CHECK (amount_fen >= 0),
  tech_amount_fen         bigint CHECK (tech_amount_fen >= 0),
  equipment_fen           bigint NOT NULL DEFAULT 0 CHECK (equipment_fen >= 0),
  parts_fen               bigint NOT NULL DEFAULT 0 CHECK (parts_fen >= 0),
  materials_fen           bigint NOT NULL DEFAULT 0 CHECK (materials_fen >= 0),
  tech_field              text,
  ip_type                 text,
  plan_source             text,
  new_investment_fen      bigint CHECK (new_investment_fen >= 0),
  new_output_fen          bigint CHECK (new_output_fen >= 0),
  disputed                boolean NOT NULL DEFAULT false,
  expert_required         boolean NOT NULL DEFAULT false,
  clock_started_on        date,                        -- the (re)submission day: the time limit counts from here
  deadline                date,
  correction_note         text,
  reject_reason           text,
  registration_number     text UNIQUE,
  registered_at           timestamptz,
  created_by              bigint REFERENCES users(id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  submitted_at            timestamptz,
  decided_at              timestamptz,
  version                 int NOT NULL DEFAULT 1,
  CHECK (tech_amount_fen IS NULL OR amount_fen IS NULL OR tech_amount_fen <= amount_fen),
  CHECK (status <> 'registered' OR registration_number IS NOT NULL)
);
CREATE INDEX contracts_status_idx ON contracts (status, deadline);
CREATE INDEX contracts_station_idx ON contracts (station_id, status);
CREATE INDEX contracts_seller_idx ON contracts (seller_org_id);
CREATE INDEX contracts_buyer_idx ON contracts (buyer_org_id);
CREATE INDEX contracts_registered_idx ON contracts (registered_at) WHERE status = 'registered';
CREATE UNIQUE INDEX contracts_deal_idx ON contracts (deal_id) WHERE deal_id IS NOT NULL;

CREATE TABLE contract_experts (
  contract_id  bigint NOT NULL REFERENCES contracts(id),
  expert_id    bigint NOT NULL,                        -- the market's expert (through the market face)
  expert_name  text NOT NULL,
  opinion      text,
  conclusion   text CHECK (conclusion IN ('register','reject')),
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  opined_at    timestamptz,
  PRIMARY KEY (contract_id, expert_id)
);

-- one row per station and year; the next number is one checked UPDATE … RETURNING under the row's lock
CREATE TABLE contract_numbers (
  station_id bigint NOT NULL REFERENCES contract_stations(id),
  year       int NOT NULL,
  last_seq   int NOT NULL,
  PRIMARY KEY (station_id, year)
);
