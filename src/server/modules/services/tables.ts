/** The tables the services module owns: no other module's SQL names them (npm run check:boundaries). */
export const SERVICE_TABLES = ['services'] as const;
