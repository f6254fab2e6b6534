/** HTTP routes of deals (技术交易洽谈). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, SESSION } from '../../../platform/http/contract.ts';
import { requireUser } from '../../auth/index.ts';
import { HistoryView, IdParams } from '../schemas.ts';
import type { DealService } from './service.ts';
import { presentDealList, presentDealWithMessages } from './presenter.ts';
import { DealInput, DealListQuery, DealListView, DealMessageInput, DealWithMessagesView, WithdrawInput } from './schemas.ts';

const tags = ['deals'];

export async function dealRoutes(app: FastifyInstance, opts: { deals: DealService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.deals;

  r.post(
    '/api/v1/deals',
    {
      schema: {
        operationId: 'openDeal',
        tags,
        summary: '发起洽谈 Inquiry on an achievement or offer on a demand (an open thread on the same subject gets the message: 200)',
        security: SESSION,
        body: DealInput,
        response: { 200: DealWithMessagesView, 201: DealWithMessagesView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { id, created } = await svc.open(req.body, user);
      reply.code(created ? 201 : 200);
      return presentDealWithMessages(await svc.get(id, user), user);
    },
  );

  r.get(
    '/api/v1/deals',
    {
      schema: {
        operationId: 'listDeals',
        tags,
        summary: '我的洽谈 My organization’s deals (admins: all)',
        security: SESSION,
        querystring: DealListQuery,
        response: { 200: DealListView, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentDealList(await svc.list(user, req.query.status, req.query.page, req.query.pageSize), user);
    },
  );

  r.get(
    '/api/v1/deals/:id',
    {
      schema: {
        operationId: 'getDeal',
        tags,
        summary: '洽谈详情 Deal with its thread',
        security: SESSION,
        params: IdParams,
        response: { 200: DealWithMessagesView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentDealWithMessages(await svc.get(req.params.id, user), user);
    },
  );

  r.get(
    '/api/v1/deals/:id/history',
    {
      schema: {
        operationId: 'listDealHistory',
        tags,
        summary: '洽谈记录 History',
        security: SESSION,
        params: IdParams,
        response: { 200: HistoryView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const items = await svc.history(req.params.id, requireUser(req));
      return { items, total: items.length };
    },
  );

  r.post(
    '/api/v1/deals/:id/messages',
    {
      schema: {
        operationId: 'replyToDeal',
        tags,
        summary: '留言 Reply (the other side’s first reply starts the negotiation)',
        security: SESSION,
        params: IdParams,
        body: DealMessageInput,
        response: { 200: DealWithMessagesView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentDealWithMessages(await svc.reply(req.params.id, req.body.body, user), user);
    },
  );

  r.post(
    '/api/v1/deals/:id/agree',
    {
      schema: {
        operationId: 'agreeToDeal',
        tags,
        summary: '确认成交 Agree (both sides → agreed)',
        security: SESSION,
        params: IdParams,
        response: { 200: DealWithMessagesView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentDealWithMessages(await svc.agree(req.params.id, user), user);
    },
  );

  r.post(
    '/api/v1/deals/:id/withdraw',
    {
      schema: {
        operationId: 'withdrawDeal',
        tags,
        summary: '撤回 Withdraw with a reason',
        security: SESSION,
        params: IdParams,
        body: WithdrawInput,
        response: { 200: DealWithMessagesView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentDealWithMessages(await svc.withdraw(req.params.id, req.body.reason, user), user);
    },
  );
}
