/** The tables the platform itself owns: the outbox, its consumers' cursors and the change history. */
export const PLATFORM_TABLES = [
  'audit_log',
  'rate_limit_hits',
  'outbox_events',
  'event_consumers',
  'entity_history',
  'schema_migrations',
  'cache_generations',
  'http_cache',
] as const;
