-- Organization relations (issue 11): a voucher may not pay a provider related to its holder — the same
-- organization, a parent or subsidiary, or one with the same legal representative. Incubation (an incubator and
-- the start-up teams it hosts) is a relation too: voucher eligibility reads it.
ALTER TABLE orgs ADD COLUMN legal_representative text;
CREATE INDEX orgs_legal_representative_idx ON orgs (legal_representative) WHERE legal_representative IS NOT NULL;

CREATE TABLE org_relations (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('parent_of','incubates')),
  from_org_id     bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  to_org_id       bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (from_org_id <> to_org_id),
  UNIQUE (kind, from_org_id, to_org_id)
);
CREATE INDEX org_relations_to_idx ON org_relations (to_org_id);
