/** HTTP routes of demands (技术需求): the list, a page, the form, the life cycle. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mayWriteListings, mayReview } from '../policy.ts';
import { errorResponses, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { requireAllowed, requireUser } from '../../auth/index.ts';
import { HistoryView, IdParams } from '../schemas.ts';
import { ReviewInput } from '../listings/schemas.ts';
import type { DemandService } from './service.ts';
import { presentDemand, presentDemandList } from './presenter.ts';
import { DemandInput, DemandListQuery, DemandListView, DemandPatch, DemandView } from './schemas.ts';

const tags = ['demands'];

export async function demandRoutes(app: FastifyInstance, opts: { demands: DemandService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.demands;

  r.get(
    '/api/v1/demands',
    {
      schema: {
        operationId: 'listDemands',
        tags,
        summary: '技术需求库 Search demands',
        security: PUBLIC,
        querystring: DemandListQuery,
        response: { 200: DemandListView },
      },
    },
    async (req) => presentDemandList(await svc.list(req.query, req.user), req.user),
  );

  r.get(
    '/api/v1/demands/:id',
    {
      schema: {
        operationId: 'getDemand',
        tags,
        summary: '需求详情 Demand (contact phone for signed-in users)',
        security: PUBLIC,
        params: IdParams,
        response: { 200: DemandView, ...errorResponses(404) },
      },
    },
    async (req) => presentDemand(await svc.get(req.params.id, req.user), req.user),
  );

  r.post(
    '/api/v1/demands',
    {
      schema: {
        operationId: 'createDemand',
        tags,
        summary: '发布需求 Create a draft (organization member; city admin names orgId)',
        security: SESSION,
        body: DemandInput,
        response: { 201: DemandView, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireAllowed(req, mayWriteListings);
      reply.code(201);
      return presentDemand(await svc.create(req.body, user), user);
    },
  );

  r.patch(
    '/api/v1/demands/:id',
    {
      schema: {
        operationId: 'updateDemand',
        tags,
        summary: '修改需求 Edit (send `version`)',
        security: SESSION,
        params: IdParams,
        body: DemandPatch,
        response: { 200: DemandView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireAllowed(req, mayWriteListings);
      return presentDemand(await svc.update(req.params.id, req.body, user), user);
    },
  );

  r.post(
    '/api/v1/demands/:id/publish',
    {
      schema: {
        operationId: 'publishDemand',
        tags,
        summary: '发布 Publish (or submit for review)',
        security: SESSION,
        params: IdParams,
        response: { 200: DemandView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentDemand(await svc.transition(req.params.id, 'publish', user), user);
    },
  );

  r.post(
    '/api/v1/demands/:id/close',
    {
      schema: {
        operationId: 'closeDemand',
        tags,
        summary: '关闭 Close',
        security: SESSION,
        params: IdParams,
        response: { 200: DemandView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentDemand(await svc.transition(req.params.id, 'close', user), user);
    },
  );

  r.post(
    '/api/v1/demands/:id/review',
    {
      schema: {
        operationId: 'reviewDemand',
        tags,
        summary: '审核 Approve or return (city admin)',
        security: SESSION,
        params: IdParams,
        body: ReviewInput,
        response: { 200: DemandView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireAllowed(req, mayReview);
      return presentDemand(await svc.transition(req.params.id, req.body.approve ? 'approve' : 'return', user, req.body.reason), user);
    },
  );

  r.get(
    '/api/v1/demands/:id/history',
    {
      schema: {
        operationId: 'listDemandHistory',
        tags,
        summary: '修改历史 History (editors)',
        security: SESSION,
        params: IdParams,
        response: { 200: HistoryView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const items = await svc.history(req.params.id, requireUser(req));
      return { items, total: items.length };
    },
  );
}
