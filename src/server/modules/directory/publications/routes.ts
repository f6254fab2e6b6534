import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../auth/index.ts';
import { attachment, xlsxStream } from '../../../platform/export/spreadsheet.ts';
import { cjkFontPath, pdfTableStream } from '../../../platform/export/pdf.ts';
import { OrgListQuery } from '../schemas.ts';
import type { PublicationService, PublishedRow } from './service.ts';

const tags = ['publications'];
// "2026-12-01 17:05", as the pages show the time of a publication
const BEIJING = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const IdParams = z.object({ id: z.coerce.number().int().positive() });

const COLUMNS: { key: keyof PublishedRow; header: string; xlsxWidth: number; pdfWidth: number }[] = [
  { key: 'name', header: '机构名称', xlsxWidth: 36, pdfWidth: 150 },
  { key: 'uscc', header: '统一社会信用代码', xlsxWidth: 22, pdfWidth: 100 },
  { key: 'categories', header: '服务类别', xlsxWidth: 28, pdfWidth: 110 },
  { key: 'district', header: '所在区县', xlsxWidth: 12, pdfWidth: 50 },
  { key: 'recognitions', header: '资质认定', xlsxWidth: 20, pdfWidth: 70 },
  { key: 'description', header: '服务内容', xlsxWidth: 50, pdfWidth: 200 },
  { key: 'website', header: '网址', xlsxWidth: 24, pdfWidth: 89 },
];

export async function publicationRoutes(app: FastifyInstance, opts: { publications: PublicationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const pubs = opts.publications;

  r.get('/api/v1/publications', { schema: { tags, summary: '已发布清单 Published lists' } }, async () => {
    const items = await pubs.list();
    return { items, total: items.length };
  });

  r.post(
    '/api/v1/publications',
    {
      schema: {
        tags,
        summary: '发布清单 Publish a list (admin)',
        body: z.object({
          title: z.string().trim().min(2).max(100),
          filters: OrgListQuery.omit({ page: true, pageSize: true, sort: true, order: true }).default({}),
        }),
      },
    },
    async (req, reply) => {
      const user = requireRole(req, 'admin');
      reply.code(201);
      return pubs.publish(req.body, user);
    },
  );

  r.get('/api/v1/publications/:id', { schema: { tags, summary: '清单版本 A published version', params: IdParams } }, async (req) => pubs.get(req.params.id));

  r.get(
    '/api/v1/publications/:id/rows',
    { schema: { tags, summary: '清单内容 Rows of a version', params: IdParams, querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }) } },
    async (req) => {
      const p = await pubs.get(req.params.id);
      const items: PublishedRow[] = [];
      const skip = (req.query.page - 1) * req.query.pageSize;
      let seen = 0;
      for await (const batch of pubs.rows(p.id, 2000)) {
        for (const row of batch) {
          if (seen >= skip && items.length < req.query.pageSize) items.push(row);
          seen++;
        }
        if (items.length >= req.query.pageSize) break;
      }
      return { items, total: p.orgCount, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  r.get(
    '/api/v1/publications/:id/download',
    { schema: { tags, summary: '下载清单 Download as xlsx or PDF', params: IdParams, querystring: z.object({ format: z.enum(['xlsx', 'pdf']).default('xlsx') }) } },
    async (req, reply) => {
      const p = await pubs.get(req.params.id);
      const published = `${BEIJING.format(new Date(p.publishedAt))}（北京时间）`;
      const title = `${p.title}（第 ${p.number} 号）`;
      const note = `发布时间：${published}　机构数：${p.orgCount}　科服通 · 重庆市科技服务业名录库`;
      async function* cells() {
        for await (const batch of pubs.rows(p.id)) yield batch.map((row) => COLUMNS.map((c) => row[c.key]));
      }
      const base = `科技服务机构清单-${p.number}`;
      if (req.query.format === 'pdf') {
        const font = cjkFontPath(pubs.config.pdfFontPath);
        reply.header('content-disposition', attachment(`${base}.pdf`, `publication-${p.number}.pdf`));
        return reply.type('application/pdf').send(
          pdfTableStream({ title, subtitle: [note], columns: COLUMNS.map((c) => ({ header: c.header, width: c.pdfWidth })), rows: cells(), footer: `清单 ${p.number}` }, font),
        );
      }
      reply.header('content-disposition', attachment(`${base}.xlsx`, `publication-${p.number}.xlsx`));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(xlsxStream(`清单${p.number}`, COLUMNS.map((c) => ({ header: c.header, width: c.xlsxWidth })), cells(), { title, note }));
    },
  );
}
