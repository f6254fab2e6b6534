/** The tables the auth module owns: no other module's SQL names them (npm run check:boundaries). */
export const AUTH_TABLES = ['users', 'sessions', 'password_history', 'login_failures', 'auth_tokens', 'sso_identities', 'sso_logins'] as const;
