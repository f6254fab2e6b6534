/** The sharing indicators' routes: schema in → service → presenter out. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../auth/index.ts';
import { errorResponses, fileResponse, SESSION } from '../../../platform/http/contract.ts';
import { attachment } from '../../../platform/export/spreadsheet.ts';
import { requestLocale } from '../../../platform/http/i18n.ts';
import type { InstrumentStatsService } from './service.ts';
import { StatsQuery, StatsView } from './schemas.ts';
import { statsSpreadsheet } from './presenter.ts';

const tags = ['instruments'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function statsRoutes(app: FastifyInstance, opts: { stats: InstrumentStatsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/instrument-stats',
    {
      schema: {
        operationId: 'getSharingIndicators',
        tags,
        security: SESSION,
        summary: '共享指标 Sharing indicators per instrument, owner or district',
        description:
          'Computed from bookings and recorded usage. Organization members see their own organization’s instruments. `rows` holds the first `limit` groups by work hours; `totals` covers all.',
        querystring: StatsQuery,
        response: { 200: StatsView, ...errorResponses(401, 403) },
      },
    },
    async (req) => opts.stats.stats(req.query, requireUser(req)),
  );

  r.get(
    '/api/v1/instrument-stats.xlsx',
    {
      schema: {
        operationId: 'exportSharingIndicators',
        tags,
        security: SESSION,
        summary: '导出共享指标 Export the indicators as .xlsx',
        querystring: StatsQuery,
        response: { 200: fileResponse('共享指标表 The indicators as .xlsx', [XLSX]), ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const sheet = statsSpreadsheet(await opts.stats.stats(req.query, requireUser(req), true), requestLocale(req));
      reply.header('content-disposition', attachment(sheet.filename, sheet.asciiName));
      // a stream of bytes, not the JSON the reply's types describe
      return reply.type(XLSX).send(sheet.body as never);
    },
  );
}
