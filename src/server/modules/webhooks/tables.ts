/** The tables the webhooks module owns: no other module's SQL names them (npm run check:boundaries). */
export const WEBHOOK_TABLES = ['webhook_subscriptions', 'webhook_deliveries', 'webhook_attempts'] as const;
