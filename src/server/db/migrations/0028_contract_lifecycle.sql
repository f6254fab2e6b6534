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
