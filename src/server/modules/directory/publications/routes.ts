import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../auth/index.ts';
import { errorResponses, fileResponse, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { IdParams } from '../schemas.ts';
import { DownloadQuery, PublicationListView, PublicationView, PublishedRowsView, PublishInput, RowsQuery, type PublishedRow } from './schemas.ts';
import { attachment, xlsxStream } from '../../../platform/export/spreadsheet.ts';
import { cjkFontPath, pdfTableStream } from '../../../platform/export/pdf.ts';
import type { PublicationService } from './service.ts';

const tags = ['publications'];
// "2026-12-01 17:05", as the pages show the time of a publication
const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

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

  r.get(
    '/api/v1/publications',
    { schema: { operationId: 'listPublications', tags, security: PUBLIC, summary: '已发布清单 Published lists', response: { 200: PublicationListView } } },
    async () => {
      const items = await pubs.list();
      return { items, total: items.length };
    },
  );

  r.post(
    '/api/v1/publications',
    {
      schema: {
        operationId: 'publishList',
        tags,
        security: SESSION,
        summary: '发布清单 Publish a list (admin)',
        body: PublishInput,
        response: { 201: PublicationView, ...errorResponses(401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      reply.code(201);
      return pubs.publish(req.body, user);
    },
  );

  r.get(
    '/api/v1/publications/:id',
    {
      schema: {
        operationId: 'getPublication',
        tags,
        security: PUBLIC,
        summary: '清单版本 A published version',
        params: IdParams,
        response: { 200: PublicationView, ...errorResponses(404) },
      },
    },
    async (req) => pubs.get(req.params.id),
  );

  r.get(
    '/api/v1/publications/:id/rows',
    {
      schema: {
        operationId: 'listPublicationRows',
        tags,
        security: PUBLIC,
        summary: '清单内容 Rows of a version',
        params: IdParams,
        querystring: RowsQuery,
        response: { 200: PublishedRowsView, ...errorResponses(404) },
      },
    },
    async (req) => pubs.rowsPage(req.params.id, req.query.page, req.query.pageSize),
  );

  r.get(
    '/api/v1/publications/:id/download',
    {
      schema: {
        operationId: 'downloadPublication',
        tags,
        security: PUBLIC,
        summary: '下载清单 Download as xlsx or PDF',
        params: IdParams,
        querystring: DownloadQuery,
        response: {
          200: fileResponse('清单文件 The list as xlsx or PDF', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf']),
          ...errorResponses(404),
        },
      },
    },
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
        return reply
          .type('application/pdf')
          .send(
            pdfTableStream(
              { title, subtitle: [note], columns: COLUMNS.map((c) => ({ header: c.header, width: c.pdfWidth })), rows: cells(), footer: `清单 ${p.number}` },
              font,
            ),
          );
      }
      reply.header('content-disposition', attachment(`${base}.xlsx`, `publication-${p.number}.xlsx`));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(
        xlsxStream(
          `清单${p.number}`,
          COLUMNS.map((c) => ({ header: c.header, width: c.xlsxWidth })),
          cells(),
          { title, note },
        ),
      );
    },
  );
}
