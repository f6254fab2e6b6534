/** The bookings' routes: schema in → service → presenter out. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../auth/index.ts';
import { errorResponses, fileResponse, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { requestLocale } from '../../../platform/http/i18n.ts';
import type { BookingService } from './service.ts';
import {
  BookingIdParams,
  BookingListQuery,
  BookingListView,
  BookingView,
  CalendarFeedQuery,
  CalendarTokenView,
  CancelInput,
  CartBookedView,
  CartInput,
  DecisionInput,
  DeclineInput,
  QuoteInput,
  QuoteView,
  UsageInput,
} from './schemas.ts';
import { presentBooking, presentFeed, presentQuote } from './presenter.ts';

const tags = ['bookings'];

export async function bookingRoutes(app: FastifyInstance, opts: { bookings: BookingService; publicUrl: () => string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.bookings;

  r.post(
    '/api/v1/bookings/quote',
    {
      schema: {
        operationId: 'quoteBookings',
        tags,
        security: SESSION,
        summary: '购物车估价 Check and price a cart without booking',
        body: QuoteInput,
        response: { 200: QuoteView, ...errorResponses(401) },
      },
    },
    async (req) => presentQuote(await svc.quote(req.body.items, requireUser(req)), requestLocale(req)),
  );

  r.post(
    '/api/v1/bookings',
    {
      schema: {
        operationId: 'createBookings',
        tags,
        security: SESSION,
        summary: '提交预约 Book a cart: every item or none',
        description:
          'A broken rule → 400 `validation_failed`; a slot already taken → 409 `booking_conflict`. `fields[].path` names the item (`items.1.start`).',
        body: CartInput,
        response: { 201: CartBookedView, ...errorResponses(401, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const result = await svc.book(req.body.items, user);
      return reply.code(201).send({ cartId: result.cartId, items: result.items.map((b) => presentBooking(b, user)) });
    },
  );

  r.get(
    '/api/v1/bookings',
    {
      schema: {
        operationId: 'listBookings',
        tags,
        security: SESSION,
        summary: '预约列表 Bookings: mine, my organization’s instruments (owner), or all (city admin)',
        querystring: BookingListQuery,
        response: { 200: BookingListView, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const page = await svc.list(req.query, user);
      return { ...page, items: page.items.map((b) => presentBooking(b, user)) };
    },
  );

  r.get(
    '/api/v1/bookings/:id',
    {
      schema: {
        operationId: 'getBooking',
        tags,
        security: SESSION,
        summary: '预约详情 Booking',
        params: BookingIdParams,
        response: { 200: BookingView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentBooking(await svc.get(req.params.id, user), user);
    },
  );

  const step = { response: { 200: BookingView, ...errorResponses(401, 403, 404, 409) }, params: BookingIdParams, security: SESSION, tags };
  r.post(
    '/api/v1/bookings/:id/approve',
    {
      schema: { ...step, operationId: 'approveBooking', summary: '批准 Approve (owner)', body: DecisionInput.optional() },
    },
    async (req) => {
      const user = requireUser(req);
      return presentBooking(await svc.approve(req.params.id, req.body?.reason, user), user);
    },
  );
  r.post(
    '/api/v1/bookings/:id/decline',
    {
      schema: { ...step, operationId: 'declineBooking', summary: '拒绝 Decline with a reason (owner)', body: DeclineInput },
    },
    async (req) => {
      const user = requireUser(req);
      return presentBooking(await svc.decline(req.params.id, req.body.reason, user), user);
    },
  );
  r.post(
    '/api/v1/bookings/:id/cancel',
    {
      schema: {
        ...step,
        operationId: 'cancelBooking',
        summary: '取消 Cancel (booker within the notice rule; owner with a reason)',
        body: CancelInput.optional(),
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentBooking(await svc.cancel(req.params.id, req.body?.reason, user), user);
    },
  );
  r.post(
    '/api/v1/bookings/:id/check-in',
    {
      schema: { ...step, operationId: 'checkInBooking', summary: '上机签到 Check in' },
    },
    async (req) => {
      const user = requireUser(req);
      return presentBooking(await svc.checkIn(req.params.id, user), user);
    },
  );
  r.post(
    '/api/v1/bookings/:id/check-out',
    {
      schema: { ...step, operationId: 'checkOutBooking', summary: '下机签退 Check out' },
    },
    async (req) => {
      const user = requireUser(req);
      return presentBooking(await svc.checkOut(req.params.id, user), user);
    },
  );
  r.post(
    '/api/v1/bookings/:id/usage',
    {
      schema: { ...step, operationId: 'recordBookingUsage', summary: '登记实际使用 Record actual use (owner)', body: UsageInput },
    },
    async (req) => {
      const user = requireUser(req);
      return presentBooking(await svc.recordUsage(req.params.id, req.body.actualStart, req.body.actualEnd, user), user);
    },
  );

  r.post(
    '/api/v1/me/calendar-token',
    {
      schema: {
        operationId: 'createCalendarFeedToken',
        tags,
        security: SESSION,
        summary: '我的日历订阅地址 Create (or replace) my calendar feed address',
        response: { 200: CalendarTokenView, ...errorResponses(401) },
      },
    },
    async (req) => {
      const token = await svc.newFeedToken(requireUser(req));
      // the configured address, never the request's Host header (a forged Host would end up in the link)
      return { url: `${opts.publicUrl()}/api/v1/me/calendar.ics?token=${token}` };
    },
  );

  r.get(
    '/api/v1/me/calendar.ics',
    {
      schema: {
        operationId: 'getMyCalendar',
        tags,
        security: PUBLIC,
        summary: '我的预约日历 My bookings as iCalendar (token from calendar-token)',
        querystring: CalendarFeedQuery,
        response: { 200: fileResponse('iCalendar (RFC 5545)', ['text/calendar']), ...errorResponses(401) },
      },
    },
    async (req, reply) => {
      const feed = presentFeed(await svc.feed(req.query.token), requestLocale(req));
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="my-bookings.ics"').send(feed);
    },
  );
}
