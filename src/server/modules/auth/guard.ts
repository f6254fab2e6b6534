/**
 * Who is calling: reads the session cookie on every request and puts the user (or null) on
 * request.user. Routes state what they need with `requireUser` / `requireRole`; the rule itself
 * ("a district admin edits only their district") lives in the module's service.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../../platform/http/errors.ts';
import type { AuthService } from './service.ts';
import type { CurrentUser, Role } from './schemas.ts';

export const SESSION_COOKIE = 'kft_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    /** the id of the session the request came with (to mark "this device" and keep it on a password change) */
    sessionId: number | null;
  }
}

/** The session cookie: httpOnly (no script reads it), SameSite=Lax, Secure behind HTTPS. */
export function setSessionCookie(reply: FastifyReply, session: { token: string; expiresAt: Date }, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: session.expiresAt });
}

export const authGuard = fp(async (app: FastifyInstance, opts: { auth: AuthService }) => {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    const found = token ? await opts.auth.userForSession(token) : null;
    req.user = found?.user ?? null;
    req.sessionId = found?.sessionId ?? null;
  });
});

export function requireUser(req: FastifyRequest): CurrentUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

export function requireRole(req: FastifyRequest, ...roles: Role[]): CurrentUser {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/** The signed-in caller if the module's policy allows them (401 when anonymous, 403 when not allowed). */
export function requireAllowed(req: FastifyRequest, allowed: (user: CurrentUser) => boolean): CurrentUser {
  const user = requireUser(req);
  if (!allowed(user)) throw forbidden();
  return user;
}
