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
        summary: '门户首页 The front page in one request: headline figures against the 2025 targets, the latest bulletin, notices, the newest listings',
        description:
          'Read from kept figures (the indicators’ stored values). Anonymous answers come from the response cache, kept under the change counters of everything shown, so any change shows at once.',
        response: { 200: FrontView },
      },
      // what the page shows; the progress against a target depends on the date too, hence the hour's slot
      config: {
        responseCache: {
          scopes: ['indicators', 'bulletins', 'notices', 'achievements', 'demands', 'instruments', 'directory', 'reference'],
          timeSlotSeconds: 3600,
        },
      },
    },
    async (req) => opts.front.front(req.user ?? null),
  );
}
