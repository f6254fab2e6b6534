/** The tables the market module owns: no other module's SQL names them (npm run check:boundaries). */
export const MARKET_TABLES = [
  'tech_fields',
  'synonym_groups',
  'experts',
  'achievements',
  'achievement_inventors',
  'achievement_attachments',
  'achievement_term_df',
  'achievement_postings',
  'achievement_postings_pending',
  'demands',
  'match_feedback',
  'match_alerts',
  'deals',
  'deal_messages',
] as const;
