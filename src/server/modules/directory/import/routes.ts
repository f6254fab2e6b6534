import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../../config.ts';
import { requireUser } from '../../auth/index.ts';
import { errorResponses, fileResponse, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { ImportFailedView, ImportJobListView, ImportJobView, ImportParams, ImportQuery, TemplateQuery } from './schemas.ts';
import { SPREADSHEET_TYPES } from '../export/routes.ts';
import { requestLocale, translate } from '../../../platform/http/i18n.ts';
import { badRequest } from '../../../platform/http/errors.ts';
import { attachment, csvStream, xlsxStream } from '../../../platform/export/spreadsheet.ts';
import { MAX_IMPORT_ROWS } from './parse.ts';
import { sampleRow, TEMPLATE_LISTS_SHEET, templateColumns } from './template.ts';
import type { ImportService } from './service.ts';

const tags = ['directory'];

export async function importRoutes(app: FastifyInstance, opts: { imports: ImportService; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/orgs/import',
    {
      schema: {
        operationId: 'importOrgs',
        tags,
        security: SESSION,
        summary: '导入机构 Import organizations (admin, district admin)',
        description:
          'multipart/form-data with field `file`: .xlsx, or .csv in UTF-8 (BOM optional) or GBK. `dryRun=true` validates without writing. Answers 200 with the report when the import finishes within `wait` seconds, otherwise 202 with the job; poll GET /api/v1/orgs/imports/{id}.',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: {
          200: ImportJobView.describe('导入已完成 The import finished: the report'),
          202: ImportJobView.describe('导入进行中 Still running: poll the job'),
          ...errorResponses(401, 403, 413, 415),
          400: ImportFailedView,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const locale = requestLocale(req);
      if (!req.isMultipart()) throw badRequest('import_no_file', 'import.noFile');
      const part = await req.file();
      if (!part) throw badRequest('import_no_file', 'import.noFile');
      const buffer = await part.toBuffer();
      const id = await opts.imports.start({ buffer, filename: part.filename || 'upload' }, req.query.dryRun === 'true', user, locale);
      const deadline = Date.now() + req.query.wait * 1000;
      let job = await opts.imports.get(id, user, locale);
      while (job.status === 'running' && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 100));
        job = await opts.imports.get(id, user, locale);
      }
      if (job.status === 'failed') {
        return reply.code(400).send({
          error: {
            code: job.failure?.code ?? 'import_failed',
            message: job.failure?.message ?? translate(locale, 'import.notTable'),
            fields: [{ path: 'file', message: job.failure?.message ?? '' }],
          },
          job,
        });
      }
      return reply.code(job.status === 'done' ? 200 : 202).send(job);
    },
  );

  r.get(
    '/api/v1/orgs/imports',
    {
      schema: {
        operationId: 'listOrgImports',
        tags,
        security: SESSION,
        summary: '导入任务 My imports',
        response: { 200: ImportJobListView, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const items = await opts.imports.list(user, requestLocale(req));
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/v1/orgs/imports/:id',
    {
      schema: {
        operationId: 'getOrgImport',
        tags,
        security: SESSION,
        summary: '导入进度与报告 Import progress and report',
        params: ImportParams,
        response: { 200: ImportJobView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return opts.imports.get(req.params.id, user, requestLocale(req));
    },
  );

  r.get(
    '/api/v1/orgs/import/template',
    {
      schema: {
        operationId: 'getOrgImportTemplate',
        tags,
        security: PUBLIC,
        summary: '导入模板 Import template',
        querystring: TemplateQuery,
        response: { 200: fileResponse('导入模板 The template', SPREADSHEET_TYPES) },
      },
    },
    async (req, reply) => {
      const columns = await templateColumns(opts.imports.reference, requestLocale(req));
      async function* rows() {
        yield [sampleRow()];
      }
      const ext = req.query.format;
      reply.header('content-disposition', attachment(`名录库导入模板.${ext}`, `org-import-template.${ext}`));
      if (ext === 'csv') return reply.type('text/csv; charset=utf-8').send(csvStream(columns, rows()));
      return reply.type(SPREADSHEET_TYPES[0]).send(xlsxStream('机构', columns, rows(), { lists: { sheetName: TEMPLATE_LISTS_SHEET, rows: MAX_IMPORT_ROWS } }));
    },
  );
}
