/**
 * Where a request came from (address, user agent, request id), available to the audit trail anywhere
 * in the request's work without every service passing it along: an AsyncLocalStorage entered when the
 * request arrives and again just before its handler (body parsing runs on the socket's own async context).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

const storage = new AsyncLocalStorage<RequestOrigin>();

/** The current request's origin, or nulls outside a request (a timer, a start-up step, a test's direct call). */
export function currentOrigin(): RequestOrigin {
  return storage.getStore() ?? { ip: null, userAgent: null, requestId: null };
}

export function originOf(req: FastifyRequest): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] ?? '').slice(0, 300) || null, requestId: String(req.id) };
}

/** Runs fn with the given origin as current (for work started on a request's behalf outside its chain). */
export function withOrigin<T>(origin: RequestOrigin, fn: () => T): T {
  return storage.run(origin, fn);
}

declare module 'fastify' {
  interface FastifyRequest {
    origin: RequestOrigin;
  }
}

export const requestOrigin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('origin', null as unknown as RequestOrigin);
  app.addHook('onRequest', (req, _reply, done) => {
    req.origin = originOf(req);
    storage.run(req.origin, done);
  });
  app.addHook('preHandler', (req, _reply, done) => {
    storage.run(req.origin, done);
  });
});
