/** The service catalogue's routes: schema in → service → presenter out. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../auth/index.ts';
import { errorResponses, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import type { ServiceCatalogue } from './service.ts';
import type { Storefront } from './storefront.ts';
import { presentService } from './presenter.ts';
import { IdParams, OrgIdParams, ServiceInput, ServiceListQuery, ServiceListView, ServicePatch, ServiceView, StorefrontView } from './schemas.ts';

const tags = ['services'];

export async function serviceRoutes(app: FastifyInstance, opts: { services: ServiceCatalogue; storefront: Storefront }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services: svc, storefront } = opts;

  r.get(
    '/api/v1/services',
    {
      schema: {
        operationId: 'listServices',
        tags,
        security: PUBLIC,
        summary: '服务目录 Search the service catalogue',
        description:
          'Chinese text search (traditional/simplified folding, segmentation, pinyin typo fallback) with filters; facets by category and district over all matches.',
        querystring: ServiceListQuery,
        response: { 200: ServiceListView },
      },
    },
    async (req) => {
      const result = await svc.list(req.query, req.user);
      return { ...result, items: result.items.map((s) => presentService(s, req.user)) };
    },
  );

  r.get(
    '/api/v1/services/:id',
    {
      schema: {
        operationId: 'getService',
        tags,
        security: PUBLIC,
        summary: '服务详情 Service',
        params: IdParams,
        response: { 200: ServiceView, ...errorResponses(404) },
      },
    },
    async (req) => presentService(await svc.get(req.params.id), req.user),
  );

  r.post(
    '/api/v1/services',
    {
      schema: {
        operationId: 'createService',
        tags,
        security: SESSION,
        summary: '发布服务 Publish a service (provider organization member, city admin)',
        body: ServiceInput,
        response: { 201: ServiceView, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      return reply.code(201).send(presentService(await svc.create(req.body, user), user));
    },
  );

  r.patch(
    '/api/v1/services/:id',
    {
      schema: {
        operationId: 'updateService',
        tags,
        security: SESSION,
        summary: '修改服务 Edit or withdraw (`status`: withdrawn); send `version` to detect concurrent edits',
        params: IdParams,
        body: ServicePatch,
        response: { 200: ServiceView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentService(await svc.update(req.params.id, req.body, user), user);
    },
  );

  r.get(
    '/api/v1/providers/:orgId/storefront',
    {
      schema: {
        operationId: 'providerStorefront',
        tags,
        security: PUBLIC,
        summary: '机构店铺 A provider’s services, instruments and achievements',
        params: OrgIdParams,
        response: { 200: StorefrontView, ...errorResponses(404) },
      },
    },
    async (req) => {
      const s = await storefront.of(req.params.orgId, req.user);
      return { ...s, services: s.services.map((x) => presentService(x, req.user)) };
    },
  );
}
