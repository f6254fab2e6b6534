/** HTTP routes of organization relations (关联关系) and the legal representative. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, OkView, SESSION } from '../../../platform/http/contract.ts';
import { requireUser } from '../../auth/index.ts';
import { IdParams } from '../schemas.ts';
import { LegalRepresentativeInput, OrgRelationsView, RelationInput, RelationParams } from './schemas.ts';
import type { RelationService } from './service.ts';

const tags = ['directory'];

export async function relationRoutes(app: FastifyInstance, opts: { relations: RelationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.relations;
  const view = async (orgId: number, user: ReturnType<typeof requireUser>) => {
    const { legalRepresentative, relations, canEdit } = await svc.get(orgId, user);
    return { orgId, legalRepresentative, relations, can: { edit: canEdit } };
  };

  r.get(
    '/api/v1/orgs/:id/relations',
    {
      schema: {
        operationId: 'getOrgRelations',
        tags,
        summary: '关联关系 Parent, subsidiaries, incubation and the legal representative (the organization and its offices)',
        security: SESSION,
        params: IdParams,
        response: { 200: OrgRelationsView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => view(req.params.id, requireUser(req)),
  );

  r.put(
    '/api/v1/orgs/:id/legal-representative',
    {
      schema: {
        operationId: 'setLegalRepresentative',
        tags,
        summary: '法定代表人 Record the legal representative (the organization and its offices)',
        security: SESSION,
        params: IdParams,
        body: LegalRepresentativeInput,
        response: { 200: OrgRelationsView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await svc.setLegalRepresentative(req.params.id, req.body.legalRepresentative, user);
      return view(req.params.id, user);
    },
  );

  r.post(
    '/api/v1/orgs/:id/relations',
    {
      schema: {
        operationId: 'addOrgRelation',
        tags,
        summary: '新增关联关系 Record that this organization owns (parent_of) or incubates another (offices)',
        security: SESSION,
        params: IdParams,
        body: RelationInput,
        response: { 201: OrgRelationsView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await svc.add(req.params.id, req.body, user);
      reply.code(201);
      return view(req.params.id, user);
    },
  );

  r.delete(
    '/api/v1/orgs/:id/relations/:relationId',
    {
      schema: {
        operationId: 'removeOrgRelation',
        tags,
        summary: '删除关联关系 Remove a relation (offices)',
        security: SESSION,
        params: RelationParams,
        response: { 200: OkView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      await svc.remove(req.params.id, req.params.relationId, requireUser(req));
      return { ok: true as const };
    },
  );
}
