/** The front page's one request. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PUBLIC } from '../../../platform/http/contract.ts';
import type { FrontService } from './service.ts';
import { FrontView } from './schemas.ts';

export async function frontRoutes(app: FastifyInstance, opts: { front: FrontService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/portal/front',
    {
      schema: {
        operationId: 'getPortalFront',
        tags: ['portal'],
        security: PUBLIC,
        summary: '门户首页 The front page in one request: headline figures against the 2025 targets, notices, the newest listings',
        description: 'Read from kept figures (the indicators’ stored values) and kept for up to 30 s; a notice’s change shows at once.',
        response: { 200: FrontView },
      },
    },
    async (req) => opts.front.front(req.user ?? null),
  );
}
