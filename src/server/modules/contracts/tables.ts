/** The tables the contracts module owns: no other module's SQL names them (npm run check:boundaries). */
export const CONTRACTS_TABLES = [
  'contract_stations',
  'contract_station_staff',
  'contracts',
  'contract_experts',
  'contract_numbers',
  'contract_documents',
  'contract_changes',
  'contract_figures',
] as const;
