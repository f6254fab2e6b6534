/** HTTP routes of the contract's lifecycle beyond the review: the signed PDF (and, later, the buyer's answer, the experts' page). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, fileResponse, SESSION } from '../../platform/http/contract.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sendStoredFile } from '../../platform/files/uploads.ts';
import { requireUser } from '../auth/index.ts';
import { type ContractDocuments, DOCUMENT_MAX_BYTES } from './document.ts';
import { presentContract } from './presenter.ts';
import type { ContractService } from './service.ts';
import type { ContractConfirmations } from './confirmation.ts';
import { ChangeInput, ChangeListView, ChangeParams, ChangeView, type ContractChanges } from './changes.ts';
import { ExpertOpinionInput, ExpertReviewListView, ExpertReviewView, type ExpertReviews } from './reviews.ts';
import { ContractView, IdParams, ReasonInput } from './schemas.ts';

const tags = ['contracts'];

const uploadError = (status: number, code: string, key: string, params: Record<string, unknown> = {}) => {
  const p = { labelKey: 'contract.label.document', ...params };
  return new AppError(status, code, key, p, [{ path: 'document', key, params: p }]);
};

/** The multipart `file` part, read whole; every way an upload goes wrong answers 4xx naming 合同文本. */
async function uploadedDocument(req: FastifyRequest): Promise<{ filename: string; content: Buffer }> {
  if (!req.isMultipart()) throw uploadError(415, 'unsupported_media_type', 'contract.documentNotMultipart');
  try {
    const file = await req.file();
    if (!file) throw uploadError(400, 'no_file', 'contract.documentNoFile');
    const content = await file.toBuffer();
    return { filename: file.filename, content };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw uploadError(413, 'payload_too_large', 'contract.documentTooLarge', { limit: '20 MB' });
    throw uploadError(400, 'bad_multipart', 'contract.documentBadUpload');
  }
}

export interface LifecycleRouteDeps {
  contracts: ContractService;
  documents: ContractDocuments;
  confirmations: ContractConfirmations;
  reviews: ExpertReviews;
  changes: ContractChanges;
}

export async function contractLifecycleRoutes(app: FastifyInstance, opts: LifecycleRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { contracts, documents, confirmations, reviews, changes } = opts;
  const view = async (id: number, req: FastifyRequest) => {
    const { contract, side, experts } = await contracts.detail(id, req.user);
    return presentContract(contract, side, experts, { publicUrl: contracts.opts.publicUrl, calendar: contracts.calendar });
  };

  r.post(
    '/api/v1/contracts/:id/document',
    {
      schema: {
        operationId: 'attachContractDocument',
        tags,
        summary: `上传合同文本 The seller attaches the signed contract (multipart \`file\`: PDF ≤ ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB, judged by its bytes) to a draft or while correcting`,
        security: SESSION,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await documents.attach(req.params.id, await uploadedDocument(req), user);
      return view(req.params.id, req);
    },
  );

  r.get(
    '/api/v1/contracts/:id/document.pdf',
    {
      schema: {
        operationId: 'downloadContractDocument',
        tags,
        summary: '下载合同文本 The signed contract, for its parties, its station and the offices',
        security: SESSION,
        params: IdParams,
        response: { 200: fileResponse('合同文本 PDF', ['application/pdf']), ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const doc = await documents.download(req.params.id, requireUser(req));
      return sendStoredFile(reply, { contentType: 'application/pdf', filename: doc.filename, data: doc.content });
    },
  );

  r.post(
    '/api/v1/contracts/:id/confirm',
    {
      schema: {
        operationId: 'confirmContract',
        tags,
        summary: '买方确认 The buyer (on the platform) confirms the submitted content; the station may then accept',
        security: SESSION,
        params: IdParams,
        response: { 200: ContractView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      await confirmations.confirm(req.params.id, requireUser(req));
      return view(req.params.id, req);
    },
  );

  r.post(
    '/api/v1/contracts/:id/dispute',
    {
      schema: {
        operationId: 'disputeContract',
        tags,
        summary: '买方异议 The buyer disputes the submitted content, with the reason: the contract goes to expert review',
        security: SESSION,
        params: IdParams,
        body: ReasonInput,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await confirmations.dispute(req.params.id, req.body.reason, requireUser(req));
      return view(req.params.id, req);
    },
  );

  r.get(
    '/api/v1/contract-reviews',
    {
      schema: {
        operationId: 'listMyContractReviews',
        tags,
        summary: '我的专家评审 The contracts assigned to the signed-in expert (none for an account not in the pool)',
        security: SESSION,
        response: { 200: ExpertReviewListView, ...errorResponses(401) },
      },
    },
    async (req) => reviews.mine(requireUser(req)),
  );

  r.post(
    '/api/v1/contract-reviews/:id/opinion',
    {
      schema: {
        operationId: 'recordMyContractOpinion',
        tags,
        summary: '提交评审意见 The assigned expert records (or revises) its own opinion while the contract is in expert review',
        security: SESSION,
        params: IdParams,
        body: ExpertOpinionInput,
        response: { 200: ExpertReviewView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => reviews.opine(req.params.id, req.body, requireUser(req)),
  );

  r.get(
    '/api/v1/contracts/:id/changes',
    {
      schema: {
        operationId: 'listContractChanges',
        tags,
        summary: '变更/注销申请 The requests to amend or cancel the registered contract, newest first',
        security: SESSION,
        params: IdParams,
        response: { 200: ChangeListView, ...errorResponses(401, 404) },
      },
    },
    async (req) => changes.list(req.params.id, requireUser(req)),
  );

  r.post(
    '/api/v1/contracts/:id/changes',
    {
      schema: {
        operationId: 'requestContractChange',
        tags,
        summary: '申请变更或注销 The seller asks to amend (the changed fields) or cancel (the reason) a registered contract; the station reviews',
        security: SESSION,
        params: IdParams,
        body: ChangeInput,
        response: { 201: ChangeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const changeId = await changes.request(req.params.id, req.body, user);
      const { items } = await changes.list(req.params.id, user);
      reply.code(201);
      return items.find((c) => c.id === changeId)!;
    },
  );

  r.post(
    '/api/v1/contracts/:id/changes/:changeId/approve',
    {
      schema: {
        operationId: 'approveContractChange',
        tags,
        summary: '批准变更/注销 The station approves: the amendment changes the record, the cancellation sets `cancelled`',
        security: SESSION,
        params: ChangeParams,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await changes.approve(req.params.id, req.params.changeId, requireUser(req));
      return view(req.params.id, req);
    },
  );

  r.post(
    '/api/v1/contracts/:id/changes/:changeId/reject',
    {
      schema: {
        operationId: 'rejectContractChange',
        tags,
        summary: '驳回变更/注销 The station refuses the request, with the reason; the record stays',
        security: SESSION,
        params: ChangeParams,
        body: ReasonInput,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await changes.reject(req.params.id, req.params.changeId, req.body.reason, requireUser(req));
      return view(req.params.id, req);
    },
  );
}
