/**
 * Email for notifications, when SMTP_URL is set: a consumer of `notification.created` events (the
 * outbox delivers each once per consumer, after the notification committed), so a slow or failing
 * mail server never blocks or undoes a booking. Users without an email address get in-app only.
 */
import { sql } from '../../platform/db/sql.ts';
import { loadNodemailer } from '../../platform/mail.ts';
import type { EventBus } from '../../platform/events/outbox.ts';
import { userJoin } from '../auth/index.ts';
import { renderNotification } from './service.ts';

export function startMailer(events: EventBus, opts: { smtpUrl: string; from: string }): { close(): void } {
  const transport = loadNodemailer().createTransport(opts.smtpUrl);
  // read through the delivery's transaction: on PGlite (one connection) the pool would wait for it forever
  events.subscribe('notification-email', ['notification.created'], async (event, tx) => {
    const { rows } = await tx.query<{ email: string | null; kind: string; params: Record<string, unknown> }>(sql`
      SELECT u.email, n.kind, n.params FROM notifications n ${userJoin('u', sql.raw('n.user_id'))} WHERE n.id = ${Number(event.payload.id)}`);
    const n = rows[0];
    if (!n?.email) return;
    const zh = renderNotification(n.kind, n.params, 'zh-CN');
    const en = renderNotification(n.kind, n.params, 'en');
    await transport.sendMail({ from: opts.from, to: n.email, subject: `【科服通】${zh.title}`, text: `${zh.body}\n\n—\n${en.title}\n${en.body}\n` });
  });
  return { close: () => transport.close() };
}
