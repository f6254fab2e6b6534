/**
 * In-app notifications. A module notifies inside its own transaction (the notification exists
 * exactly when the change committed) and a `notification.created` event goes out with it, from
 * which the mailer sends email when SMTP is configured. Text is rendered in the reader's language
 * when read, from message keys, so one row serves both languages.
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { notFound } from '../../platform/http/errors.ts';
import { translate, type Locale } from '../../platform/http/i18n.ts';
import { publishEvents } from '../../platform/events/outbox.ts';

export const NOTIFICATION_KINDS = [
  'booking.requested',
  'booking.approved',
  'booking.declined',
  'booking.cancelled',
  'booking.reminder',
  'booking.expired',
  'booking.noShow',
  'market.match',
  'deal.opened',
  'deal.message',
  'deal.agreed',
  'deal.withdrawn',
  'webhook.paused',
  'registration.claimPending',
  'order.step',
  'order.message',
  'survey.reminder',
  'survey.chase',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: number;
  kind: NotificationKind;
  bookingId: number | null;
  /** the page the notification is about, e.g. /demands/12 (notifications not about a booking) */
  link: string | null;
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
}

/** Creates one notification per user (duplicates removed) in the caller's transaction. */
export async function notify(
  tx: Queryable,
  userIds: number[],
  kind: NotificationKind,
  bookingId: number | null,
  params: Record<string, unknown>,
  link: string | null = null,
): Promise<void> {
  const users = [...new Set(userIds)];
  if (!users.length) return;
  const { rows } = await tx.query<{ id: number; user_id: number }>(sql`
    INSERT INTO notifications (user_id, kind, booking_id, params, link)
    SELECT u, ${kind}, ${bookingId}, ${JSON.stringify(params)}::jsonb, ${link} FROM unnest(${users}::bigint[]) AS u
    RETURNING id, user_id`);
  await publishEvents(
    tx,
    rows.map((r) => ({ type: 'notification.created', aggregateType: 'notification', aggregateId: r.id, payload: { id: r.id, userId: r.user_id, kind } })),
  );
}

export function renderNotification(kind: string, params: Record<string, unknown>, locale: Locale): { title: string; body: string } {
  return { title: translate(locale, `notification.${kind}.title`, params), body: translate(locale, `notification.${kind}.body`, params) };
}

export class NotificationService {
  constructor(private readonly db: Database) {}

  async list(userId: number, locale: Locale, limit = 50): Promise<{ items: Notification[]; unread: number }> {
    const [items, unread] = await Promise.all([
      this.db.query<{
        id: number;
        kind: NotificationKind;
        booking_id: number | null;
        link: string | null;
        params: Record<string, unknown>;
        read_at: Date | null;
        created_at: Date;
      }>(sql`
        SELECT id, kind, booking_id, link, params, read_at, created_at FROM notifications WHERE user_id = ${userId} ORDER BY id DESC LIMIT ${limit}`),
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`),
    ]);
    return {
      items: items.rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        bookingId: r.booking_id,
        link: r.link,
        ...renderNotification(r.kind, r.params, locale),
        readAt: r.read_at,
        createdAt: r.created_at,
      })),
      unread: unread.rows[0].n,
    };
  }

  async markRead(userId: number, id: number): Promise<void> {
    const r = await this.db.query(sql`UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = ${id} AND user_id = ${userId}`);
    if (!r.rowCount) throw notFound('notification.notFound');
  }

  async markAllRead(userId: number): Promise<number> {
    const r = await this.db.query(sql`UPDATE notifications SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL`);
    return r.rowCount;
  }
}
