-- Innovation vouchers (科技创新券, issue 11): schemes with a budget ledger, applications, vouchers, their use on
-- an order (reserved at checkout) and the provider's claims (兑付) through review, public notice and payment batches.
-- The ledger's invariant lives in the database: the four buckets never go below zero, and together never above the
-- budget, whatever runs at the same time (every move is one checked UPDATE of the scheme's row).

CREATE TABLE voucher_schemes (
  id                    bigserial PRIMARY KEY,
  name                  text NOT NULL,
  district_code         text REFERENCES divisions(code),  -- null: a city scheme; set: co-funded with this district
  description           text,
  eligibility           jsonb NOT NULL,                   -- rules as data (eligibility.ts), evaluated over the org profile
  max_share_pct         int NOT NULL CHECK (max_share_pct BETWEEN 1 AND 100),
  yearly_cap_fen        bigint NOT NULL CHECK (yearly_cap_fen > 0),
  team_yearly_cap_fen   bigint NOT NULL CHECK (team_yearly_cap_fen > 0),
  validity_months       int NOT NULL CHECK (validity_months BETWEEN 1 AND 36),
  eligible_categories   text[] NOT NULL DEFAULT '{}',     -- empty: every service category
  eligible_provider_ids bigint[] NOT NULL DEFAULT '{}',   -- empty: every registered provider
  excluded_kinds        text[] NOT NULL,
  city_share_pct        int NOT NULL CHECK (city_share_pct BETWEEN 0 AND 100),
  notice_days           int NOT NULL CHECK (notice_days BETWEEN 1 AND 60),
  budget_fen            bigint NOT NULL CHECK (budget_fen > 0),
  allocated_fen         bigint NOT NULL DEFAULT 0,        -- issued, not yet spent
  reserved_fen          bigint NOT NULL DEFAULT 0,        -- applied to an order, not yet approved
  redeemed_fen          bigint NOT NULL DEFAULT 0,        -- claim approved, not yet paid
  paid_fen              bigint NOT NULL DEFAULT 0,
  status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  created_by            bigint REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               int NOT NULL DEFAULT 1,
  CONSTRAINT voucher_schemes_ledger_bounds CHECK (
    allocated_fen >= 0 AND reserved_fen >= 0 AND redeemed_fen >= 0 AND paid_fen >= 0
    AND allocated_fen + reserved_fen + redeemed_fen + paid_fen <= budget_fen)
);

CREATE TABLE voucher_applications (
  id              bigserial PRIMARY KEY,
  scheme_id       bigint NOT NULL REFERENCES voucher_schemes(id),
  holder_org_id   bigint NOT NULL REFERENCES orgs(id),
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  purpose         text NOT NULL,
  status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','approved','rejected')),
  eligibility     jsonb NOT NULL,                         -- the checks as they stood when applied
  reason          text,
  created_by      bigint REFERENCES users(id),
  decided_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  decided_at      timestamptz
);
CREATE INDEX voucher_applications_scheme_idx ON voucher_applications (scheme_id, status);
CREATE INDEX voucher_applications_holder_idx ON voucher_applications (holder_org_id);
-- one open application per holder and scheme
CREATE UNIQUE INDEX voucher_applications_open_idx ON voucher_applications (scheme_id, holder_org_id) WHERE status = 'submitted';

CREATE TABLE vouchers (
  id              bigserial PRIMARY KEY,
  voucher_no      text NOT NULL UNIQUE,
  scheme_id       bigint NOT NULL REFERENCES voucher_schemes(id),
  holder_org_id   bigint NOT NULL REFERENCES orgs(id),
  application_id  bigint REFERENCES voucher_applications(id),
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  balance_fen     bigint NOT NULL,                        -- not yet applied to an order
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active','expired','cancelled')),
  issued_year     int NOT NULL,                           -- the Beijing year of issue, for the yearly cap
  valid_until     date NOT NULL,
  issued_by       bigint REFERENCES users(id),
  issued_at       timestamptz NOT NULL DEFAULT now(),
  expired_at      timestamptz,
  CHECK (balance_fen >= 0 AND balance_fen <= amount_fen)
);
CREATE INDEX vouchers_holder_idx ON vouchers (holder_org_id, scheme_id, issued_year);
CREATE INDEX vouchers_scheme_idx ON vouchers (scheme_id);
CREATE INDEX vouchers_expiry_idx ON vouchers (valid_until) WHERE status = 'active';

-- a voucher applied to an order (checkout): the share it pays, from reserved to redeemed to paid, or released
CREATE TABLE voucher_uses (
  id              bigserial PRIMARY KEY,
  voucher_id      bigint NOT NULL REFERENCES vouchers(id),
  order_id        bigint NOT NULL,                        -- the orders module's order (named through its face)
  provider_org_id bigint NOT NULL REFERENCES orgs(id),
  category_code   text,                                   -- the service's category, for the statistics by category
  share_fen       bigint NOT NULL CHECK (share_fen > 0),
  status          text NOT NULL DEFAULT 'reserved' CHECK (status IN ('reserved','redeemed','paid','released')),
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  released_at     timestamptz
);
CREATE UNIQUE INDEX voucher_uses_order_idx ON voucher_uses (order_id) WHERE status <> 'released';
CREATE INDEX voucher_uses_voucher_idx ON voucher_uses (voucher_id);

CREATE TABLE voucher_payment_batches (
  id              bigserial PRIMARY KEY,
  batch_no        text NOT NULL UNIQUE,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open','paid')),
  total_fen       bigint NOT NULL DEFAULT 0,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  paid_at         timestamptz
);

-- the provider's claim (兑付), assembled from the order: evidence is a copy of what the order holds at submission
CREATE TABLE voucher_claims (
  id              bigserial PRIMARY KEY,
  claim_no        text NOT NULL UNIQUE,
  use_id          bigint NOT NULL REFERENCES voucher_uses(id),
  voucher_id      bigint NOT NULL REFERENCES vouchers(id),
  scheme_id       bigint NOT NULL REFERENCES voucher_schemes(id),
  order_id        bigint NOT NULL,
  provider_org_id bigint NOT NULL REFERENCES orgs(id),
  holder_org_id   bigint NOT NULL REFERENCES orgs(id),
  district_code   text,                                   -- the holder's district: whose office reviews it
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  evidence        jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','returned','in_notice','rejected','approved','batched','paid')),
  return_reason   text,
  notice_until    timestamptz,
  batch_id        bigint REFERENCES voucher_payment_batches(id),
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  decided_at      timestamptz,
  paid_at         timestamptz,
  version         int NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX voucher_claims_use_idx ON voucher_claims (use_id) WHERE status <> 'rejected';
CREATE INDEX voucher_claims_status_idx ON voucher_claims (status, district_code);
CREATE INDEX voucher_claims_provider_idx ON voucher_claims (provider_org_id);

CREATE TABLE voucher_claim_objections (
  id              bigserial PRIMARY KEY,
  claim_id        bigint NOT NULL REFERENCES voucher_claims(id),
  name            text NOT NULL,
  contact         text NOT NULL,
  reason          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voucher_claim_objections_claim_idx ON voucher_claim_objections (claim_id);

-- every move of money between the ledger's buckets; the scheme's four totals are their running sum
CREATE TABLE voucher_ledger_entries (
  id              bigserial PRIMARY KEY,
  scheme_id       bigint NOT NULL REFERENCES voucher_schemes(id),
  voucher_id      bigint REFERENCES vouchers(id),
  claim_id        bigint REFERENCES voucher_claims(id),
  order_id        bigint,
  from_bucket     text NOT NULL CHECK (from_bucket IN ('available','allocated','reserved','redeemed')),
  to_bucket       text NOT NULL CHECK (to_bucket IN ('available','allocated','reserved','redeemed','paid')),
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  reason          text NOT NULL,
  actor_id        bigint,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voucher_ledger_scheme_idx ON voucher_ledger_entries (scheme_id, created_at);
