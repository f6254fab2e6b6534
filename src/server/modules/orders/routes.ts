/** HTTP routes of service orders (服务订单): thin, schema in → service → presenter out. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorResponses, fileResponse, SESSION } from '../../platform/http/contract.ts';
import { badRequest, conflict } from '../../platform/http/errors.ts';
import { cjkFontPath } from '../../platform/export/pdf.ts';
import { contentDisposition, detectUpload, IMAGE_KINDS, MEDIA_TYPES, OFFICE_KINDS, sendStoredFile, type UploadRule } from '../../platform/files/uploads.ts';
import { requireUser } from '../auth/index.ts';
import { contractPdf } from './contract.ts';
import { presentMessages, presentOrder, presentOrderList } from './presenter.ts';
import type { OrderCore } from './service.ts';
import type { OrderSteps } from './steps.ts';
import type { BookingSettlement } from './booking-settlement.ts';
import {
  BookingIdParams,
  DeliverInput,
  FileParams,
  FileQuery,
  IdParams,
  InvoiceInput,
  MessageInput,
  MilestoneInput,
  MilestoneParams,
  OrderFileView,
  OrderHistoryView,
  OrderInput,
  OrderListQuery,
  OrderListView,
  OrderMessagesView,
  OrderView,
  PaymentInput,
  QuoteInput,
  RateInput,
  ReasonInput,
} from './schemas.ts';

const tags = ['orders'];
const FILE_MAX = 10 * 1024 * 1024;
const CONTRACT_RULE: UploadRule = { kinds: ['pdf'], kindsKey: 'order.kinds.pdf', labelKey: 'order.label.contract' };
const FILE_RULE: UploadRule = { kinds: [...OFFICE_KINDS, ...IMAGE_KINDS], kindsKey: 'file.kinds.documents', labelKey: 'order.label.file' };
const FILE_TYPES = [...new Set([...OFFICE_KINDS, ...IMAGE_KINDS].map((k) => MEDIA_TYPES[k]))];

async function uploaded(req: FastifyRequest, rule: UploadRule) {
  const file = await req.file();
  if (!file) throw badRequest('no_file', 'order.fileMissing');
  const content = await file.toBuffer();
  if (content.length > FILE_MAX) throw badRequest('file_too_large', 'order.fileTooLarge', { limit: '10 MB' });
  const { contentType } = await detectUpload(content, file.filename, rule);
  return { filename: file.filename, contentType, content };
}

export async function orderRoutes(app: FastifyInstance, opts: { core: OrderCore; steps: OrderSteps; settlement: BookingSettlement; pdfFontPath?: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { core, steps } = opts;
  const view = async (id: number, req: FastifyRequest) => presentOrder(await core.detail(id, req.user), req.user);

  r.post(
    '/api/v1/orders',
    {
      schema: {
        operationId: 'createOrder',
        tags,
        summary: '提交服务订单 Request a catalogue service (a member of the buying organization)',
        security: SESSION,
        body: OrderInput,
        response: { 201: OrderView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const id = await core.create(req.body, requireUser(req));
      reply.code(201);
      return view(id, req);
    },
  );

  r.post(
    '/api/v1/bookings/:id/order',
    {
      schema: {
        operationId: 'settleBooking',
        tags,
        summary:
          '仪器机时结算 Open (or find again) the order that settles a completed instrument booking: paid, with a voucher, and claimed as a service order is (the booker)',
        security: SESSION,
        params: BookingIdParams,
        response: { 200: OrderView, 201: OrderView, ...errorResponses(401, 404, 409) },
      },
    },
    async (req, reply) => {
      const { id, created } = await opts.settlement.open(req.params.id, requireUser(req));
      reply.code(created ? 201 : 200);
      return view(id, req);
    },
  );

  r.get(
    '/api/v1/orders',
    {
      schema: {
        operationId: 'listOrders',
        tags,
        summary: '我的订单 Orders the caller buys or provides (offices: all / their district’s)',
        security: SESSION,
        querystring: OrderListQuery,
        response: { 200: OrderListView, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentOrderList(await core.list(user, req.query), user);
    },
  );

  r.get(
    '/api/v1/orders/:id',
    {
      schema: {
        operationId: 'getOrder',
        tags,
        summary: '订单详情 An order, with the steps the caller may take now (`can`) and the payment split',
        security: SESSION,
        params: IdParams,
        response: { 200: OrderView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      requireUser(req);
      return view(req.params.id, req);
    },
  );

  r.get(
    '/api/v1/orders/:id/history',
    {
      schema: {
        operationId: 'listOrderHistory',
        tags,
        summary: '订单记录 Every step of the order',
        security: SESSION,
        params: IdParams,
        response: { 200: OrderHistoryView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const items = await core.history(req.params.id, requireUser(req));
      return { items, total: items.length };
    },
  );

  const step = <B extends z.ZodType | undefined>(
    path: string,
    operationId: string,
    summary: string,
    body: B,
    run: (id: number, body: B extends z.ZodType ? z.output<B> : undefined, req: FastifyRequest) => Promise<unknown>,
  ) =>
    r.post(
      `/api/v1/orders/:id/${path}`,
      {
        schema: {
          operationId,
          tags,
          summary,
          security: SESSION,
          params: IdParams,
          ...(body ? { body } : {}),
          response: { 200: OrderView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const { id } = req.params as { id: number };
        await run(id, req.body as never, req);
        return view(id, req);
      },
    );

  step('quote', 'quoteOrder', '报价 The provider quotes: lines and tax in fen; amounts and the total computed', QuoteInput, (id, b, req) =>
    steps.quote(id, b, requireUser(req)),
  );
  step('confirm', 'confirmOrder', '确认报价 The buyer accepts the quote', undefined, (id, _b, req) => steps.confirm(id, requireUser(req)));
  step('cancel', 'cancelOrder', '取消订单 Either side, before the quote is confirmed', ReasonInput, (id, b, req) =>
    steps.cancel(id, b.reason, requireUser(req)),
  );
  step('milestones', 'addOrderMilestone', '添加里程碑 The provider adds a milestone', MilestoneInput, (id, b, req) =>
    steps.addMilestone(id, b, requireUser(req)),
  );
  step('deliver', 'deliverOrder', '交付 The provider delivers: a note and the files uploaded for it', DeliverInput, (id, b, req) =>
    steps.deliver(id, b, requireUser(req)),
  );
  step('accept', 'acceptOrder', '验收 The buyer accepts the delivery', undefined, (id, _b, req) => steps.accept(id, requireUser(req)));
  step('dispute', 'disputeOrder', '提出异议 The buyer disputes the delivery with a reason; the provider may deliver again', ReasonInput, (id, b, req) =>
    steps.dispute(id, b.reason, requireUser(req)),
  );
  step('invoice', 'recordOrderInvoice', '登记发票 The provider records the invoice number (发票号码)', InvoiceInput, (id, b, req) =>
    steps.invoice(id, b.invoiceNo, requireUser(req)),
  );
  step('payment', 'recordOrderPayment', '登记付款 The buyer names the uploaded proof of payment: the accepted order is paid', PaymentInput, (id, b, req) =>
    steps.pay(id, b.fileId, requireUser(req)),
  );
  step('rate', 'rateOrder', '评价 Each side rates the other once (1–5)', RateInput, (id, b, req) => steps.rate(id, b, requireUser(req)));

  r.post(
    '/api/v1/orders/:id/milestones/:milestoneId/done',
    {
      schema: {
        operationId: 'completeOrderMilestone',
        tags,
        summary: '完成里程碑 The provider marks a milestone done',
        security: SESSION,
        params: MilestoneParams,
        response: { 200: OrderView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      await steps.completeMilestone(req.params.id, req.params.milestoneId, requireUser(req));
      return view(req.params.id, req);
    },
  );

  r.post(
    '/api/v1/orders/:id/contract',
    {
      schema: {
        operationId: 'uploadOrderContract',
        tags,
        summary: '上传合同 Attach the signed contract (multipart `file`: PDF ≤ 10 MB, judged by its bytes)',
        security: SESSION,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: OrderView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await steps.uploadContract(req.params.id, await uploaded(req, CONTRACT_RULE), user);
      return view(req.params.id, req);
    },
  );

  r.get(
    '/api/v1/orders/:id/contract.pdf',
    {
      schema: {
        operationId: 'downloadOrderContractPdf',
        tags,
        summary: '合同（生成） The contract generated from the order and its quote, in Chinese',
        security: SESSION,
        params: IdParams,
        response: { 200: fileResponse('技术服务合同 PDF', ['application/pdf']), ...errorResponses(401, 404, 409) },
      },
    },
    async (req, reply) => {
      const { order } = await core.detail(req.params.id, requireUser(req));
      if (!order.quote) throw conflict('order.noQuote');
      reply.header('content-disposition', contentDisposition('attachment', `技术服务合同-${order.orderNo}.pdf`));
      return reply.type('application/pdf').send(contractPdf(order, cjkFontPath(opts.pdfFontPath)));
    },
  );

  r.post(
    '/api/v1/orders/:id/files',
    {
      schema: {
        operationId: 'uploadOrderFile',
        tags,
        summary: '上传文件 A deliverable (provider) or a proof of payment (buyer): multipart `file`, PDF, Office or image ≤ 10 MB',
        security: SESSION,
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: FileQuery,
        response: { 201: OrderFileView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const file = await uploaded(req, FILE_RULE);
      const fileId = await steps.uploadFile(req.params.id, req.query.purpose, file, user);
      const f = (await core.detail(req.params.id, user)).files.find((x) => x.id === fileId)!;
      reply.code(201);
      return { id: f.id, filename: f.filename, url: `/api/v1/orders/${req.params.id}/files/${f.id}`, size: f.size, createdAt: f.createdAt, purpose: f.purpose };
    },
  );

  r.get(
    '/api/v1/orders/:id/files/:fileId',
    {
      schema: {
        operationId: 'downloadOrderFile',
        tags,
        summary: '下载文件 A file of the order (the parties and the offices)',
        security: SESSION,
        params: FileParams,
        response: { 200: fileResponse('订单文件 The stored file', FILE_TYPES), ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const f = await core.file(req.params.id, req.params.fileId, requireUser(req));
      return sendStoredFile(reply, { contentType: f.contentType, filename: f.filename, data: f.content });
    },
  );

  r.get(
    '/api/v1/orders/:id/messages',
    {
      schema: {
        operationId: 'listOrderMessages',
        tags,
        summary: '订单留言 The thread of the order',
        security: SESSION,
        params: IdParams,
        response: { 200: OrderMessagesView, ...errorResponses(401, 404) },
      },
    },
    async (req) => presentMessages(await steps.messages(req.params.id, requireUser(req))),
  );

  r.post(
    '/api/v1/orders/:id/messages',
    {
      schema: {
        operationId: 'postOrderMessage',
        tags,
        summary: '留言 A message from either side',
        security: SESSION,
        params: IdParams,
        body: MessageInput,
        response: { 201: OrderMessagesView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return presentMessages(await steps.postMessage(req.params.id, req.body.body, requireUser(req)));
    },
  );
}
