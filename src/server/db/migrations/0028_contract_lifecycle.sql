-- Technology contracts' lifecycle (issue 12, points 1, 3, 5, 7): the signed contract as an attached PDF.

-- the signed contract (合同文本), one per contract: a re-upload replaces it (history keeps each file's name and hash)
CREATE TABLE contract_documents (
  contract_id  bigint PRIMARY KEY REFERENCES contracts(id),
  filename     text NOT NULL,
  size         int NOT NULL CHECK (size > 0),
  sha256       text NOT NULL,
  content      bytea NOT NULL,
  uploaded_by  bigint REFERENCES users(id),
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);

-- the buyer's answer (point 7): a buyer on the platform confirms the submitted content, or disputes it with a
-- reason (the contract is then disputed and goes to expert review); the station accepts only once it answered
ALTER TABLE contracts ADD COLUMN buyer_answer text CHECK (buyer_answer IN ('confirmed','disputed'));
ALTER TABLE contracts ADD COLUMN buyer_answered_at timestamptz;
ALTER TABLE contracts ADD COLUMN buyer_dispute_reason text;

-- amending or cancelling a registered contract (point 5): its own reviewed step. The seller asks (the changed
-- fields, or the reason to cancel), the contract's station approves or refuses with a reason; an approved
-- amendment changes the record (before/after kept here and in history), an approved cancellation sets `cancelled`.
ALTER TABLE contracts DROP CONSTRAINT IF EXISTS contracts_status_check;
ALTER TABLE contracts ADD CONSTRAINT contracts_status_check CHECK (status IN
  ('draft','submitted','needs_correction','accepted','under_review','expert_review','registered','rejected','cancelled'));
ALTER TABLE contracts ADD COLUMN cancelled_at timestamptz;
ALTER TABLE contracts DROP CONSTRAINT IF EXISTS contracts_check1;
ALTER TABLE contracts ADD CONSTRAINT contracts_number_check CHECK (status NOT IN ('registered','cancelled') OR registration_number IS NOT NULL);

CREATE TABLE contract_changes (
  id             bigserial PRIMARY KEY,
  contract_id    bigint NOT NULL REFERENCES contracts(id),
  kind           text NOT NULL CHECK (kind IN ('amend','cancel')),
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
  changes        jsonb,                               -- amend: the fields asked for, as the API takes them
  before         jsonb,                               -- amend: those fields as they were when approved
  reason         text NOT NULL,
  requested_by   bigint REFERENCES users(id),
  requested_at   timestamptz NOT NULL DEFAULT now(),
  decided_by     bigint REFERENCES users(id),
  decided_at     timestamptz,
  decision_note  text,
  CHECK (kind <> 'amend' OR changes IS NOT NULL)
);
-- one open request per contract at a time
CREATE UNIQUE INDEX contract_changes_pending_idx ON contract_changes (contract_id) WHERE status = 'pending';
