/** The tables the registration module owns: no other module's SQL names them (npm run check:boundaries). */
export const REGISTRATION_TABLES = ['org_claims', 'org_invitations'] as const;
