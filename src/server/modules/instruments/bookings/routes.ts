import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../auth/index.ts';
import { sql } from '../../../platform/db/sql.ts';
import type { Database } from '../../../platform/db/database.ts';
import { unauthorized } from '../../../platform/http/errors.ts';
import { requestLocale } from '../../../platform/http/i18n.ts';
import { translateFields } from '../../../platform/http/validation.ts';
import type { BookingService } from './service.ts';
import { BookingListQuery, CancelInput, CartInput, DecisionInput, DeclineInput, QuoteInput, UsageInput } from '../schemas.ts';
import { presentBooking } from '../presenter.ts';
import { icsCalendar } from '../calendar.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['bookings'];
const STATUS_TEXT: Record<string, string> = { pending: '待审核', confirmed: '已确认', in_use: '使用中', completed: '已完成' };

export async function bookingRoutes(app: FastifyInstance, opts: { bookings: BookingService; db: Database }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.bookings;

  r.post('/api/v1/bookings/quote', { schema: { tags, summary: '购物车估价 Check and price a cart without booking', body: QuoteInput } }, async (req) => {
    const user = requireUser(req);
    const locale = requestLocale(req);
    const quote = await svc.quote(req.body.items, user);
    return { ...quote, items: quote.items.map((i) => ({ ...i, problems: translateFields(i.problems, locale) })) };
  });

  r.post(
    '/api/v1/bookings',
    {
      schema: {
        tags,
        summary: '提交预约 Book a cart: every item or none',
        description: 'A broken rule → 400 `validation_failed`; a slot already taken → 409 `booking_conflict`. `fields[].path` names the item (`items.1.start`).',
        body: CartInput,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const result = await svc.book(req.body.items, user);
      reply.code(201);
      return { cartId: result.cartId, items: result.items.map((b) => presentBooking(b, user)) };
    },
  );

  r.get('/api/v1/bookings', { schema: { tags, summary: '预约列表 Bookings: mine, my organization’s instruments (owner), or all (city admin)', querystring: BookingListQuery } }, async (req) => {
    const user = requireUser(req);
    const page = await svc.list(req.query, user);
    return { ...page, items: page.items.map((b) => presentBooking(b, user)) };
  });

  r.get('/api/v1/bookings/:id', { schema: { tags, summary: '预约详情 Booking', params: IdParams } }, async (req) => {
    const user = requireUser(req);
    return presentBooking(await svc.get(req.params.id, user), user);
  });

  r.post('/api/v1/bookings/:id/approve', { schema: { tags, summary: '批准 Approve (owner)', params: IdParams, body: DecisionInput.optional() } }, async (req) => {
    const user = requireUser(req);
    return presentBooking(await svc.approve(req.params.id, req.body?.reason, user), user);
  });
  r.post('/api/v1/bookings/:id/decline', { schema: { tags, summary: '拒绝 Decline with a reason (owner)', params: IdParams, body: DeclineInput } }, async (req) => {
    const user = requireUser(req);
    return presentBooking(await svc.decline(req.params.id, req.body.reason, user), user);
  });
  r.post('/api/v1/bookings/:id/cancel', { schema: { tags, summary: '取消 Cancel (booker within the notice rule; owner with a reason)', params: IdParams, body: CancelInput.optional() } }, async (req) => {
    const user = requireUser(req);
    return presentBooking(await svc.cancel(req.params.id, req.body?.reason, user), user);
  });
  r.post('/api/v1/bookings/:id/check-in', { schema: { tags, summary: '上机签到 Check in', params: IdParams } }, async (req) => {
    const user = requireUser(req);
    return presentBooking(await svc.checkIn(req.params.id, user), user);
  });
  r.post('/api/v1/bookings/:id/check-out', { schema: { tags, summary: '下机签退 Check out', params: IdParams } }, async (req) => {
    const user = requireUser(req);
    return presentBooking(await svc.checkOut(req.params.id, user), user);
  });
  r.post('/api/v1/bookings/:id/usage', { schema: { tags, summary: '登记实际使用 Record actual use (owner)', params: IdParams, body: UsageInput } }, async (req) => {
    const user = requireUser(req);
    return presentBooking(await svc.recordUsage(req.params.id, req.body.actualStart, req.body.actualEnd, user), user);
  });

  // Calendar programs cannot send our cookie: the user's feed is reached by a secret address,
  // of which only the hash is stored; asking again replaces it (revoking the old one).
  r.post('/api/v1/me/calendar-token', { schema: { tags, summary: '我的日历订阅地址 Create (or replace) my calendar feed address' } }, async (req) => {
    const user = requireUser(req);
    const token = crypto.randomBytes(24).toString('base64url');
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    await opts.db.query(sql`INSERT INTO calendar_feeds (token_hash, user_id) VALUES (${hash}, ${user.id})
      ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`);
    const origin = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    return { url: `${origin}/api/v1/me/calendar.ics?token=${token}` };
  });

  r.get('/api/v1/me/calendar.ics', { schema: { tags, summary: '我的预约日历 My bookings as iCalendar (token from calendar-token)', querystring: z.object({ token: z.string().min(10).max(100) }) } }, async (req, reply) => {
    const hash = crypto.createHash('sha256').update(req.query.token).digest('hex');
    const { rows } = await opts.db.query<{ user_id: number }>(sql`SELECT user_id FROM calendar_feeds WHERE token_hash = ${hash}`);
    if (!rows[0]) throw unauthorized();
    const { rows: items } = await opts.db.query<{ id: number; name: string; address: string | null; room: string | null; status: string; start: Date; end: Date; updated: Date; purpose: string }>(sql`
      SELECT b.id, i.name, i.address, i.room, b.status, lower(b.during) AS start, upper(b.during) AS "end", b.updated_at AS updated, b.purpose
      FROM bookings b JOIN instruments i ON i.id = b.instrument_id
      WHERE b.user_id = ${rows[0].user_id} AND b.status IN ('pending','confirmed','in_use','completed','cancelled')
        AND upper(b.during) > now() - interval '90 days' ORDER BY lower(b.during) LIMIT 2000`);
    reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="my-bookings.ics"');
    return icsCalendar(
      '我的仪器预约',
      items.map((b) => ({
        uid: `booking-${b.id}@kefutong`,
        start: b.start,
        end: b.end,
        summary: `${b.name}（${STATUS_TEXT[b.status] ?? '已取消'}）`,
        description: b.purpose,
        location: [b.address, b.room].filter(Boolean).join(' ') || undefined,
        status: b.status === 'cancelled' ? 'CANCELLED' : b.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
        updated: b.updated,
      })),
    );
  });
}
