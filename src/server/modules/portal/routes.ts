/** 通知公告's routes: schema in → service out. Reading is public; offices post, edit and delete. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../auth/index.ts';
import { errorResponses, OkView, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import type { NoticeService } from './service.ts';
import { IdParams, NoticeInput, NoticeList, NoticeListQuery, NoticePatch, NoticeView } from './schemas.ts';

const tags = ['portal'];

export async function noticeRoutes(app: FastifyInstance, opts: { notices: NoticeService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { notices } = opts;

  r.get(
    '/api/v1/notices',
    {
      schema: {
        operationId: 'listNotices',
        tags,
        security: PUBLIC,
        summary: '通知公告 The offices’ notices, newest first',
        querystring: NoticeListQuery,
        response: { 200: NoticeList, ...errorResponses(400) },
      },
    },
    async (req) => notices.list(req.query, req.user ?? null),
  );

  r.get(
    '/api/v1/notices/:id',
    {
      schema: {
        operationId: 'getNotice',
        tags,
        security: PUBLIC,
        summary: '通知公告 A notice',
        params: IdParams,
        response: { 200: NoticeView, ...errorResponses(404) },
      },
    },
    async (req) => notices.get(req.params.id, req.user ?? null),
  );

  r.post(
    '/api/v1/notices',
    {
      schema: {
        operationId: 'createNotice',
        tags,
        security: SESSION,
        summary: '发布通知公告 Post a notice (the city office city-wide, a district office for its district)',
        body: NoticeInput,
        response: { 201: NoticeView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await notices.create(req.body, requireUser(req))),
  );

  r.patch(
    '/api/v1/notices/:id',
    {
      schema: {
        operationId: 'updateNotice',
        tags,
        security: SESSION,
        summary: '修改通知公告 Change a notice (its office, or the city office)',
        params: IdParams,
        body: NoticePatch,
        response: { 200: NoticeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => notices.update(req.params.id, req.body, requireUser(req)),
  );

  r.delete(
    '/api/v1/notices/:id',
    {
      schema: {
        operationId: 'deleteNotice',
        tags,
        security: SESSION,
        summary: '撤下通知公告 Take a notice down (its office, or the city office)',
        params: IdParams,
        response: { 200: OkView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      await notices.remove(req.params.id, requireUser(req));
      return { ok: true as const };
    },
  );
}
