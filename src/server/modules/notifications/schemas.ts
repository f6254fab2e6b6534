/** Shapes of the notifications API. */
import { z } from 'zod';
import { IdParam } from '../../platform/http/fields.ts';
import { Timestamp } from '../../platform/http/contract.ts';
import { NOTIFICATION_KINDS } from './service.ts';

export const NotificationView = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS),
    bookingId: z.number().int().nullable(),
    link: z.string().nullable().meta({ description: 'the page the notification is about, e.g. /demands/12' }),
    title: z.string(),
    body: z.string(),
    readAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Notification' });
export const NotificationListView = z.object({ items: z.array(NotificationView), unread: z.number().int() });
export const ReadAllView = z.object({ updated: z.number().int() });
export const NotificationParams = z.object({ id: IdParam });
