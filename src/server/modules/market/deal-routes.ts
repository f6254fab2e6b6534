/** HTTP routes of deals (技术交易洽谈). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/index.ts';
import type { DealService } from './deals.ts';
import { DealInput, DealListQuery, DealMessageInput, WithdrawInput } from './schemas.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['deals'];

export async function dealRoutes(app: FastifyInstance, opts: { deals: DealService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.deals;
  r.post('/api/v1/deals', { schema: { tags, summary: '发起洽谈 Inquiry on an achievement or offer on a demand (an open thread on the same subject gets the message)', body: DealInput } }, async (req, reply) => {
    const user = requireUser(req);
    const { id, created } = await svc.open(req.body, user);
    reply.code(created ? 201 : 200);
    return svc.get(id, user);
  });
  r.get('/api/v1/deals', { schema: { tags, summary: '我的洽谈 My organization’s deals (admins: all)', querystring: DealListQuery } }, async (req) =>
    svc.list(requireUser(req), req.query.status, req.query.page, req.query.pageSize),
  );
  r.get('/api/v1/deals/:id', { schema: { tags, summary: '洽谈详情 Deal with its thread', params: IdParams } }, async (req) => svc.get(req.params.id, requireUser(req)));
  r.get('/api/v1/deals/:id/history', { schema: { tags, summary: '洽谈记录 History', params: IdParams } }, async (req) => {
    const items = await svc.history(req.params.id, requireUser(req));
    return { items, total: items.length };
  });
  r.post('/api/v1/deals/:id/messages', { schema: { tags, summary: '留言 Reply (the other side’s first reply starts the negotiation)', params: IdParams, body: DealMessageInput } }, async (req) =>
    svc.reply(req.params.id, req.body.body, requireUser(req)),
  );
  r.post('/api/v1/deals/:id/agree', { schema: { tags, summary: '确认成交 Agree (both sides → agreed)', params: IdParams } }, async (req) => svc.agree(req.params.id, requireUser(req)));
  r.post('/api/v1/deals/:id/withdraw', { schema: { tags, summary: '撤回 Withdraw with a reason', params: IdParams, body: WithdrawInput } }, async (req) =>
    svc.withdraw(req.params.id, req.body.reason, requireUser(req)),
  );
}
