import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment, csvStream, xlsxStream } from '../../../platform/export/spreadsheet.ts';
import { ORG_COLUMNS, orgToCells } from '../columns.ts';
import { OrgListQuery } from '../schemas.ts';
import { presentOrg } from '../presenter.ts';
import type { DirectoryService } from '../service.ts';
import { loadLookups } from '../lookups.ts';

const ExportQuery = OrgListQuery.omit({ page: true, pageSize: true, sort: true, order: true }).extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export async function exportRoutes(app: FastifyInstance, opts: { directory: DirectoryService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/orgs/export',
    { schema: { tags: ['directory'], summary: '导出名录 Export the list (same filters as the list)', querystring: ExportQuery } },
    async (req, reply) => {
      const { format, ...query } = req.query;
      const filters = await opts.directory.filtersOf(query);
      const lookups = await loadLookups(opts.directory.reference);
      const viewer = req.user;
      const repo = opts.directory.repo;
      async function* rows() {
        for await (const batch of repo.iterate(filters)) yield batch.map((o) => orgToCells(presentOrg(o, viewer), lookups));
      }
      const columns = ORG_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
      const stamp = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      reply.header('content-disposition', attachment(`科技服务机构名录-${stamp}.${format}`, `orgs-${stamp}.${format}`));
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(csvStream(columns, rows()));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsxStream('科技服务机构', columns, rows()));
    },
  );
}
