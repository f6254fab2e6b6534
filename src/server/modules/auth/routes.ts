import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from './service.ts';
import { SESSION_COOKIE } from './guard.ts';
import { ROLES } from './types.ts';

const Credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES as [string, ...string[]]),
  orgId: z.number().int().nullable(),
  districtCode: z.string().nullable(),
});
/** Signed in or not, both are answers: an anonymous caller gets `{ user: null }`, not an error. */
const MeView = z.object({ user: UserView.nullable() });
const DemoAccountsView = z.object({
  /** the demo accounts' shared password; null when the server is not in demo mode */
  password: z.string().nullable(),
  accounts: z.array(z.object({ username: z.string(), role: z.enum(ROLES as [string, ...string[]]) })),
});

/** In demo mode: the accounts to offer on the login page (those that exist) and their password. */
export interface DemoAccounts { password: string; usernames: readonly string[] }

export async function authRoutes(app: FastifyInstance, opts: { auth: AuthService; cookieSecure: boolean; demo: DemoAccounts | null }) {
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
  r.get('/api/v1/auth/me', {
    schema: { tags: ['auth'], summary: '当前用户 Current user (null when not signed in)', response: { 200: MeView } },
  }, async (req) => ({ user: req.user }));
  r.get('/api/v1/auth/demo-accounts', {
    schema: { tags: ['auth'], summary: '演示账号 Demo accounts (none unless the server is in demo mode)', response: { 200: DemoAccountsView } },
  }, async () => (opts.demo
    ? { password: opts.demo.password, accounts: await opts.auth.activeAccounts(opts.demo.usernames) }
    : { password: null, accounts: [] }));
}
