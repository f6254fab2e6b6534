import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import { requireUser } from '../auth/index.ts';
import type { RegistrationService } from './service.ts';
import { presentClaim } from './presenter.ts';
import { ClaimListQuery, ClaimListView, ClaimParams, MyClaimView, RegistrationInput, RejectBody, SubmittedView, TokenBody } from './schemas.ts';

const tags = ['registration'];

export async function registrationRoutes(app: FastifyInstance, opts: { registrations: RegistrationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = opts.registrations;
  r.post(
    '/api/v1/registrations',
    {
      schema: {
        operationId: 'registerOrg',
        tags,
        summary: '注册机构账号 Register an organization account (a link to verify the email is sent)',
        security: PUBLIC,
        body: RegistrationInput,
        response: { 201: SubmittedView, ...errorResponses(400, 409) },
      },
    },
    async (req, reply) => reply.code(201).send({ claim: presentClaim(await s.register(req.body, requestLocale(req))) }),
  );
  r.post(
    '/api/v1/registrations/verify',
    {
      schema: {
        operationId: 'verifyRegistrationEmail',
        tags,
        summary: '验证邮箱 Verify the email address (the emailed link); the claim goes to the district office',
        security: PUBLIC,
        body: TokenBody,
        response: { 200: SubmittedView, ...errorResponses(400, 404) },
      },
    },
    async (req) => ({ claim: presentClaim(await s.verifyEmail(req.body.token)) }),
  );
  r.get(
    '/api/v1/registrations/mine',
    {
      schema: {
        operationId: 'getMyClaim',
        tags,
        summary: '我的机构认领 My organization claim and where it stands',
        security: SESSION,
        response: { 200: MyClaimView, ...errorResponses(401) },
      },
    },
    async (req) => {
      const claim = await s.myClaim(requireUser(req));
      return { claim: claim ? presentClaim(claim) : null };
    },
  );
  r.get(
    '/api/v1/org-claims',
    {
      schema: {
        operationId: 'listOrgClaims',
        tags,
        summary: '机构认领审核 Claims to review (a district office sees its own district)',
        security: SESSION,
        querystring: ClaimListQuery,
        response: { 200: ClaimListView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { items, total } = await s.list(req.query, requireUser(req));
      return { items: items.map(presentClaim), total };
    },
  );
  r.post(
    '/api/v1/org-claims/:id/confirm',
    {
      schema: {
        operationId: 'confirmOrgClaim',
        tags,
        summary: '确认认领 Confirm a claim (the account then acts for the organization)',
        security: SESSION,
        params: ClaimParams,
        response: { 200: SubmittedView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({ claim: presentClaim(await s.confirm(req.params.id, requireUser(req), requestLocale(req))) }),
  );
  r.post(
    '/api/v1/org-claims/:id/reject',
    {
      schema: {
        operationId: 'rejectOrgClaim',
        tags,
        summary: '驳回认领 Reject a claim, with the reason the registrant is told',
        security: SESSION,
        params: ClaimParams,
        body: RejectBody,
        response: { 200: SubmittedView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({ claim: presentClaim(await s.reject(req.params.id, req.body.reason, requireUser(req), requestLocale(req))) }),
  );
}
