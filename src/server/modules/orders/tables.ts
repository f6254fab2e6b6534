/** The tables the orders module owns: no other module's SQL names them (npm run check:boundaries). */
export const ORDERS_TABLES = ['orders', 'order_numbers', 'order_files', 'order_milestones', 'order_deliverables', 'order_messages'] as const;
