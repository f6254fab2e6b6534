/**
 * The webhooks module's face: subscriptions of HTTPS URLs to event types (routes), the outbox consumer
 * that turns events into deliveries (subscribe), and the delivery worker (main.ts starts it beside the
 * booking clock; tests call `deliverDue()`). docs/WEBHOOKS.md tells a receiver how to verify a delivery.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/outbox.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { AuthService } from '../auth/index.ts';
import { DeliveryWorker, type DeliverySettings } from './delivery/worker.ts';
import { webhookRoutes } from './routes.ts';
import { WebhookService } from './service.ts';
import { WEBHOOK_TABLES } from './tables.ts';

export { signature as webhookSignature } from './delivery/sender.ts';
export type { DeliveryWorker } from './delivery/worker.ts';

export class WebhooksModule implements ModuleFace {
  readonly name = 'webhooks';
  readonly tables = WEBHOOK_TABLES;
  readonly service: WebhookService;
  readonly worker: DeliveryWorker;

  constructor(db: Database, auth: AuthService, settings: DeliverySettings) {
    this.service = new WebhookService(db, { allowHttp: settings.allowHttp });
    this.worker = new DeliveryWorker(db, auth, settings);
  }

  subscribe(events: EventBus): void {
    this.worker.subscribe(events);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(webhookRoutes, { webhooks: this.service });
  }
}
