import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { actorOf, requireUser } from '../auth/index.ts';
import type { ReferenceService } from './service.ts';
import { mayEditReference } from './policy.ts';
import {
  CategoryPatch,
  CategoryView,
  ClusterView,
  CodeParams,
  DivisionPatch,
  DivisionView,
  HistoryParams,
  listOf,
  ReferenceHistoryView,
  ReferenceView,
} from './schemas.ts';

const tags = ['reference'];

export async function referenceRoutes(app: FastifyInstance, opts: { reference: ReferenceService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ref = opts.reference;
  const editor = (req: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(req);
    if (!mayEditReference(user)) throw forbidden();
    return user;
  };

  r.get(
    '/api/v1/reference',
    { schema: { operationId: 'getReference', tags, security: PUBLIC, summary: '全部参考数据 All reference data', response: { 200: ReferenceView } } },
    async () => ref.all(),
  );
  r.get(
    '/api/v1/reference/categories',
    {
      schema: { operationId: 'listCategories', tags, security: PUBLIC, summary: '服务类别 Service categories', response: { 200: listOf(CategoryView) } },
    },
    async () => ({ items: await ref.categories() }),
  );
  r.get(
    '/api/v1/reference/divisions',
    {
      schema: { operationId: 'listDivisions', tags, security: PUBLIC, summary: '区县 Divisions', response: { 200: listOf(DivisionView) } },
    },
    async () => ({ items: await ref.divisions() }),
  );
  r.get(
    '/api/v1/reference/clusters',
    {
      schema: { operationId: 'listClusters', tags, security: PUBLIC, summary: '集聚区 Clusters', response: { 200: listOf(ClusterView) } },
    },
    async () => ({ items: await ref.clusters() }),
  );
  r.patch(
    '/api/v1/reference/categories/:code',
    {
      schema: {
        operationId: 'updateCategory',
        tags,
        security: SESSION,
        summary: '修改服务类别 Edit a category (admin)',
        params: CodeParams,
        body: CategoryPatch,
        response: { 200: CategoryView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ref.updateCategory(req.params.code, req.body, actorOf(editor(req))),
  );
  r.patch(
    '/api/v1/reference/divisions/:code',
    {
      schema: {
        operationId: 'updateDivision',
        tags,
        security: SESSION,
        summary: '修改区县（有效期、继承关系）Edit a division (admin)',
        params: CodeParams,
        body: DivisionPatch,
        response: { 200: DivisionView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ref.updateDivision(req.params.code, req.body, actorOf(editor(req))),
  );
  r.get(
    '/api/v1/reference/:kind/:code/history',
    {
      schema: {
        operationId: 'listReferenceHistory',
        tags,
        security: SESSION,
        summary: '参考数据修改历史 History (admin)',
        params: HistoryParams,
        response: { 200: ReferenceHistoryView, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      editor(req);
      return { items: await ref.history(req.params.kind, req.params.code) };
    },
  );
}
