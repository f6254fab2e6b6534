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
import { ContractView, IdParams } from './schemas.ts';

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

export async function contractLifecycleRoutes(app: FastifyInstance, opts: { contracts: ContractService; documents: ContractDocuments }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { contracts, documents } = opts;
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
}
