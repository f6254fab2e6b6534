/** The tables the reference module owns: no other module's SQL names them (npm run check:boundaries). */
export const REFERENCE_TABLES = ['service_categories', 'divisions', 'management_areas', 'clusters'] as const;
