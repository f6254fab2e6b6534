import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, OkView, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { requestLocale } from '../../../platform/http/i18n.ts';
import { requireUser } from '../../auth/index.ts';
import { presentInvitation } from '../presenter.ts';
import {
  AcceptedView,
  AcceptInput,
  InvitationInput,
  InvitationParams,
  InvitationPreview,
  InvitationSentView,
  MembersView,
  OrgParams,
  TokenParams,
} from '../schemas.ts';
import type { InvitationService } from './service.ts';

const tags = ['registration'];

export async function invitationRoutes(app: FastifyInstance, opts: { invitations: InvitationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = opts.invitations;
  r.get(
    '/api/v1/orgs/:orgId/members',
    {
      schema: {
        operationId: 'listOrgMembers',
        tags,
        summary: '机构成员 The organization’s colleagues and open invitations',
        security: SESSION,
        params: OrgParams,
        response: { 200: MembersView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const m = await s.members(req.params.orgId, requireUser(req));
      return { ...m, invitations: m.invitations.map(presentInvitation) };
    },
  );
  r.post(
    '/api/v1/orgs/:orgId/invitations',
    {
      schema: {
        operationId: 'inviteOrgMember',
        tags,
        summary: '邀请同事 Invite a colleague by email',
        security: SESSION,
        params: OrgParams,
        body: InvitationInput,
        response: { 201: InvitationSentView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ invitation: presentInvitation(await s.invite(req.params.orgId, req.body, requireUser(req), requestLocale(req))) }),
  );
  r.delete(
    '/api/v1/orgs/:orgId/invitations/:id',
    {
      schema: {
        operationId: 'revokeOrgInvitation',
        tags,
        summary: '撤回邀请 Revoke an invitation (its link stops working)',
        security: SESSION,
        params: InvitationParams,
        response: { 200: OkView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await s.revoke(req.params.orgId, req.params.id, requireUser(req));
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/invitations/:token',
    {
      schema: {
        operationId: 'getInvitation',
        tags,
        summary: '查看邀请 An invitation as its link shows it (organization, who invited, expiry)',
        security: PUBLIC,
        params: TokenParams,
        response: { 200: InvitationPreview, ...errorResponses(400) },
      },
    },
    async (req) => s.preview(req.params.token),
  );
  r.post(
    '/api/v1/invitations/:token/accept',
    {
      schema: {
        operationId: 'acceptInvitation',
        tags,
        summary: '接受邀请 Accept an invitation: a member account of the organization',
        security: PUBLIC,
        params: TokenParams,
        body: AcceptInput,
        response: { 201: AcceptedView, ...errorResponses(400, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await s.accept(req.params.token, req.body)),
  );
}
