/** The tables the statistics module owns: no other module's SQL names them (npm run check:boundaries). */
export const STATISTICS_TABLES = [
  'indicators',
  'indicator_targets',
  'indicator_baselines',
  'indicator_values',
  'indicator_breakdowns',
  // bulletins/ (统计信息发布)
  'bulletins',
  'bulletin_numbers',
  'bulletin_versions',
] as const;
