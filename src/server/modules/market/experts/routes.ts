/** HTTP routes of the expert pool (专家库). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mayWriteListings } from '../policy.ts';
import { errorResponses, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { requireAllowed, requireUser } from '../../auth/index.ts';
import { HistoryView, IdParams } from '../schemas.ts';
import type { ExpertService } from './service.ts';
import { presentExpert, presentExpertList } from './presenter.ts';
import { ConsentInput, ExpertInput, ExpertListQuery, ExpertListView, ExpertPatch, ExpertView, MyExpertView } from './schemas.ts';

const tags = ['experts'];

export async function expertRoutes(app: FastifyInstance, opts: { experts: ExpertService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.experts;

  r.get(
    '/api/v1/experts',
    {
      schema: {
        operationId: 'listExperts',
        tags,
        summary: '专家库 Search experts',
        security: PUBLIC,
        querystring: ExpertListQuery,
        response: { 200: ExpertListView },
      },
    },
    async (req) => presentExpertList(await svc.list(req.query), req.user),
  );

  r.get(
    '/api/v1/experts/me',
    {
      schema: {
        operationId: 'getMyExpertProfile',
        tags,
        summary: '我的专家信息 The signed-in user’s own expert profile (or null)',
        security: SESSION,
        response: { 200: MyExpertView, ...errorResponses(401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const e = await svc.mine(user);
      return { expert: e ? presentExpert(e, user) : null };
    },
  );

  r.get(
    '/api/v1/experts/:id',
    {
      schema: {
        operationId: 'getExpert',
        tags,
        summary: '专家详情 Expert (contact data as the expert allowed)',
        security: PUBLIC,
        params: IdParams,
        response: { 200: ExpertView, ...errorResponses(404) },
      },
    },
    async (req) => presentExpert(await svc.get(req.params.id), req.user),
  );

  r.post(
    '/api/v1/experts',
    {
      schema: {
        operationId: 'createExpert',
        tags,
        summary: '登记专家 Register (city admin: anyone; member: themself)',
        security: SESSION,
        body: ExpertInput,
        response: { 201: ExpertView, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireAllowed(req, mayWriteListings);
      reply.code(201);
      return presentExpert(await svc.create(req.body, user), user);
    },
  );

  r.patch(
    '/api/v1/experts/:id',
    {
      schema: {
        operationId: 'updateExpert',
        tags,
        summary: '修改专家 Edit (the expert, city admin)',
        security: SESSION,
        params: IdParams,
        body: ExpertPatch,
        response: { 200: ExpertView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentExpert(await svc.update(req.params.id, req.body, user), user);
    },
  );

  r.put(
    '/api/v1/experts/:id/consent',
    {
      schema: {
        operationId: 'setExpertContactConsent',
        tags,
        summary: '公开联系方式 The expert agrees (or no longer agrees) to show phone and email to organization members',
        security: SESSION,
        params: IdParams,
        body: ConsentInput,
        response: { 200: ExpertView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentExpert(await svc.setConsent(req.params.id, req.body.contactVisible, user), user);
    },
  );

  r.get(
    '/api/v1/experts/:id/history',
    {
      schema: {
        operationId: 'listExpertHistory',
        tags,
        summary: '修改历史 History (the expert, city admin)',
        security: SESSION,
        params: IdParams,
        response: { 200: HistoryView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const items = await svc.history(req.params.id, requireUser(req));
      return { items, total: items.length };
    },
  );
}
