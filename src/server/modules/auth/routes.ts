import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from './service.ts';
import { SESSION_COOKIE, requireUser } from './guard.ts';

const Credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export async function authRoutes(app: FastifyInstance, opts: { auth: AuthService; cookieSecure: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/auth/login', { schema: { tags: ['auth'], summary: '登录 Sign in', body: Credentials } }, async (req, reply) => {
    const { user, token, expiresAt } = await opts.auth.login(req.body.username, req.body.password);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.cookieSecure,
      path: '/',
      expires: expiresAt,
    });
    return { user };
  });
  r.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出 Sign out' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await opts.auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  r.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: '当前用户 Current user' } }, async (req) => {
    return { user: requireUser(req) };
  });
}
