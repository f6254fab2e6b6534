-- Vouchers (issue 11 leftovers): an office cancels a voucher with a reason (its unused balance goes back to the
-- scheme's budget through the ledger); a payment batch fixes each claim's city and district shares when the claim
-- joins it (from the scheme's city_share_pct then), so the finance office's list does not change if the scheme does.
ALTER TABLE vouchers ADD COLUMN cancelled_at timestamptz;
ALTER TABLE vouchers ADD COLUMN cancelled_by bigint REFERENCES users(id);
ALTER TABLE vouchers ADD COLUMN cancel_reason text;

ALTER TABLE voucher_claims ADD COLUMN city_fen bigint;
ALTER TABLE voucher_claims ADD COLUMN district_fen bigint;
ALTER TABLE voucher_claims ADD CONSTRAINT voucher_claims_shares_add_up
  CHECK ((city_fen IS NULL AND district_fen IS NULL)
      OR (city_fen >= 0 AND district_fen >= 0 AND city_fen + district_fen = amount_fen));
