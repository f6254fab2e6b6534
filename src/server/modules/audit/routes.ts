import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachment, xlsxStream } from '../../platform/export/spreadsheet.ts';
import { errorResponses, fileResponse, SESSION } from '../../platform/http/contract.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import { requireAllowed } from '../auth/index.ts';
import { mayReadAudit, mayVerifyAudit } from './policy.ts';
import { AuditExportQuery, AuditPage, AuditQuery, AuditTypesView, ChainReportView } from './schemas.ts';
import { auditTypes, exportColumns, toCells, toEntryView } from './presenter.ts';
import type { AuditService } from './service.ts';

const tags = ['audit'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function auditRoutes(app: FastifyInstance, opts: { audit: AuditService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { audit } = opts;

  r.get(
    '/api/v1/audit',
    {
      schema: {
        operationId: 'listAudit',
        tags,
        summary: '审计日志 Audit trail, newest first (city admin: all; district admin: their district)',
        security: SESSION,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const reader = requireAllowed(req, mayReadAudit);
      const { page, pageSize, ...q } = req.query;
      const { total, items } = await audit.list(q, reader, { page, pageSize });
      const locale = requestLocale(req);
      return { total, items: items.map((e) => toEntryView(e, locale)) };
    },
  );
  r.get(
    '/api/v1/audit/types',
    {
      schema: {
        operationId: 'listAuditTypes',
        tags,
        summary: '审计事件类型 The kinds of audit entries, with their names',
        security: SESSION,
        response: { 200: AuditTypesView, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      requireAllowed(req, mayReadAudit);
      return { items: auditTypes(requestLocale(req)) };
    },
  );
  r.get(
    '/api/v1/audit/export',
    {
      schema: {
        operationId: 'exportAudit',
        tags,
        summary: '导出审计日志 Export the audit trail as xlsx (same filters; the export is itself audited)',
        security: SESSION,
        querystring: AuditExportQuery,
        response: { 200: fileResponse('审计日志 xlsx', [XLSX]), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const reader = requireAllowed(req, mayReadAudit);
      const locale = requestLocale(req);
      const entries = await audit.exportEntries(req.query, reader);
      async function* rows() {
        let batch: (string | number | null)[][] = [];
        for await (const e of entries) {
          batch.push(toCells(e, locale));
          if (batch.length === 500) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
      }
      const stamp = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      reply.header('content-disposition', attachment(`审计日志-${stamp}.xlsx`, `audit-${stamp}.xlsx`));
      return reply.type(XLSX).send(xlsxStream(locale === 'en' ? 'Audit trail' : '审计日志', exportColumns(locale), rows()));
    },
  );
  r.get(
    '/api/v1/audit/verify',
    {
      schema: {
        operationId: 'verifyAudit',
        tags,
        summary: '校验审计日志 Verify the hash chain (city admin); names the first broken entry',
        security: SESSION,
        response: { 200: ChainReportView, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      requireAllowed(req, mayVerifyAudit);
      return audit.verify();
    },
  );
}
