import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/index.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import type { NotificationService } from './service.ts';

const tags = ['notifications'];

export async function notificationRoutes(app: FastifyInstance, opts: { notifications: NotificationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/notifications', { schema: { tags, summary: '我的通知 My notifications (latest 50, unread count)' } }, async (req) => {
    const user = requireUser(req);
    return opts.notifications.list(user.id, requestLocale(req));
  });
  r.post('/api/v1/notifications/:id/read', { schema: { tags, summary: '标为已读 Mark read', params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    const user = requireUser(req);
    await opts.notifications.markRead(user.id, req.params.id);
    return { ok: true };
  });
  r.post('/api/v1/notifications/read-all', { schema: { tags, summary: '全部标为已读 Mark all read' } }, async (req) => {
    const user = requireUser(req);
    return { updated: await opts.notifications.markAllRead(user.id) };
  });
}
