import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import { requireUser } from '../auth/index.ts';
import type { DirectoryService } from './service.ts';
import { HistoryView, IdParams, OrgInput, OrgListQuery, OrgListView, OrgPatch, OrgView } from './schemas.ts';
import { presentOrg } from './presenter.ts';

const tags = ['directory'];

export async function directoryRoutes(app: FastifyInstance, opts: { directory: DirectoryService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const dir = opts.directory;

  r.get(
    '/api/v1/orgs',
    {
      config: { responseCache: { scopes: ['directory', 'reference'] } },
      schema: {
        operationId: 'listOrgs',
        tags,
        security: PUBLIC,
        summary: '查询名录库 Search the directory',
        description:
          'Chinese full-text search (traditional and simplified fold to one form, full-width to half-width, jieba segmentation; names also match by trigram similarity). Filters take comma-separated codes. Facet counts per category and district ignore their own filter.',
        querystring: OrgListQuery,
        response: { 200: OrgListView },
      },
    },
    async (req) => {
      const result = await dir.list(req.query);
      return { ...result, items: result.items.map((o) => presentOrg(o, req.user)) };
    },
  );

  r.get(
    '/api/v1/orgs/:id',
    {
      schema: {
        operationId: 'getOrg',
        tags,
        security: PUBLIC,
        summary: '机构详情 Organization',
        params: IdParams,
        response: { 200: OrgView, ...errorResponses(404) },
      },
    },
    async (req) => presentOrg(await dir.get(req.params.id), req.user),
  );

  r.get(
    '/api/v1/orgs/:id/history',
    {
      schema: {
        operationId: 'listOrgHistory',
        tags,
        security: SESSION,
        summary: '修改历史 Change history (signed in)',
        params: IdParams,
        response: { 200: HistoryView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const items = await dir.history(req.params.id, req.user);
      return { items, total: items.length };
    },
  );

  r.post(
    '/api/v1/orgs',
    {
      schema: {
        operationId: 'createOrg',
        tags,
        security: SESSION,
        summary: '新增机构 Create (admin, district admin)',
        body: OrgInput,
        response: { 201: OrgView, ...errorResponses(401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      reply.code(201);
      return presentOrg(await dir.create(req.body, user), user);
    },
  );

  r.patch(
    '/api/v1/orgs/:id',
    {
      schema: {
        operationId: 'updateOrg',
        tags,
        security: SESSION,
        summary: '修改机构 Edit (admin; district admin within district)',
        description: 'Send `version` (from the GET) to refuse the edit with 409 if someone else changed the organization meanwhile.',
        params: IdParams,
        body: OrgPatch,
        response: { 200: OrgView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentOrg(await dir.update(req.params.id, req.body, user), user);
    },
  );
}
