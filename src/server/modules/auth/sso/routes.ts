/**
 * Single sign-on over HTTP. start and callback are browser navigations, answered with redirects (to the
 * provider, back into the app, or to the login page with `?sso_error=<code>`), never with a JSON error.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, OkView, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { requireRole, requireUser, setSessionCookie } from '../guard.ts';
import type { SsoLinks } from './links.ts';
import type { SsoService } from './service.ts';
import { CallbackQuery, LinkInput, LinkListView, LinkParams, LinkView, RedirectResponse, SsoStatusView, StartQuery, UserIdParams } from './schemas.ts';

/** The browser's half of a sign-in under way: sent only to the callback, gone after ten minutes. */
const STATE_COOKIE = 'kft_sso_state';
const COOKIE_PATH = '/api/v1/auth/sso';
const tags = ['auth'];
const loginError = (code: string) => `/login?sso_error=${encodeURIComponent(code)}`;

export async function ssoRoutes(app: FastifyInstance, opts: { sso: SsoService; links: SsoLinks; cookieSecure: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sso, links } = opts;

  r.get(
    '/api/v1/auth/sso',
    {
      schema: {
        operationId: 'getSsoStatus',
        tags,
        summary: '统一身份认证是否启用 Whether single sign-on is on',
        security: PUBLIC,
        response: { 200: SsoStatusView },
      },
    },
    async () => sso.status(),
  );

  r.get(
    '/api/v1/auth/sso/start',
    {
      schema: {
        operationId: 'startSso',
        tags,
        summary: '统一身份认证登录 Sign in through the identity provider (redirects there)',
        security: PUBLIC,
        querystring: StartQuery,
        response: { 302: RedirectResponse },
      },
    },
    async (req, reply) => {
      const started = await sso.start(req.query.returnTo);
      if ('error' in started) return reply.redirect(loginError(started.error));
      reply.setCookie(STATE_COOKIE, started.state, { httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure, path: COOKIE_PATH, maxAge: 600 });
      return reply.redirect(started.url);
    },
  );

  r.get(
    '/api/v1/auth/sso/callback',
    {
      schema: {
        operationId: 'finishSso',
        tags,
        summary: '统一身份认证回调 The identity provider answers (redirects into the app or to the login page)',
        security: PUBLIC,
        querystring: CallbackQuery,
        response: { 302: RedirectResponse },
      },
    },
    async (req, reply) => {
      const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      const outcome = await sso.callback(req.query, search, req.cookies[STATE_COOKIE]);
      reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
      if ('error' in outcome) return reply.redirect(loginError(outcome.error));
      setSessionCookie(reply, outcome.session, opts.cookieSecure);
      return reply.redirect(outcome.returnTo);
    },
  );

  r.get(
    '/api/v1/auth/sso/links',
    {
      schema: {
        operationId: 'listMySsoLinks',
        tags,
        summary: '我的统一身份认证关联 My single sign-on links',
        security: SESSION,
        response: { 200: LinkListView, ...errorResponses(401) },
      },
    },
    async (req) => ({ items: await links.list(requireUser(req).id) }),
  );

  r.get(
    '/api/v1/users/:id/sso-links',
    {
      schema: {
        operationId: 'listSsoLinks',
        tags,
        summary: '账号的统一身份认证关联 An account’s single sign-on links (admin)',
        security: SESSION,
        params: UserIdParams,
        response: { 200: LinkListView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      return { items: await links.list(req.params.id) };
    },
  );

  r.post(
    '/api/v1/users/:id/sso-links',
    {
      schema: {
        operationId: 'createSsoLink',
        tags,
        summary: '关联统一身份认证 Link an account to a provider identity (admin)',
        security: SESSION,
        params: UserIdParams,
        body: LinkInput,
        response: { 201: LinkView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const admin = requireRole(req, 'admin');
      return reply.code(201).send(await links.link(admin, req.params.id, req.body));
    },
  );

  r.delete(
    '/api/v1/users/:id/sso-links/:linkId',
    {
      schema: {
        operationId: 'deleteSsoLink',
        tags,
        summary: '解除统一身份认证关联 Unlink a provider identity (admin)',
        security: SESSION,
        params: LinkParams,
        response: { 200: OkView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const admin = requireRole(req, 'admin');
      await links.unlink(admin, req.params.id, req.params.linkId);
      return { ok: true as const };
    },
  );
}
