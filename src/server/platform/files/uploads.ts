/**
 * Uploaded files are judged by their bytes, never by the type the browser declared: an SVG (which
 * can carry script) sent as image/png, or an HTML page sent as application/pdf, would otherwise be
 * stored and served back from our origin. `file-type` reads the magic numbers of the first bytes;
 * a zip (Office files are zips) passes the decompression limits first, since detection unpacks
 * part of it. The stored content type is the detected one.
 *
 * Served files go out with `nosniff` (the browser keeps our type) and a `sandbox` CSP (a file opened
 * directly can run nothing); only images are shown inline, everything else is a download.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../http/errors.ts';
import { checkZip, DEFAULT_ZIP_LIMITS, isZip, type ZipLimits } from './zip.ts';
import './messages.ts';

export type FileKind = 'jpeg' | 'png' | 'webp' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'ppt' | 'csv';

export const MEDIA_TYPES: Record<FileKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  csv: 'text/csv',
};

export const IMAGE_KINDS: FileKind[] = ['jpeg', 'png', 'webp'];
export const OFFICE_KINDS: FileKind[] = ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt'];
/** images are the only files a browser is asked to show; nothing else is rendered from our origin */
const INLINE = new Set(IMAGE_KINDS.map((k) => MEDIA_TYPES[k]));

export interface UploadRule {
  kinds: FileKind[];
  /** message key listing the kinds for the reader (file.kinds.*) */
  kindsKey: string;
  /** the form field and its label key */
  path?: string;
  labelKey?: string;
  /** a module's own code and message for a refused type, where callers already know one */
  refuse?: { code: string; key: string };
  zipLimits?: ZipLimits;
}

/** What the bytes are, or a 400 naming the field and the kinds it accepts. */
export async function detectUpload(buffer: Buffer, filename: string, rule: UploadRule): Promise<{ kind: FileKind; contentType: string }> {
  const path = rule.path ?? 'file';
  const params = { labelKey: rule.labelKey ?? 'file.label.file', kindsKey: rule.kindsKey };
  const refused = () => {
    const code = rule.refuse?.code ?? 'file_type';
    const key = rule.refuse?.key ?? 'file.typeNotAllowed';
    return new AppError(400, code, key, params, [{ path, key, params }]);
  };
  if (isZip(buffer)) await checkZip(buffer, rule.zipLimits ?? DEFAULT_ZIP_LIMITS);
  // loaded at the first upload, not at start (~45 ms of CPU)
  const { fileTypeFromBuffer } = await import('file-type');
  const kind = kindOf((await fileTypeFromBuffer(buffer))?.mime, filename) ?? (rule.kinds.includes('csv') && isPlainText(buffer) ? 'csv' : undefined);
  if (!kind || !rule.kinds.includes(kind)) throw refused();
  return { kind, contentType: MEDIA_TYPES[kind] };
}

function kindOf(mime: string | undefined, filename: string): FileKind | undefined {
  if (!mime) return undefined;
  // Word, Excel and PowerPoint 97–2003 share one container (CFB); its bytes say "Office", the name says which
  if (mime === 'application/x-cfb') {
    const ext = /\.(doc|xls|ppt)$/i.exec(filename)?.[1]?.toLowerCase();
    return ext as FileKind | undefined;
  }
  return (Object.entries(MEDIA_TYPES) as [FileKind, string][]).find(([, t]) => t === mime)?.[0];
}

/** CSV has no magic number: it is text when it holds no NUL and no control character but tab, CR, LF, FF. */
export function isPlainText(buffer: Buffer): boolean {
  if (!buffer.length) return false;
  for (const b of buffer) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  return true;
}

/** RFC 5987 `filename*` (UTF-8, percent-encoded, including the characters the RFC reserves) with an ASCII fallback. */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a stored file: images inline with their type, everything else as a download, never sniffed or run. */
export function sendStoredFile(reply: FastifyReply, file: { contentType: string; filename: string; data: Buffer }) {
  const inline = INLINE.has(file.contentType);
  return reply
    .type(file.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.filename))
    .send(file.data as never); // bytes: the declared file response, not JSON
}
