/** The tables the notifications module owns: no other module's SQL names them (npm run check:boundaries). */
export const NOTIFICATION_TABLES = ['notifications'] as const;
