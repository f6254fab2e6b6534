/**
 * Whether the server has finished starting. It listens as soon as the database is migrated and the admin
 * account is there; the demo data (and, on every start, the first count of the statistics) load after that, so a
 * fresh `npm start` answers within seconds instead of after ~25 s. Meanwhile:
 *   - `GET /readyz` answers 503 `{ status: "loading" }` — a load balancer, and the browser tests' server
 *     (playwright.config.ts), wait for it; `/healthz` (alive) answers 200 throughout;
 *   - `GET /api/v1/status` tells the pages, which show a banner until it says `ready` and then reload their data.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PUBLIC } from './contract.ts';

export type StartStage = 'loading_demo' | 'counting' | 'ready';

export class StartState {
  private current: StartStage = 'ready';
  stage(): StartStage {
    return this.current;
  }
  set(stage: StartStage): void {
    this.current = stage;
  }
  get ready(): boolean {
    return this.current === 'ready';
  }
}

export const StatusView = z
  .object({
    stage: z.enum(['loading_demo', 'counting', 'ready']).meta({
      description: 'loading_demo: the demo data is being loaded; counting: the statistics are being counted; ready: started',
    }),
  })
  .meta({ id: 'ServerStatus' });

export async function registerStatusRoute(app: FastifyInstance, state: StartState): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/status',
    {
      schema: {
        operationId: 'getServerStatus',
        tags: ['platform'],
        security: PUBLIC,
        summary: '启动状态 Whether the server has finished starting (demo data loaded, statistics counted)',
        response: { 200: StatusView },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { stage: state.stage() };
    },
  );
}
