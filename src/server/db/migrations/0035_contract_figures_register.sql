-- The technology contract register and its figures at 200,000 contracts (issue 12 point 9; docs/PERFORMANCE.md).

-- 1. The figures from a kept roll-up. Registered amounts per Beijing month and one breakdown's key: one row per
-- (breakdown, month, key), so a breakdown is a sum over at most months × keys rows instead of a GROUP BY over every
-- registered contract. Kept exact in the registration's, amendment's and cancellation's own transaction by an
-- UPSERT adding the contract's contribution (+1 / −1): two processes registering at once each add theirs under the
-- row's lock. A single cube of all seven breakdowns was measured at the benchmark's scale and is almost as large as
-- the contracts themselves (every contract its own cell): see PERFORMANCE.md. `month` is read from the `type` rows
-- (every registered contract has exactly one row in each breakdown).
CREATE TABLE contract_figures (
  breakdown        text NOT NULL CHECK (breakdown IN ('type','field','district','station','sellerNature','buyerNature')),
  month            date NOT NULL,                       -- the first day of the Beijing month of registration
  key              text NOT NULL,                       -- '' for a contract without the field
  contracts        bigint NOT NULL DEFAULT 0,
  amount_fen       bigint NOT NULL DEFAULT 0,          -- 合同成交额
  tech_amount_fen  bigint NOT NULL DEFAULT 0,          -- 技术交易额
  PRIMARY KEY (breakdown, month, key)
);
-- the existing registered contracts (the same keys as repository.ts FIGURE_KEYS)
INSERT INTO contract_figures (breakdown, month, key, contracts, amount_fen, tech_amount_fen)
SELECT k.breakdown, date_trunc('month', x.registered_at AT TIME ZONE 'Asia/Shanghai')::date, k.key,
  count(*), coalesce(sum(x.amount_fen), 0), coalesce(sum(x.tech_amount_fen), 0)
FROM contracts x LEFT JOIN contract_stations s ON s.id = x.station_id
CROSS JOIN LATERAL (VALUES
  ('type', coalesce(x.contract_type, '')),
  ('field', coalesce(x.tech_field, '')),
  ('district', coalesce(x.seller_division_code, '')),
  ('station', coalesce(s.code, '')),
  ('sellerNature', coalesce(x.seller->>'nature', '')),
  ('buyerNature', coalesce(x.buyer->>'nature', ''))) k(breakdown, key)
WHERE x.status = 'registered'
GROUP BY 1, 2, 3;

-- 2. The register's order as one key, so that every list is one index walk: the contracts on the clock first, by
-- deadline (soonest first); then every other one by its decision, or for those without one (drafts, corrections) its
-- latest change, newest first. (Ordering every contract by its deadline, as before, walked past 190,000 decided
-- contracts to find 20 open ones.) Seconds since 2000 are negative; deadlines sit far below them.
ALTER TABLE contracts ADD COLUMN register_order double precision GENERATED ALWAYS AS (
  CASE WHEN status IN ('submitted','accepted','under_review','expert_review') AND deadline IS NOT NULL
    THEN -1e12 + (deadline - date '2000-01-01')
    ELSE -extract(epoch FROM (coalesce(decided_at, updated_at) - timestamptz '2000-01-01 00:00:00+00')) END) STORED;
-- Each walk's index carries the other filters' columns (INCLUDE), so that the bounded count of a filter is an
-- index-only scan and does not visit the table.
CREATE INDEX contracts_register_order_idx ON contracts (register_order, id DESC) INCLUDE (status, contract_type, station_id, seller_division_code);
-- a state filter (the registered, the rejected) walks only its own state's entries
CREATE INDEX contracts_status_order_idx ON contracts (status, register_order, id DESC) INCLUDE (contract_type, station_id, seller_division_code);
-- the scopes of a station's staff and of a district office, and the filters by them, walk their own slice in order
CREATE INDEX contracts_station_order_idx ON contracts (station_id, register_order, id DESC) INCLUDE (status, contract_type, seller_division_code);
CREATE INDEX contracts_district_order_idx ON contracts (seller_division_code, register_order, id DESC) INCLUDE (status, contract_type, station_id);
-- the parties' own lists
DROP INDEX IF EXISTS contracts_seller_idx;
CREATE INDEX contracts_seller_idx ON contracts (seller_org_id, register_order, id DESC);
DROP INDEX IF EXISTS contracts_buyer_idx;
CREATE INDEX contracts_buyer_idx ON contracts (buyer_org_id, register_order, id DESC);

-- 3. Text search on the project's and the parties' names through the shared pipeline (fold + segment, as the
-- market's): a two-character word such as 隧道 has no trigram, so only a segmented document can answer it from an
-- index. The pipeline is JavaScript (jieba): every write fills the column, and the module's start fills the rows
-- that existed before this migration (search_document IS NULL), in batches.
ALTER TABLE contracts ADD COLUMN search_document tsvector;
CREATE INDEX contracts_search_idx ON contracts USING gin (search_document);
CREATE INDEX contracts_search_pending_idx ON contracts (id) WHERE search_document IS NULL;

-- 4. The stations' workload reads a period's submissions and decisions by station and state: with those columns in
-- the period indexes (0029's, without them), a year's 40,000 decisions are an index-only scan instead of a visit to
-- each row.
DROP INDEX IF EXISTS contracts_submitted_idx;
CREATE INDEX contracts_submitted_idx ON contracts (submitted_at) INCLUDE (station_id, status, seller_division_code) WHERE submitted_at IS NOT NULL;
DROP INDEX IF EXISTS contracts_decided_idx;
CREATE INDEX contracts_decided_idx ON contracts (decided_at) INCLUDE (station_id, status, clock_started_on, seller_division_code) WHERE decided_at IS NOT NULL;
-- and the contracts on the clock now, by station (their deadline against today)
DROP INDEX IF EXISTS contracts_status_idx;
CREATE INDEX contracts_status_idx ON contracts (status, deadline) INCLUDE (station_id, seller_division_code);
