/**
 * Back-pressure (@fastify/under-pressure): when the event loop lags more than OVERLOAD_EVENT_LOOP_DELAY_MS, new
 * requests get 503 with Retry-After at once, in the one error shape and the caller's language, instead of
 * joining a queue that makes every answer late and can take the process down. The other half is the database
 * pool's bounded wait (platform/db/database.ts).
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { requestLocale, translate } from './i18n.ts';

const RETRY_AFTER_SECONDS = 1;

export async function registerOverloadGuard(app: FastifyInstance, opts: { maxEventLoopDelayMs: number }): Promise<void> {
  if (!opts.maxEventLoopDelayMs) return;
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    retryAfter: RETRY_AFTER_SECONDS,
    exposeStatusRoute: false,
    pressureHandler: (req, reply) => {
      reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: { code: 'overloaded', message: translate(requestLocale(req), 'error.overloaded', { seconds: RETRY_AFTER_SECONDS }), fields: [] } });
    },
  });
}
