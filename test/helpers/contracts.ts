/** Technology contracts in API tests: the signed PDF as a multipart upload. */
import type { TestApp } from './app.ts';

/** a one-page PDF (what the signed contract stands for in tests) */
export const SIGNED_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export function multipartBody(filename: string, content: Buffer, field = 'file') {
  const boundary = '----kftcontract';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** POST /api/v1/contracts/{id}/document as the given session */
export function uploadDocument(t: TestApp, id: number, who: { cookie: string }, content: Buffer = SIGNED_PDF, filename = '技术合同.pdf') {
  const m = multipartBody(filename, content);
  return t.request({ method: 'POST', url: `/api/v1/contracts/${id}/document`, payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
}
