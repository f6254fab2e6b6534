-- The technology contract register at 200,000 contracts (issue 12 point 9, bench/contracts.ts, docs/PERFORMANCE.md):
-- trigram indexes for the register's text search on the project's and the parties' names (ILIKE '%…%' of three or
-- more characters), which otherwise reads every row. (An index on the register's order — deadline, then the latest
-- change — was tried and left out: the planner walked it past the 190,000 decided contracts to find the few open
-- ones, 2 s for a state filter instead of 0.1 s; see PERFORMANCE.md.)
CREATE INDEX contracts_project_trgm_idx ON contracts USING gin (project_name gin_trgm_ops);
CREATE INDEX contracts_seller_name_trgm_idx ON contracts USING gin ((seller->>'name') gin_trgm_ops);
CREATE INDEX contracts_buyer_name_trgm_idx ON contracts USING gin ((buyer->>'name') gin_trgm_ops);
-- The stations' workload reads a period's submissions and decisions: without these, two scans of every contract.
CREATE INDEX contracts_submitted_idx ON contracts (submitted_at) WHERE submitted_at IS NOT NULL;
CREATE INDEX contracts_decided_idx ON contracts (decided_at) WHERE decided_at IS NOT NULL;
