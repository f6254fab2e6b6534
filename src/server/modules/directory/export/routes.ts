import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachment, csvStream, xlsxStream } from '../../../platform/export/spreadsheet.ts';
import { fileResponse, PUBLIC } from '../../../platform/http/contract.ts';
import { ORG_COLUMNS, orgToCells } from '../columns.ts';
import { OrgListQuery, SpreadsheetFormat } from '../schemas.ts';
import type { DirectoryService } from '../service.ts';
import { loadLookups } from '../lookups.ts';

const ExportQuery = OrgListQuery.omit({ page: true, pageSize: true, sort: true, order: true }).extend(SpreadsheetFormat.shape);
export const SPREADSHEET_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];

export async function exportRoutes(app: FastifyInstance, opts: { directory: DirectoryService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/orgs/export',
    {
      schema: {
        operationId: 'exportOrgs',
        tags: ['directory'],
        security: PUBLIC,
        summary: '导出名录 Export the list (same filters as the list; contacts masked unless signed in)',
        querystring: ExportQuery,
        response: { 200: fileResponse('名录表格 The list as xlsx or csv', SPREADSHEET_TYPES) },
      },
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      const lookups = await loadLookups(opts.directory.reference);
      const batches = opts.directory.exportBatches(query, req.user);
      async function* rows() {
        for await (const batch of batches) yield batch.map((o) => orgToCells(o, lookups));
      }
      const columns = ORG_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
      const stamp = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      reply.header('content-disposition', attachment(`科技服务机构名录-${stamp}.${format}`, `orgs-${stamp}.${format}`));
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(csvStream(columns, rows()));
      return reply.type(SPREADSHEET_TYPES[0]).send(xlsxStream('科技服务机构', columns, rows()));
    },
  );
}
