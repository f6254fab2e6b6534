import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/index.ts';
import type { DirectoryService } from './service.ts';
import { OrgInput, OrgListQuery, OrgPatch } from './schemas.ts';
import { presentOrg } from './presenter.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['directory'];

export async function directoryRoutes(app: FastifyInstance, opts: { directory: DirectoryService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const dir = opts.directory;

  r.get(
    '/api/v1/orgs',
    {
      schema: {
        tags,
        summary: '查询名录库 Search the directory',
        description:
          'Chinese full-text search (traditional and simplified fold to one form, full-width to half-width, jieba segmentation; names also match by trigram similarity). Filters take comma-separated codes. Facet counts per category and district ignore their own filter.',
        querystring: OrgListQuery,
      },
    },
    async (req) => {
      const result = await dir.list(req.query);
      return { ...result, items: result.items.map((o) => presentOrg(o, req.user)) };
    },
  );

  r.get('/api/v1/orgs/:id', { schema: { tags, summary: '机构详情 Organization', params: IdParams } }, async (req) => presentOrg(await dir.get(req.params.id), req.user));

  r.get('/api/v1/orgs/:id/history', { schema: { tags, summary: '修改历史 Change history (signed in)', params: IdParams } }, async (req) => {
    requireRole(req, 'admin', 'district_admin', 'org_member');
    const items = await dir.history(req.params.id);
    return { items, total: items.length };
  });

  r.post('/api/v1/orgs', { schema: { tags, summary: '新增机构 Create (admin, district admin)', body: OrgInput } }, async (req, reply) => {
    const user = requireRole(req, 'admin', 'district_admin');
    reply.code(201);
    return dir.create(req.body, user);
  });

  r.patch(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: '修改机构 Edit (admin; district admin within district)',
        description: 'Send `version` (from the GET) to refuse the edit with 409 if someone else changed the organization meanwhile.',
        params: IdParams,
        body: OrgPatch,
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin', 'district_admin');
      return dir.update(req.params.id, req.body, user);
    },
  );
}
