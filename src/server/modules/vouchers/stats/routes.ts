/** The vouchers' figures for the statistics (offices: the city all districts, a district its own). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../../platform/db/database.ts';
import { errorResponses, SESSION } from '../../../platform/http/contract.ts';
import { queryInt } from '../../../platform/http/fields.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { isDistrictAdmin, isOffice, requireUser } from '../../auth/index.ts';
import { beijingYear } from '../dates.ts';
import { VoucherStatsService } from './service.ts';

const Figure = z.object({ key: z.string().nullable(), count: z.number().int(), amountFen: z.number().int() });
const StatsView = z
  .object({
    year: z.number().int(),
    districtCode: z.string().nullable().meta({ description: 'set for a district office: the figures are its district’s' }),
    issued: z.object({ byDistrict: z.array(Figure), byScheme: z.array(Figure) }),
    redeemed: z.object({ byDistrict: z.array(Figure), byScheme: z.array(Figure), byCategory: z.array(Figure) }),
  })
  .meta({ id: 'VoucherStats' });

export async function statsRoutes(app: FastifyInstance, opts: { db: Database }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const stats = new VoucherStatsService(opts.db);
  r.get(
    '/api/v1/voucher-stats',
    {
      schema: {
        operationId: 'getVoucherStats',
        tags: ['vouchers'],
        summary: '创新券统计 Issued and redeemed by district, scheme and service category, for a year (offices)',
        security: SESSION,
        querystring: z.object({ year: queryInt(2000, 2100).optional() }),
        response: { 200: StatsView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (!isOffice(user)) throw forbidden();
      const year = req.query.year ?? beijingYear();
      const district = isDistrictAdmin(user) ? user.districtCode : null;
      return { year, districtCode: district, ...(await stats.figures(year, district)) };
    },
  );
}
