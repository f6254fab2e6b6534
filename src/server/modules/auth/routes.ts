import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, OkView, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import type { AuthService } from './service.ts';
import { SESSION_COOKIE, setSessionCookie } from './guard.ts';
import { Credentials, DemoAccountsView, MeView, SignedInView } from './schemas.ts';

/** In demo mode: the accounts to offer on the login page (those that exist) and their password. */
export interface DemoAccounts {
  password: string;
  usernames: readonly string[];
}

const tags = ['auth'];

export async function authRoutes(app: FastifyInstance, opts: { auth: AuthService; cookieSecure: boolean; demo: DemoAccounts | null }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        operationId: 'signIn',
        tags,
        summary: '登录 Sign in',
        security: PUBLIC,
        body: Credentials,
        response: { 200: SignedInView, ...errorResponses(400, 401, 403, 423, 429) },
      },
    },
    async (req, reply) => {
      const { user, token, expiresAt } = await opts.auth.login(req.body.username, req.body.password, req.body.code);
      setSessionCookie(reply, { token, expiresAt }, opts.cookieSecure);
      return { user };
    },
  );
  r.post(
    '/api/v1/auth/logout',
    {
      schema: { operationId: 'signOut', tags, summary: '退出 Sign out', security: SESSION, response: { 200: OkView } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await opts.auth.logout(token, req.user);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/auth/me',
    {
      schema: { operationId: 'getCurrentUser', tags, summary: '当前用户 Current user (null when not signed in)', security: PUBLIC, response: { 200: MeView } },
    },
    async (req) => ({ user: req.user }),
  );
  r.get(
    '/api/v1/auth/demo-accounts',
    {
      schema: {
        operationId: 'listDemoAccounts',
        tags,
        summary: '演示账号 Demo accounts (none unless the server is in demo mode)',
        security: PUBLIC,
        response: { 200: DemoAccountsView },
      },
    },
    async () =>
      opts.demo ? { password: opts.demo.password, accounts: await opts.auth.activeAccounts(opts.demo.usernames) } : { password: null, accounts: [] },
  );
}
