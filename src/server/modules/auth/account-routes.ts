/** A signed-in user's own account: password, sessions (see and end them), the second factor. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, OkView, SESSION } from '../../platform/http/contract.ts';
import type { AuthService } from './service.ts';
import { requireUser } from './guard.ts';
import { isOffice } from './policy.ts';
import { IdParams, PasswordChange, RevokedView, SecurityView, SessionsView, TotpCode, TotpSetupView } from './schemas.ts';
import { SecondFactor } from './second-factor.ts';

const tags = ['auth'];

export async function accountRoutes(app: FastifyInstance, opts: { auth: AuthService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { auth } = opts;
  const factor = new SecondFactor(auth.db, auth.repo);

  r.get(
    '/api/v1/auth/security',
    {
      schema: {
        operationId: 'getAccountSecurity',
        tags,
        summary: '账号安全设置 Account security',
        security: SESSION,
        response: { 200: SecurityView, ...errorResponses(401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return { totpEnabled: await factor.enabled(user.id), totpOffered: isOffice(user), passwordPolicy: auth.security.password };
    },
  );
  r.post(
    '/api/v1/auth/password',
    {
      schema: {
        operationId: 'changeOwnPassword',
        tags,
        summary: '修改密码 Change my password (ends my other sessions)',
        security: SESSION,
        body: PasswordChange,
        response: { 200: OkView, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await auth.changePassword(user, req.body.currentPassword, req.body.newPassword, req.sessionId);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/auth/sessions',
    {
      schema: {
        operationId: 'listOwnSessions',
        tags,
        summary: '我的登录会话 My sessions',
        security: SESSION,
        response: { 200: SessionsView, ...errorResponses(401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const rows = await auth.sessionsOf(user.id);
      return {
        items: rows.map((s) => ({
          id: s.id,
          createdAt: s.created_at,
          lastSeenAt: s.last_seen_at,
          expiresAt: s.expires_at,
          ip: s.ip,
          userAgent: s.user_agent,
          current: s.id === req.sessionId,
        })),
      };
    },
  );
  r.delete(
    '/api/v1/auth/sessions/:id',
    {
      schema: {
        operationId: 'revokeOwnSession',
        tags,
        summary: '结束一个会话 End one of my sessions',
        security: SESSION,
        params: IdParams,
        response: { 200: OkView, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => {
      await auth.revokeSession(requireUser(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/auth/sessions/revoke-others',
    {
      schema: {
        operationId: 'revokeOtherSessions',
        tags,
        summary: '结束其他设备上的会话 End my sessions on other devices',
        security: SESSION,
        response: { 200: RevokedView, ...errorResponses(401) },
      },
    },
    async (req) => ({ revoked: await auth.revokeOtherSessions(requireUser(req), req.sessionId) }),
  );
  r.post(
    '/api/v1/auth/totp/setup',
    {
      schema: {
        operationId: 'setUpTotp',
        tags,
        summary: '设置动态口令 Set up a second factor (office accounts)',
        security: SESSION,
        response: { 200: TotpSetupView, ...errorResponses(401, 403, 409) },
      },
    },
    async (req) => factor.setup(requireUser(req)),
  );
  r.post(
    '/api/v1/auth/totp/enable',
    {
      schema: {
        operationId: 'enableTotp',
        tags,
        summary: '启用动态口令 Turn the second factor on',
        security: SESSION,
        body: TotpCode,
        response: { 200: OkView, ...errorResponses(400, 401, 409) },
      },
    },
    async (req) => {
      await factor.enable(requireUser(req), req.body.code);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/auth/totp/disable',
    {
      schema: {
        operationId: 'disableTotp',
        tags,
        summary: '关闭动态口令 Turn the second factor off',
        security: SESSION,
        body: TotpCode,
        response: { 200: OkView, ...errorResponses(400, 401, 409) },
      },
    },
    async (req) => {
      await factor.disable(requireUser(req), req.body.code);
      return { ok: true as const };
    },
  );
}
