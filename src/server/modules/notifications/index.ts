/**
 * The notifications module's face: `notify(tx, …)` for any module, inside its own transaction; the
 * reader's list; and the mailer that sends email from the event stream when SMTP is configured.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { NOTIFICATION_TABLES } from './tables.ts';
import { NotificationService } from './service.ts';
import { notificationRoutes } from './routes.ts';

export { notify, renderNotification, NOTIFICATION_KINDS, type NotificationKind } from './service.ts';
export { startMailer } from './mailer.ts';

export class NotificationsModule implements ModuleFace {
  readonly name = 'notifications';
  readonly tables = NOTIFICATION_TABLES;
  readonly service: NotificationService;

  constructor(db: Database) {
    this.service = new NotificationService(db);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(notificationRoutes, { notifications: this.service });
  }
}
