/** The dashboards' routes: one request per view, and its workbook. Public, as the indicators are (service.ts says why). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, fileResponse, PUBLIC } from '../../../platform/http/contract.ts';
import { attachment } from '../../../platform/export/spreadsheet.ts';
import { requestLocale } from '../../../platform/http/i18n.ts';
import type { DashboardService } from './service.ts';
import { DashboardParams, DashboardView } from './schemas.ts';
import { dashboardWorkbook } from './presenter.ts';

const tags = ['statistics'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function dashboardRoutes(
  app: FastifyInstance,
  opts: { dashboards: DashboardService; districtName: (code: string, en: boolean) => Promise<string> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { dashboards } = opts;

  r.get(
    '/api/v1/dashboards/:scope',
    {
      schema: {
        operationId: 'getDashboard',
        tags,
        security: PUBLIC,
        summary: '监测看板 A dashboard: the city (chongqing), a district (district:<code>) or a cluster (cluster:<id>)',
        description:
          'Every indicator of the scope with its latest value, progress to each target (percent and whether it is on the straight path from the baseline) ' +
          'and its values by period; the market entities by category and by district (for the map); the three clusters compared. ' +
          'Read from kept figures: nothing is recounted per request.',
        params: DashboardParams,
        response: { 200: DashboardView, ...errorResponses(400, 404) },
      },
    },
    async (req) => dashboards.dashboard(req.params.scope),
  );

  r.get(
    '/api/v1/dashboards/:scope/xlsx',
    {
      schema: {
        operationId: 'exportDashboard',
        tags,
        security: PUBLIC,
        summary: '导出监测看板 The dashboard as .xlsx: progress, trend, by category, by district, clusters (one sheet each)',
        params: DashboardParams,
        response: { 200: fileResponse('监测看板 The dashboard as .xlsx', [XLSX]), ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const d = await dashboards.dashboard(req.params.scope);
      const names = new Map<string, string>();
      for (const x of d.districts) names.set(x.code, await opts.districtName(x.code, locale === 'en'));
      const book = await dashboardWorkbook(d, locale, (code) => names.get(code) ?? code);
      reply.header('content-disposition', attachment(book.filename, book.asciiName));
      return reply.type(XLSX).send(book.body as never);
    },
  );
}
