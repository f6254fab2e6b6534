/** HTTP routes of the checkout: the buyer's vouchers for an order, applying one and taking it off. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, SESSION } from '../../../platform/http/contract.ts';
import { type Locale, requestLocale, translate } from '../../../platform/http/i18n.ts';
import { requireUser, type CurrentUser } from '../../auth/index.ts';
import { presentVoucher } from '../presenter.ts';
import { IdParams } from '../schemas.ts';
import { ApplyVoucherInput, VoucherOptionsView } from './schemas.ts';
import type { CheckoutService } from './service.ts';

const tags = ['vouchers'];

export async function checkoutRoutes(app: FastifyInstance, opts: { checkout: CheckoutService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.checkout;
  const view = async (orderId: number, user: CurrentUser, locale: Locale) => {
    const { order, options } = await svc.options(orderId, user);
    return {
      orderId,
      totalFen: order.totalFen,
      applied: order.voucherId ? { voucherId: order.voucherId, voucherFen: order.voucherFen, payableFen: order.totalFen - order.voucherFen } : null,
      options: options.map((o) => ({
        voucher: presentVoucher(o.voucher, user),
        usable: !o.refusal,
        reason: o.refusal ? translate(locale, o.refusal.key, o.refusal.params) : null,
        shareFen: o.shareFen,
        payableFen: order.totalFen - o.shareFen,
      })),
    };
  };

  r.get(
    '/api/v1/orders/:id/voucher',
    {
      schema: {
        operationId: 'getOrderVoucherOptions',
        tags,
        summary: '创新券抵扣 The buyer’s vouchers for this order: the share each would pay and the remainder, or why it cannot',
        security: SESSION,
        params: IdParams,
        response: { 200: VoucherOptionsView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => view(req.params.id, requireUser(req), requestLocale(req)),
  );

  r.post(
    '/api/v1/orders/:id/voucher',
    {
      schema: {
        operationId: 'applyVoucherToOrder',
        tags,
        summary: '使用创新券 Apply a voucher to the order (refused with the reason: related provider, excluded service, expired …)',
        security: SESSION,
        params: IdParams,
        body: ApplyVoucherInput,
        response: { 200: VoucherOptionsView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await svc.apply(req.params.id, req.body, user);
      return view(req.params.id, user, requestLocale(req));
    },
  );

  r.delete(
    '/api/v1/orders/:id/voucher',
    {
      schema: {
        operationId: 'removeVoucherFromOrder',
        tags,
        summary: '取消抵扣 Take the voucher off an order not yet paid',
        security: SESSION,
        params: IdParams,
        response: { 200: VoucherOptionsView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await svc.remove(req.params.id, user);
      return view(req.params.id, user, requestLocale(req));
    },
  );
}
