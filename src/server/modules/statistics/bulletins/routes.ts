/** The bulletins' routes: schema in → service out. Reading published versions is public; offices compose and publish. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../auth/index.ts';
import { errorResponses, fileResponse, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { attachment } from '../../../platform/export/spreadsheet.ts';
import type { BulletinService } from './service.ts';
import {
  BulletinInput,
  BulletinList,
  BulletinListQuery,
  BulletinPatch,
  BulletinPreview,
  BulletinVersionView,
  BulletinView,
  IdParams,
  PublishInput,
  VersionParams,
} from './schemas.ts';

const tags = ['statistics'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** anonymous readers' answers kept until a version is published (migration 0032: bulletin_versions moves the scope) */
const cached = { responseCache: { scopes: ['bulletins'] } };

export async function bulletinRoutes(app: FastifyInstance, opts: { bulletins: BulletinService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { bulletins } = opts;

  r.get(
    '/api/v1/bulletins',
    {
      schema: {
        operationId: 'listBulletins',
        tags,
        security: PUBLIC,
        summary: '统计信息发布 Published statistical bulletins, the latest publication first',
        querystring: BulletinListQuery,
        response: { 200: BulletinList, ...errorResponses(400) },
      },
      config: cached,
    },
    async (req) => bulletins.listPublished(req.query),
  );

  r.get(
    '/api/v1/bulletins/workbench',
    {
      schema: {
        operationId: 'listBulletinWorkbench',
        tags,
        security: SESSION,
        summary: '公报撰写 An office’s bulletins, drafts included (the city office all, a district office its district’s)',
        response: { 200: BulletinList, ...errorResponses(401, 403) },
      },
    },
    async (req) => bulletins.workbench(requireUser(req)),
  );

  r.get(
    '/api/v1/bulletins/:id',
    {
      schema: {
        operationId: 'getBulletin',
        tags,
        security: PUBLIC,
        summary: '统计公报 A bulletin: its latest published version and the list of versions (composers also see the working copy)',
        params: IdParams,
        response: { 200: BulletinView, ...errorResponses(404) },
      },
      config: cached,
    },
    async (req) => bulletins.get(req.params.id, req.user ?? null),
  );

  r.get(
    '/api/v1/bulletins/:id/versions/:version',
    {
      schema: {
        operationId: 'getBulletinVersion',
        tags,
        security: PUBLIC,
        summary: '公报版本 A published version as it was published (an earlier one stays readable after a correction)',
        params: VersionParams,
        response: { 200: BulletinVersionView, ...errorResponses(404) },
      },
      config: cached,
    },
    async (req) => bulletins.version(req.params.id, req.params.version, req.user ?? null),
  );

  for (const kind of ['pdf', 'xlsx'] as const)
    r.get(
      `/api/v1/bulletins/:id/versions/:version/${kind}`,
      {
        schema: {
          operationId: kind === 'pdf' ? 'downloadBulletinPdf' : 'downloadBulletinXlsx',
          tags,
          security: PUBLIC,
          summary:
            kind === 'pdf'
              ? '公报 PDF A version’s PDF with its charts, as rendered at publication'
              : '公报数据 A version’s figures as .xlsx, as frozen at publication',
          params: VersionParams,
          response: {
            200: fileResponse(kind === 'pdf' ? 'the bulletin as PDF' : 'the figures as .xlsx', [kind === 'pdf' ? 'application/pdf' : XLSX]),
            ...errorResponses(404),
          },
        },
      },
      async (req, reply) => {
        const { body, number } = await bulletins.file(req.params.id, req.params.version, kind);
        const v = req.params.version;
        const name = `统计公报-${number}${v > 1 ? `-v${v}` : ''}.${kind}`;
        reply.header('content-disposition', attachment(name, `bulletin-${req.params.id}-v${v}.${kind}`));
        // a published version never changes: a reader may keep it
        reply.header('cache-control', 'public, max-age=86400, immutable');
        return reply.type(kind === 'pdf' ? 'application/pdf' : XLSX).send(body);
      },
    );

  r.get(
    '/api/v1/bulletins/:id/preview',
    {
      schema: {
        operationId: 'previewBulletin',
        tags,
        security: SESSION,
        summary: '预览 The figures the working copy’s indicators hold now: what publishing would freeze',
        params: IdParams,
        response: { 200: BulletinPreview, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => bulletins.preview(req.params.id, requireUser(req)),
  );

  r.post(
    '/api/v1/bulletins',
    {
      schema: {
        operationId: 'createBulletin',
        tags,
        security: SESSION,
        summary: '撰写公报 Start a bulletin’s draft (the city office for the city or a district, a district office for its own)',
        body: BulletinInput,
        response: { 201: BulletinView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await bulletins.create(req.body, requireUser(req))),
  );

  r.patch(
    '/api/v1/bulletins/:id',
    {
      schema: {
        operationId: 'updateBulletin',
        tags,
        security: SESSION,
        summary: '修改公报 Change the working copy (a draft, or after publication the correction being prepared)',
        params: IdParams,
        body: BulletinPatch,
        response: { 200: BulletinView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => bulletins.update(req.params.id, req.body, requireUser(req)),
  );

  r.post(
    '/api/v1/bulletins/:id/publish',
    {
      schema: {
        operationId: 'publishBulletin',
        tags,
        security: SESSION,
        summary: '发布 Publish the working copy: first with a new number, later as a correction (更正, with its note) under the same number',
        params: IdParams,
        body: PublishInput,
        response: { 200: BulletinView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => bulletins.publish(req.params.id, req.body, requireUser(req)),
  );
}
