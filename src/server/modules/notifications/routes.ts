import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, OkView, SESSION } from '../../platform/http/contract.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import { requireUser } from '../auth/index.ts';
import type { NotificationService } from './service.ts';
import { NotificationListView, NotificationParams, ReadAllView } from './schemas.ts';

const tags = ['notifications'];

export async function notificationRoutes(app: FastifyInstance, opts: { notifications: NotificationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags,
        security: SESSION,
        summary: '我的通知 My notifications (latest 50, unread count)',
        response: { 200: NotificationListView, ...errorResponses(401) },
      },
    },
    async (req) => opts.notifications.list(requireUser(req).id, requestLocale(req)),
  );
  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        operationId: 'markNotificationRead',
        tags,
        security: SESSION,
        summary: '标为已读 Mark read',
        params: NotificationParams,
        response: { 200: OkView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      await opts.notifications.markRead(requireUser(req).id, req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        operationId: 'markAllNotificationsRead',
        tags,
        security: SESSION,
        summary: '全部标为已读 Mark all read',
        response: { 200: ReadAllView, ...errorResponses(401) },
      },
    },
    async (req) => ({ updated: await opts.notifications.markAllRead(requireUser(req).id) }),
  );
}
