/** The tables the portal module owns: no other module's SQL names them (npm run check:boundaries). */
export const PORTAL_TABLES = ['notices'] as const;
