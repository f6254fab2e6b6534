/** HTTP routes of achievements (科技成果): the list, a page, the form, the life cycle, attachments. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mayWriteListings, mayReview } from '../policy.ts';
import { errorResponses, fileResponse, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { badRequest } from '../../../platform/http/errors.ts';
import { detectUpload, IMAGE_KINDS, MEDIA_TYPES, OFFICE_KINDS, sendStoredFile, type UploadRule } from '../../../platform/files/uploads.ts';
import { requireAllowed, requireUser } from '../../auth/index.ts';
import { HistoryView, IdParams } from '../schemas.ts';
import { ReviewInput } from '../listings/schemas.ts';
import type { AchievementService } from './service.ts';
import { presentAchievement, presentAchievementList } from './presenter.ts';
import { AchievementInput, AchievementListQuery, AchievementListView, AchievementPatch, AchievementView, AttachmentParams, AttachmentView } from './schemas.ts';

/** what the bytes may be: PDF, Office (97–2003 and OOXML) and images; the type the browser declared is ignored */
const ATTACHMENT_RULE: UploadRule = {
  kinds: [...OFFICE_KINDS, ...IMAGE_KINDS],
  kindsKey: 'file.kinds.documents',
  labelKey: 'file.label.attachment',
  refuse: { code: 'bad_attachment', key: 'file.typeNotAllowed' },
};
const ATTACHMENT_TYPES = ATTACHMENT_RULE.kinds.map((k) => MEDIA_TYPES[k]);
const ATTACHMENT_MAX = 10 * 1024 * 1024;
const tags = ['achievements'];

export async function achievementRoutes(app: FastifyInstance, opts: { achievements: AchievementService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.achievements;

  r.get(
    '/api/v1/achievements',
    {
      // the owner's name comes from the directory
      config: { responseCache: { scopes: ['achievements', 'directory', 'reference'] } },
      schema: {
        operationId: 'listAchievements',
        tags,
        summary: '科技成果库 Search achievements',
        security: PUBLIC,
        querystring: AchievementListQuery,
        response: { 200: AchievementListView },
      },
    },
    async (req) => presentAchievementList(await svc.list(req.query, req.user), req.user),
  );

  r.get(
    '/api/v1/achievements/:id',
    {
      schema: {
        operationId: 'getAchievement',
        tags,
        summary: '成果详情 Achievement',
        security: PUBLIC,
        params: IdParams,
        response: { 200: AchievementView, ...errorResponses(404) },
      },
    },
    async (req) => presentAchievement(await svc.get(req.params.id, req.user), req.user),
  );

  r.post(
    '/api/v1/achievements',
    {
      schema: {
        operationId: 'createAchievement',
        tags,
        summary: '登记成果 Create a draft (organization member; city admin names ownerOrgId)',
        security: SESSION,
        body: AchievementInput,
        response: { 201: AchievementView, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireAllowed(req, mayWriteListings);
      reply.code(201);
      return presentAchievement(await svc.create(req.body, user), user);
    },
  );

  r.patch(
    '/api/v1/achievements/:id',
    {
      schema: {
        operationId: 'updateAchievement',
        tags,
        summary: '修改成果 Edit (send `version`)',
        security: SESSION,
        params: IdParams,
        body: AchievementPatch,
        response: { 200: AchievementView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireAllowed(req, mayWriteListings);
      return presentAchievement(await svc.update(req.params.id, req.body, user), user);
    },
  );

  r.post(
    '/api/v1/achievements/:id/publish',
    {
      schema: {
        operationId: 'publishAchievement',
        tags,
        summary: '发布 Publish (or submit for review when MARKET_REVIEW is on)',
        security: SESSION,
        params: IdParams,
        response: { 200: AchievementView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentAchievement(await svc.transition(req.params.id, 'publish', user), user);
    },
  );

  r.post(
    '/api/v1/achievements/:id/close',
    {
      schema: {
        operationId: 'closeAchievement',
        tags,
        summary: '关闭 Close',
        security: SESSION,
        params: IdParams,
        response: { 200: AchievementView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentAchievement(await svc.transition(req.params.id, 'close', user), user);
    },
  );

  r.post(
    '/api/v1/achievements/:id/review',
    {
      schema: {
        operationId: 'reviewAchievement',
        tags,
        summary: '审核 Approve or return with a reason (city admin)',
        security: SESSION,
        params: IdParams,
        body: ReviewInput,
        response: { 200: AchievementView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireAllowed(req, mayReview);
      return presentAchievement(await svc.transition(req.params.id, req.body.approve ? 'approve' : 'return', user, req.body.reason), user);
    },
  );

  r.get(
    '/api/v1/achievements/:id/history',
    {
      schema: {
        operationId: 'listAchievementHistory',
        tags,
        summary: '修改历史 History (editors)',
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

  r.post(
    '/api/v1/achievements/:id/attachments',
    {
      schema: {
        operationId: 'addAchievementAttachment',
        tags,
        summary: '上传附件 Attach a file (multipart `file`: PDF, Office, image ≤ 10 MB)',
        security: SESSION,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: AttachmentView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const file = await req.file();
      if (!file) throw badRequest('no_file', 'market.attachmentMissing');
      const content = await file.toBuffer();
      if (content.length > ATTACHMENT_MAX) throw badRequest('bad_attachment', 'market.attachmentTooLarge', { limit: '10 MB' });
      const { contentType } = await detectUpload(content, file.filename, ATTACHMENT_RULE);
      reply.code(201);
      return svc.addAttachment(req.params.id, { filename: file.filename, contentType, content }, user);
    },
  );

  r.get(
    '/api/v1/achievements/:id/attachments/:attachmentId',
    {
      schema: {
        operationId: 'downloadAchievementAttachment',
        tags,
        summary: '下载附件 Download an attachment',
        security: PUBLIC,
        params: AttachmentParams,
        response: { 200: fileResponse('附件 The attached file', ATTACHMENT_TYPES), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      const f = await svc.attachment(req.params.id, req.params.attachmentId, req.user);
      return sendStoredFile(reply, { contentType: f.content_type, filename: f.filename, data: f.content });
    },
  );
}
