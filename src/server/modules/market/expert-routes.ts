/** HTTP routes of the expert pool (专家库). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from '../auth/index.ts';
import { presentExpert, type ExpertService } from './experts.ts';
import { ConsentInput, ExpertInput, ExpertListQuery, ExpertPatch } from './schemas.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['experts'];

export async function expertRoutes(app: FastifyInstance, opts: { experts: ExpertService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.experts;
  r.get('/api/v1/experts', { schema: { tags, summary: '专家库 Search experts', querystring: ExpertListQuery } }, async (req) => svc.list(req.query, req.user));
  r.get('/api/v1/experts/me', { schema: { tags, summary: '我的专家信息 The signed-in user’s own expert profile (or null)' } }, async (req) => {
    const user = requireUser(req);
    const e = await svc.mine(user);
    return { expert: e ? presentExpert(e, user) : null };
  });
  r.get('/api/v1/experts/:id', { schema: { tags, summary: '专家详情 Expert (contact data as the expert allowed)', params: IdParams } }, async (req) => presentExpert(await svc.get(req.params.id), req.user));
  r.post('/api/v1/experts', { schema: { tags, summary: '登记专家 Register (city admin: anyone; member: themself)', body: ExpertInput } }, async (req, reply) => {
    const user = requireRole(req, 'admin', 'org_member');
    reply.code(201);
    return presentExpert(await svc.create(req.body, user), user);
  });
  r.patch('/api/v1/experts/:id', { schema: { tags, summary: '修改专家 Edit (the expert, city admin)', params: IdParams, body: ExpertPatch } }, async (req) => {
    const user = requireUser(req);
    return presentExpert(await svc.update(req.params.id, req.body, user), user);
  });
  r.put('/api/v1/experts/:id/consent', { schema: { tags, summary: '公开联系方式 The expert agrees (or no longer agrees) to show phone and email to organization members', params: IdParams, body: ConsentInput } }, async (req) => {
    const user = requireUser(req);
    return presentExpert(await svc.setConsent(req.params.id, req.body.contactVisible, user), user);
  });
  r.get('/api/v1/experts/:id/history', { schema: { tags, summary: '修改历史 History (the expert, city admin)', params: IdParams } }, async (req) => {
    const items = await svc.history(req.params.id, requireUser(req));
    return { items, total: items.length };
  });
}
