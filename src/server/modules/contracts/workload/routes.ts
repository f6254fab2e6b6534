/** HTTP route of the stations' workload: thin, schema in → service → out. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, SESSION } from '../../../platform/http/contract.ts';
import { requireUser } from '../../auth/index.ts';
import { WorkloadQuery, WorkloadView } from './schemas.ts';
import type { WorkloadService } from './service.ts';

export async function workloadRoutes(app: FastifyInstance, opts: { workload: WorkloadService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/contract-workload',
    {
      schema: {
        operationId: 'contractWorkload',
        tags: ['contracts'],
        summary: '登记站工作量与办理时长 Per station: received by state, on the clock and overdue now, median and p90 working days to decision',
        security: SESSION,
        querystring: WorkloadQuery,
        response: { 200: WorkloadView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => opts.workload.workload(requireUser(req), req.query),
  );
}
