import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../config.ts';
import { requireRole } from '../../auth/guard.ts';
import { requestLocale, translate } from '../../../platform/http/i18n.ts';
import { badRequest } from '../../../platform/http/errors.ts';
import { attachment, csvStream, xlsxStream } from '../../../platform/export/spreadsheet.ts';
import { ORG_COLUMNS } from '../columns.ts';
import type { ImportService } from './service.ts';

const tags = ['directory'];

const EXAMPLE = ['91500103MA5U8XKQ4P', '重庆示例检测技术有限公司', '', '科技服务机构', '检验检测认证服务；研究开发服务', '渝中区', '', '重庆市渝中区解放碑示例路1号', '张三', '023-63000000', 'contact@example.com', '2018-05-20', 45, '1000万-5000万元', '高新技术企业(2024-01-01~2026-12-31)', '提供材料检测、环境检测与计量校准服务。', 'https://www.example.com'];

export async function importRoutes(app: FastifyInstance, opts: { imports: ImportService; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/orgs/import',
    {
      schema: {
        tags,
        summary: '导入机构 Import organizations (admin, district admin)',
        description:
          'multipart/form-data with field `file`: .xlsx, or .csv in UTF-8 (BOM optional) or GBK. `dryRun=true` validates without writing. Answers 200 with the report when the import finishes within `wait` seconds, otherwise 202 with the job; poll GET /api/v1/orgs/imports/{id}.',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false'), wait: z.coerce.number().min(0).max(30).default(5) }),
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const user = requireRole(req, 'admin', 'district_admin');
      const locale = requestLocale(req);
      if (!req.isMultipart()) throw badRequest('import_no_file', 'import.noFile');
      const part = await req.file();
      if (!part) throw badRequest('import_no_file', 'import.noFile');
      const buffer = await part.toBuffer();
      const id = await opts.imports.start({ buffer, filename: part.filename || 'upload' }, req.query.dryRun === 'true', user, locale);
      const deadline = Date.now() + req.query.wait * 1000;
      let job = await opts.imports.get(id, user);
      while (job.status === 'running' && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 100));
        job = await opts.imports.get(id, user);
      }
      if (job.status === 'failed') {
        return reply.code(400).send({ error: { code: job.failure?.code ?? 'import_failed', message: job.failure?.message ?? translate(locale, 'import.notTable'), fields: [{ path: 'file', message: job.failure?.message ?? '' }] }, job });
      }
      return reply.code(job.status === 'done' ? 200 : 202).send(job);
    },
  );

  r.get('/api/v1/orgs/imports', { schema: { tags, summary: '导入任务 My imports' } }, async (req) => {
    const user = requireRole(req, 'admin', 'district_admin');
    const items = await opts.imports.list(user);
    return { items, total: items.length };
  });

  r.get('/api/v1/orgs/imports/:id', { schema: { tags, summary: '导入进度与报告 Import progress and report', params: z.object({ id: z.string().uuid() }) } }, async (req) => {
    const user = requireRole(req, 'admin', 'district_admin');
    return opts.imports.get(req.params.id, user);
  });

  r.get(
    '/api/v1/orgs/import/template',
    { schema: { tags, summary: '导入模板 Import template', querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }) } },
    async (req, reply) => {
      const columns = ORG_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width }));
      async function* rows() {
        yield [EXAMPLE];
      }
      const ext = req.query.format;
      reply.header('content-disposition', attachment(`名录库导入模板.${ext}`, `org-import-template.${ext}`));
      if (ext === 'csv') return reply.type('text/csv; charset=utf-8').send(csvStream(columns, rows()));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsxStream('机构', columns, rows()));
    },
  );
}
