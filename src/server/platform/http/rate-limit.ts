/**
 * Rate limits shared by every app process: a counter per rule, caller and fixed window in PostgreSQL
 * (rate_limit_hits), so two processes behind one address count together. A caller past a limit gets
 * 429 in the one error shape, with Retry-After. Signed-in callers are counted by account, others by
 * address. Rules: sign-in, the public account flows (registration, password reset), and every write.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from '../db/sql.ts';
import type { Queryable } from '../db/database.ts';
import { AppError } from './errors.ts';

export interface RateRule {
  name: string;
  applies: (req: FastifyRequest) => boolean;
  limit: number;
  windowSeconds: number;
  /** count by address even when signed in (sign-in itself, account flows) */
  byAddress?: boolean;
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const path = (req: FastifyRequest) => req.url.split('?')[0];

export function defaultRules(l: { writesPerMinute: number; loginsPerMinute: number; signupsPerHour: number }): RateRule[] {
  const accountFlows = [/^\/api\/v1\/registrations$/, /^\/api\/v1\/auth\/password-reset(-requests)?$/, /^\/api\/v1\/invitations\/[^/]+\/accept$/];
  return [
    { name: 'login', applies: (r) => r.method === 'POST' && path(r) === '/api/v1/auth/login', limit: l.loginsPerMinute, windowSeconds: 60, byAddress: true },
    {
      name: 'account',
      applies: (r) => r.method === 'POST' && accountFlows.some((re) => re.test(path(r))),
      limit: l.signupsPerHour,
      windowSeconds: 3600,
      byAddress: true,
    },
    { name: 'write', applies: (r) => WRITE.has(r.method) && r.url.startsWith('/api/'), limit: l.writesPerMinute, windowSeconds: 60 },
  ];
}

/** Counts one hit and answers the count in the current window and the seconds until it ends. */
async function hit(db: Queryable, key: string, windowSeconds: number): Promise<{ hits: number; resetIn: number }> {
  const { rows } = await db.query<{ hits: number; reset_in: number }>(sql`
    INSERT INTO rate_limit_hits AS h (key, window_start, hits) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN h.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE h.hits + 1 END,
      window_start = CASE WHEN h.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE h.window_start END
    RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => ${windowSeconds}) - now()))::int AS reset_in`);
  return { hits: rows[0].hits, resetIn: Math.max(1, rows[0].reset_in) };
}

/** Registers the limits; call after the auth guard, which puts the caller on the request. */
export function registerRateLimits(app: FastifyInstance, db: Queryable, rules: RateRule[]): void {
  let sweep = 0;
  app.addHook('onRequest', async (req, reply) => {
    for (const rule of rules) {
      if (!rule.applies(req)) continue;
      const who = !rule.byAddress && req.user ? `u${req.user.id}` : `a${req.ip}`;
      const { hits, resetIn } = await hit(db, `${rule.name}:${who}`, rule.windowSeconds);
      reply.header('ratelimit-limit', String(rule.limit));
      reply.header('ratelimit-remaining', String(Math.max(0, rule.limit - hits)));
      if (hits > rule.limit) throw new AppError(429, 'rate_limited', 'error.rateLimitedRetry', { seconds: resetIn }, [], { retryAfter: resetIn });
    }
    // now and then, forget windows long past
    if (++sweep % 500 === 0) await db.query(sql`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 day'`);
  });
}
