-- 服务订单 Service orders (orders module): request → quote → confirm → deliver → accept → paid, with
-- the contract, milestones, deliverables, a message thread, files kept with the order, and both sides' ratings.
-- The service's title, category and restriction are snapshots taken at the request: a later edit of the
-- catalogue does not change what was ordered.
CREATE TABLE orders (
  id                  bigserial PRIMARY KEY,
  order_no            text NOT NULL UNIQUE,
  service_id          bigint NOT NULL,
  buyer_org_id        bigint NOT NULL REFERENCES orgs(id),
  provider_org_id     bigint NOT NULL REFERENCES orgs(id),
  district_code       text,
  title               text NOT NULL,
  category_code       text NOT NULL,
  restricted_kind     text,
  requirement         text NOT NULL,
  status              text NOT NULL DEFAULT 'requested'
                      CHECK (status IN ('requested','quoted','confirmed','delivered','accepted','disputed','paid','cancelled')),
  quote               jsonb,
  total_fen           bigint NOT NULL DEFAULT 0 CHECK (total_fen >= 0),
  voucher_id          bigint,
  voucher_fen         bigint NOT NULL DEFAULT 0,
  contract_file_id    bigint,
  invoice_no          text,
  payment_proof_file_id bigint,
  paid_at             timestamptz,
  accepted_at         timestamptz,
  confirmed_at        timestamptz,
  delivered_at        timestamptz,
  dispute_reason      text,
  cancel_reason       text,
  buyer_rating        smallint CHECK (buyer_rating BETWEEN 1 AND 5),
  buyer_comment       text,
  provider_rating     smallint CHECK (provider_rating BETWEEN 1 AND 5),
  provider_comment    text,
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  CONSTRAINT orders_voucher_share CHECK (voucher_fen BETWEEN 0 AND total_fen),
  CONSTRAINT orders_voucher_named CHECK (voucher_fen = 0 OR voucher_id IS NOT NULL),
  CONSTRAINT orders_not_own CHECK (buyer_org_id <> provider_org_id)
);
CREATE INDEX orders_buyer_idx ON orders (buyer_org_id, updated_at DESC);
CREATE INDEX orders_provider_idx ON orders (provider_org_id, updated_at DESC);
CREATE INDEX orders_district_idx ON orders (district_code, updated_at DESC);
CREATE INDEX orders_voucher_idx ON orders (voucher_id) WHERE voucher_id IS NOT NULL;

-- the number of the day's orders (FW20261201-000123): one counter row per Beijing day
CREATE TABLE order_numbers (
  day   date PRIMARY KEY,
  last  integer NOT NULL
);

-- files of an order: the contract, deliverables, proofs of payment (bytes checked on upload)
CREATE TABLE order_files (
  id            bigserial PRIMARY KEY,
  order_id      bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  purpose       text NOT NULL CHECK (purpose IN ('contract','deliverable','payment_proof')),
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL,
  content       bytea NOT NULL,
  uploaded_by   bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_files_order_idx ON order_files (order_id);

CREATE TABLE order_milestones (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  title       text NOT NULL,
  due_on      date,
  done_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_milestones_order_idx ON order_milestones (order_id);

-- one delivery (note) per round; its files are order_files rows named by deliverable_files
CREATE TABLE order_deliverables (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  round       integer NOT NULL,
  note        text NOT NULL,
  file_ids    bigint[] NOT NULL DEFAULT '{}',
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_deliverables_order_idx ON order_deliverables (order_id);

CREATE TABLE order_messages (
  id             bigserial PRIMARY KEY,
  order_id       bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  author_id      bigint REFERENCES users(id),
  author_org_id  bigint,
  body           text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_messages_order_idx ON order_messages (order_id, id);
