/** HTTP routes of claims (兑付), the public notice (公示) with its objection form, and payment batches. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, fileResponse, OkView, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { attachment, xlsxStream } from '../../../platform/export/spreadsheet.ts';
import { requireUser } from '../../auth/index.ts';
import { IdParams } from '../schemas.ts';
import { BATCH_COLUMNS, batchRow, presentClaim, presentNotice } from './presenter.ts';
import {
  BatchDetailView,
  BatchInput,
  BatchListView,
  BatchView,
  ClaimInput,
  ClaimListQuery,
  ClaimListView,
  ClaimView,
  NoticeView,
  ObjectionInput,
  ObjectionListView,
  RejectInput,
  ReviewInput,
} from './schemas.ts';
import type { ClaimService } from './service.ts';

const tags = ['vouchers'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function claimRoutes(app: FastifyInstance, opts: { claims: ClaimService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.claims;

  r.post(
    '/api/v1/voucher-claims',
    {
      schema: {
        operationId: 'submitVoucherClaim',
        tags,
        summary: '提交兑付 The provider claims the voucher share of a paid order: assembled from the order (contract, invoice, payment proof, deliverables)',
        security: SESSION,
        body: ClaimInput,
        response: { 201: ClaimView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      reply.code(201);
      return presentClaim(await svc.submit(req.body.orderId, user), user);
    },
  );

  r.get(
    '/api/v1/voucher-claims',
    {
      schema: {
        operationId: 'listVoucherClaims',
        tags,
        summary: '兑付申请 A provider’s (or holder’s) claims; a district office its district’s; the city all',
        security: SESSION,
        querystring: ClaimListQuery,
        response: { 200: ClaimListView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { items, total } = await svc.list(user, req.query);
      return { items: items.map((c) => presentClaim(c, user)), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  r.get(
    '/api/v1/voucher-claims/:id',
    {
      schema: {
        operationId: 'getVoucherClaim',
        tags,
        summary: '兑付详情 One claim',
        security: SESSION,
        params: IdParams,
        response: { 200: ClaimView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentClaim(await svc.get(req.params.id, user), user);
    },
  );

  r.post(
    '/api/v1/voucher-claims/:id/review',
    {
      schema: {
        operationId: 'reviewVoucherClaim',
        tags,
        summary: '审核兑付 Approve (opens the public notice) or return with a reason (the holder’s district office or the city)',
        security: SESSION,
        params: IdParams,
        body: ReviewInput,
        response: { 200: ClaimView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentClaim(await svc.review(req.params.id, req.body, user), user);
    },
  );

  r.post(
    '/api/v1/voucher-claims/:id/resubmit',
    {
      schema: {
        operationId: 'resubmitVoucherClaim',
        tags,
        summary: '重新提交 A returned claim, re-assembled from the order as it is now',
        security: SESSION,
        params: IdParams,
        response: { 200: ClaimView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentClaim(await svc.resubmit(req.params.id, user), user);
    },
  );

  r.post(
    '/api/v1/voucher-claims/:id/reject',
    {
      schema: {
        operationId: 'rejectVoucherClaim',
        tags,
        summary: '公示异议成立 Reject a claim in notice (an upheld objection): its amount goes back to the budget',
        security: SESSION,
        params: IdParams,
        body: RejectInput,
        response: { 200: ClaimView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentClaim(await svc.reject(req.params.id, req.body.reason, user), user);
    },
  );

  r.get(
    '/api/v1/voucher-notices',
    {
      schema: {
        operationId: 'listVoucherNotices',
        tags,
        summary: '兑付公示 Approved claims in their public notice, and for 30 days those whose notice ended (public: organizations, service, amount, state)',
        security: PUBLIC,
        response: { 200: NoticeView },
      },
    },
    async () => ({ items: (await svc.notices()).map(presentNotice) }),
  );

  r.get(
    '/api/v1/voucher-claims/:id/objections',
    {
      schema: {
        operationId: 'listVoucherClaimObjections',
        tags,
        summary: '公示异议 The objections to a claim with the objector’s contact (the reviewing office: the holder’s district or the city)',
        security: SESSION,
        params: IdParams,
        response: { 200: ObjectionListView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ items: await svc.objections(req.params.id, requireUser(req)) }),
  );

  r.post(
    '/api/v1/voucher-notices/:id/objections',
    {
      schema: {
        operationId: 'objectToVoucherClaim',
        tags,
        summary: '提出异议 An objection during the public notice (anyone; the contact is seen by the offices only)',
        security: PUBLIC,
        params: IdParams,
        body: ObjectionInput,
        response: { 201: OkView, ...errorResponses(400, 404, 409) },
      },
    },
    async (req, reply) => {
      await svc.object(req.params.id, req.body);
      reply.code(201);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/voucher-payment-batches',
    {
      schema: {
        operationId: 'createVoucherPaymentBatch',
        tags,
        summary: '生成拨付批次 Every claim whose notice ended, into one batch for the finance office (city admin)',
        security: SESSION,
        body: BatchInput,
        response: { 201: BatchView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const batch = await svc.createBatch(requireUser(req), req.body.schemeId);
      reply.code(201);
      return batch;
    },
  );

  r.get(
    '/api/v1/voucher-payment-batches',
    {
      schema: {
        operationId: 'listVoucherPaymentBatches',
        tags,
        summary: '拨付批次 Payment batches (city admin)',
        security: SESSION,
        response: { 200: BatchListView, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await svc.batches(requireUser(req)) }),
  );

  r.get(
    '/api/v1/voucher-payment-batches/:id',
    {
      schema: {
        operationId: 'getVoucherPaymentBatch',
        tags,
        summary: '批次详情 A batch with its claims',
        security: SESSION,
        params: IdParams,
        response: { 200: BatchDetailView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { batch, claims } = await svc.batch(req.params.id, user);
      return { ...batch, claims: claims.map((c) => presentClaim(c, user)) };
    },
  );

  r.get(
    '/api/v1/voucher-payment-batches/:id/export',
    {
      schema: {
        operationId: 'exportVoucherPaymentBatch',
        tags,
        summary: '导出拨付清单 The batch as xlsx for the finance office',
        security: SESSION,
        params: IdParams,
        response: { 200: fileResponse('拨付清单 xlsx', [XLSX]), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { batch, claims } = await svc.batch(req.params.id, requireUser(req));
      async function* rows() {
        yield claims.map(batchRow);
      }
      reply.header('content-disposition', attachment(`创新券拨付清单-${batch.batchNo}.xlsx`, `voucher-batch-${batch.batchNo}.xlsx`));
      const total = (batch.totalFen / 100).toFixed(2);
      const city = (batch.cityFen / 100).toFixed(2);
      const district = (batch.districtFen / 100).toFixed(2);
      return reply.type(XLSX).send(
        xlsxStream('拨付清单', BATCH_COLUMNS, rows(), {
          title: `科技创新券拨付清单 ${batch.batchNo}`,
          note: `共 ${claims.length} 笔，合计 ${total} 元（市级承担 ${city} 元，区县承担 ${district} 元）`,
        }),
      );
    },
  );

  r.post(
    '/api/v1/voucher-payment-batches/:id/paid',
    {
      schema: {
        operationId: 'markVoucherBatchPaid',
        tags,
        summary: '确认拨付 The finance office has paid the batch: its claims are paid',
        security: SESSION,
        params: IdParams,
        response: { 200: BatchView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.markPaid(req.params.id, requireUser(req)),
  );
}
