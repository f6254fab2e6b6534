/** The tables the vouchers module owns: no other module's SQL names them (npm run check:boundaries). */
export const VOUCHER_TABLES = [
  'voucher_schemes',
  'voucher_applications',
  'vouchers',
  'voucher_uses',
  'voucher_claims',
  'voucher_claim_objections',
  'voucher_payment_batches',
  'voucher_ledger_entries',
] as const;
