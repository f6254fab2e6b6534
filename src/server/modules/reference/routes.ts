import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReferenceService } from './service.ts';
import { ORG_KINDS, RECOGNITION_KINDS, REVENUE_BANDS } from './service.ts';
import { requireRole } from '../auth/index.ts';
import { listHistory } from '../../platform/history.ts';
import type { Database } from '../../platform/db/database.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');

export async function referenceRoutes(app: FastifyInstance, opts: { reference: ReferenceService; db: Database }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ref = opts.reference;
  const tags = ['reference'];
  r.get('/api/v1/reference', { schema: { tags, summary: '全部参考数据 All reference data' } }, async () => ({
    categories: await ref.categories(),
    divisions: await ref.divisions(),
    clusters: await ref.clusters(),
    managementAreas: await ref.managementAreas(),
    orgKinds: ORG_KINDS,
    recognitionKinds: RECOGNITION_KINDS,
    revenueBands: REVENUE_BANDS,
  }));
  r.get('/api/v1/reference/categories', { schema: { tags, summary: '服务类别 Service categories' } }, async () => ({ items: await ref.categories() }));
  r.get('/api/v1/reference/divisions', { schema: { tags, summary: '区县 Divisions' } }, async () => ({ items: await ref.divisions() }));
  r.get('/api/v1/reference/clusters', { schema: { tags, summary: '集聚区 Clusters' } }, async () => ({ items: await ref.clusters() }));
  r.patch(
    '/api/v1/reference/categories/:code',
    {
      schema: {
        tags,
        summary: '修改服务类别 Edit a category (admin)',
        params: z.object({ code: z.string() }),
        body: z.object({ nameZh: z.string().min(1).max(50), nameEn: z.string().min(1).max(100), nationalClass: z.string().min(1).max(100), industryCodes: z.array(z.string().max(10)), sortOrder: z.number().int() }).partial(),
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return ref.updateCategory(req.params.code, req.body, { id: user.id, name: user.username });
    },
  );
  r.patch(
    '/api/v1/reference/divisions/:code',
    {
      schema: {
        tags,
        summary: '修改区县（有效期、继承关系）Edit a division (admin)',
        params: z.object({ code: z.string() }),
        body: z.object({ name: z.string().min(1).max(50), validFrom: date.nullable(), validTo: date.nullable(), successorCode: z.string().nullable(), provisional: z.boolean(), note: z.string().max(500).nullable() }).partial(),
      },
    },
    async (req) => {
      const user = requireRole(req, 'admin');
      return ref.updateDivision(req.params.code, req.body, { id: user.id, name: user.username });
    },
  );
  r.get(
    '/api/v1/reference/:kind/:code/history',
    { schema: { tags, summary: '参考数据修改历史 History (admin)', params: z.object({ kind: z.enum(['categories', 'divisions']), code: z.string() }) } },
    async (req) => {
      requireRole(req, 'admin');
      const type = req.params.kind === 'categories' ? 'service_category' : 'division';
      return { items: await listHistory(opts.db, type, req.params.code) };
    },
  );
}
