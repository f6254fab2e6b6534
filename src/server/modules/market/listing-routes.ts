/** HTTP routes of achievements (科技成果) and demands (技术需求): lists, pages, forms, life cycle, matches. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from '../auth/index.ts';
import { badRequest } from '../../platform/http/errors.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import type { AchievementService } from './achievements.ts';
import { presentDemand, type DemandService } from './demands.ts';
import type { MatchService } from './match-service.ts';
import type { MatchPresenter } from './match-presenter.ts';
import { mayEditListing } from './lifecycle.ts';
import { AchievementInput, AchievementListQuery, AchievementPatch, DemandInput, DemandListQuery, DemandPatch, ReviewInput } from './schemas.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ATTACHMENT_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'image/jpeg',
  'image/png',
  'image/webp',
]);
const ATTACHMENT_MAX = 10 * 1024 * 1024;

export async function listingRoutes(app: FastifyInstance, opts: { achievements: AchievementService; demands: DemandService; matches: MatchService; presenter: MatchPresenter }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { achievements, demands, matches, presenter } = opts;

  // ---------------------------------------------------------------- achievements
  const tags = ['achievements'];
  r.get('/api/v1/achievements', { schema: { tags, summary: '科技成果库 Search achievements', querystring: AchievementListQuery } }, async (req) => {
    const result = await achievements.list(req.query, req.user);
    return { ...result, items: result.items.map((a) => ({ ...a, canManage: mayEditListing(req.user, a.ownerOrgId) })) };
  });
  r.get('/api/v1/achievements/:id', { schema: { tags, summary: '成果详情 Achievement', params: IdParams } }, async (req) => {
    const a = await achievements.get(req.params.id, req.user);
    return { ...a, canManage: mayEditListing(req.user, a.ownerOrgId) };
  });
  r.post('/api/v1/achievements', { schema: { tags, summary: '登记成果 Create a draft (organization member; city admin names ownerOrgId)', body: AchievementInput } }, async (req, reply) => {
    const user = requireRole(req, 'admin', 'org_member');
    reply.code(201);
    return achievements.create(req.body, user);
  });
  r.patch('/api/v1/achievements/:id', { schema: { tags, summary: '修改成果 Edit (send `version`)', params: IdParams, body: AchievementPatch } }, async (req) =>
    achievements.update(req.params.id, req.body, requireRole(req, 'admin', 'org_member')),
  );
  r.post('/api/v1/achievements/:id/publish', { schema: { tags, summary: '发布 Publish (or submit for review when MARKET_REVIEW is on)', params: IdParams } }, async (req) =>
    achievements.transition(req.params.id, 'publish', requireUser(req)),
  );
  r.post('/api/v1/achievements/:id/close', { schema: { tags, summary: '关闭 Close', params: IdParams } }, async (req) => achievements.transition(req.params.id, 'close', requireUser(req)));
  r.post('/api/v1/achievements/:id/review', { schema: { tags, summary: '审核 Approve or return with a reason (city admin)', params: IdParams, body: ReviewInput } }, async (req) =>
    achievements.transition(req.params.id, req.body.approve ? 'approve' : 'return', requireRole(req, 'admin'), req.body.reason),
  );
  r.get('/api/v1/achievements/:id/history', { schema: { tags, summary: '修改历史 History (editors)', params: IdParams } }, async (req) => {
    const items = await achievements.history(req.params.id, requireUser(req));
    return { items, total: items.length };
  });
  r.get('/api/v1/achievements/:id/matches', { schema: { tags, summary: '匹配的需求与企业 Demands and enterprises this achievement fits (editors)', params: IdParams } }, async (req) =>
    presenter.present(await matches.forAchievement(req.params.id, requireUser(req)), requestLocale(req)),
  );
  r.post('/api/v1/achievements/:id/attachments', { schema: { tags, summary: '上传附件 Attach a file (multipart `file`: PDF, Office, image ≤ 10 MB)', params: IdParams } }, async (req, reply) => {
    const user = requireUser(req);
    const file = await req.file();
    if (!file) throw badRequest('no_file', 'market.attachmentMissing');
    if (!ATTACHMENT_TYPES.has(file.mimetype)) throw badRequest('bad_attachment', 'market.attachmentType', { type: file.mimetype });
    const content = await file.toBuffer();
    if (content.length > ATTACHMENT_MAX) throw badRequest('bad_attachment', 'market.attachmentTooLarge', { limit: '10 MB' });
    reply.code(201);
    return achievements.addAttachment(req.params.id, { filename: file.filename, contentType: file.mimetype, content }, user);
  });
  r.get(
    '/api/v1/achievements/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载附件 Download an attachment', params: IdParams.extend({ attachmentId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const f = await achievements.attachment(req.params.id, req.params.attachmentId, req.user);
      reply.type(f.content_type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
      return f.content;
    },
  );

  // ---------------------------------------------------------------- demands
  const dtags = ['demands'];
  r.get('/api/v1/demands', { schema: { tags: dtags, summary: '技术需求库 Search demands', querystring: DemandListQuery } }, async (req) => demands.list(req.query, req.user));
  r.get('/api/v1/demands/:id', { schema: { tags: dtags, summary: '需求详情 Demand (contact phone for signed-in users)', params: IdParams } }, async (req) =>
    presentDemand(await demands.get(req.params.id, req.user), req.user),
  );
  r.post('/api/v1/demands', { schema: { tags: dtags, summary: '发布需求 Create a draft (organization member; city admin names orgId)', body: DemandInput } }, async (req, reply) => {
    const user = requireRole(req, 'admin', 'org_member');
    reply.code(201);
    return presentDemand(await demands.create(req.body, user), user);
  });
  r.patch('/api/v1/demands/:id', { schema: { tags: dtags, summary: '修改需求 Edit (send `version`)', params: IdParams, body: DemandPatch } }, async (req) => {
    const user = requireRole(req, 'admin', 'org_member');
    return presentDemand(await demands.update(req.params.id, req.body, user), user);
  });
  r.post('/api/v1/demands/:id/publish', { schema: { tags: dtags, summary: '发布 Publish (or submit for review)', params: IdParams } }, async (req) => {
    const user = requireUser(req);
    return presentDemand(await demands.transition(req.params.id, 'publish', user), user);
  });
  r.post('/api/v1/demands/:id/close', { schema: { tags: dtags, summary: '关闭 Close', params: IdParams } }, async (req) => {
    const user = requireUser(req);
    return presentDemand(await demands.transition(req.params.id, 'close', user), user);
  });
  r.post('/api/v1/demands/:id/review', { schema: { tags: dtags, summary: '审核 Approve or return (city admin)', params: IdParams, body: ReviewInput } }, async (req) => {
    const user = requireRole(req, 'admin');
    return presentDemand(await demands.transition(req.params.id, req.body.approve ? 'approve' : 'return', user, req.body.reason), user);
  });
  r.get('/api/v1/demands/:id/history', { schema: { tags: dtags, summary: '修改历史 History (editors)', params: IdParams } }, async (req) => {
    const items = await demands.history(req.params.id, requireUser(req));
    return { items, total: items.length };
  });
  r.get(
    '/api/v1/demands/:id/matches',
    {
      schema: {
        tags: dtags,
        summary: '供需匹配 Achievements, experts, providers and instruments for a demand, with reasons (its organization)',
        params: IdParams,
        querystring: z.object({ kind: z.enum(['achievement', 'expert', 'provider', 'instrument']).optional() }),
      },
    },
    async (req) => presenter.present(await matches.forDemand(req.params.id, requireUser(req), req.query.kind ? [req.query.kind] : undefined), requestLocale(req)),
  );
}
