import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, OkView, PUBLIC } from '../../../platform/http/contract.ts';
import { requestLocale } from '../../../platform/http/i18n.ts';
import { AcceptedRequestView, ResetInput, ResetRequestInput } from '../schemas.ts';
import type { RecoveryService } from './service.ts';

const tags = ['auth'];

export async function recoveryRoutes(app: FastifyInstance, opts: { recovery: RecoveryService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/auth/password-reset-requests',
    {
      schema: {
        operationId: 'requestPasswordReset',
        tags,
        summary: '忘记密码 Ask for a reset link by email (the same answer whether or not the account exists)',
        security: PUBLIC,
        body: ResetRequestInput,
        response: { 202: AcceptedRequestView, ...errorResponses(400) },
      },
    },
    async (req, reply) => {
      await opts.recovery.requestReset(req.body.login, requestLocale(req));
      return reply.code(202).send({ accepted: true as const });
    },
  );
  r.post(
    '/api/v1/auth/password-reset',
    {
      schema: {
        operationId: 'resetPassword',
        tags,
        summary: '重设密码 Set a new password with the emailed link',
        security: PUBLIC,
        body: ResetInput,
        response: { 200: OkView, ...errorResponses(400) },
      },
    },
    async (req) => {
      await opts.recovery.reset(req.body.token, req.body.password);
      return { ok: true as const };
    },
  );
}
