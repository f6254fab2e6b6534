/**
 * The signed contract (合同文本) as an attached PDF: the seller uploads it to a draft or while correcting, the
 * submission requires it, and the parties, the contract's station and the offices download it. The bytes decide
 * what it is (magic number and a PDF's end-of-file marker), never the declared type or the file name.
 */
import { createHash } from 'node:crypto';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { detectUpload } from '../../platform/files/uploads.ts';
import type { CurrentUser } from '../auth/index.ts';
import type { ContractService } from './service.ts';

/** 20 MB: a scanned contract of a few dozen pages at 300 dpi; the multipart plugin's own limit is higher */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

const refuse = (code: string, key: string, params: Record<string, unknown> = {}) =>
  new AppError(400, code, key, { labelKey: 'contract.label.document', ...params }, [
    { path: 'document', key, params: { labelKey: 'contract.label.document', ...params } },
  ]);

/** Checks an upload is a complete PDF of allowed size; a 400 naming 合同文本 otherwise. */
export async function checkDocument(filename: string, content: Buffer): Promise<void> {
  if (content.length === 0) throw refuse('file_empty', 'contract.documentEmpty');
  if (content.length > DOCUMENT_MAX_BYTES) throw refuse('file_too_large', 'contract.documentTooLarge', { limit: '20 MB' });
  await detectUpload(content, filename, {
    kinds: ['pdf'],
    kindsKey: 'contract.kinds.pdf',
    path: 'document',
    labelKey: 'contract.label.document',
  });
  // a PDF cut short (an interrupted export or download) has no %%EOF in its last kilobyte
  if (!content.subarray(Math.max(0, content.length - 1024)).includes('%%EOF')) throw refuse('file_broken', 'contract.documentTruncated');
}

export class ContractDocuments {
  constructor(private readonly contracts: ContractService) {}

  /** The seller attaches (or replaces) the signed PDF while the contract is a draft or returned for correction. */
  async attach(id: number, file: { filename: string; content: Buffer }, user: CurrentUser): Promise<void> {
    await checkDocument(file.filename, file.content);
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const filename = file.filename.slice(0, 200) || '合同文本.pdf';
    await this.contracts.step(id, user, 'attachDocument', async (c, tx) => {
      await this.contracts.repo.with(tx).putDocument(id, { filename, sha256, content: file.content }, user.id > 0 ? user.id : null);
      return {
        change: { buyerAnswer: null }, // a new file is new content: the buyer answers it again
        detail: {
          document: { filename, size: file.content.length, sha256 },
          ...(c.document ? { replaced: { filename: c.document.filename, sha256: c.document.sha256 } } : {}),
        },
      };
    });
  }

  /** The PDF for one who may read the contract (its parties, its station once submitted, the offices); 404 otherwise. */
  async download(id: number, user: CurrentUser): Promise<{ filename: string; content: Buffer }> {
    const { contract } = await this.contracts.read(id, user);
    const doc = contract.document ? await this.contracts.repo.documentContent(id) : null;
    if (!doc) throw notFound('contract.documentMissing');
    return doc;
  }
}
