/** The tables the statistics module owns: no other module's SQL names them (npm run check:boundaries). */
export const STATISTICS_TABLES = ['indicators', 'indicator_targets', 'indicator_baselines', 'indicator_values', 'indicator_breakdowns'] as const;
