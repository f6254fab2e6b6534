/** The tables the platform itself owns: the outbox, its consumers' cursors and the change history. */
export const PLATFORM_TABLES = ['outbox_events', 'event_consumers', 'entity_history', 'schema_migrations'] as const;
