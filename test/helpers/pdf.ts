/**
 * Reads a PDF back with a reader that is not ours: poppler's pdfinfo and pdftotext (Debian's
 * poppler-utils, installed by .ci/run). pdfkit writing and pdfkit reading would agree on its own
 * mistakes; poppler sees the pages as a viewer or a printer does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PdfText {
  pageCount: number;
  /** the text of each page, in order */
  pages: string[];
}

export function readPdf(bytes: Buffer): PdfText {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, bytes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pageCount = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
    // pdftotext ends every page with a form feed
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const pages = text.split('\f').slice(0, -1);
    return { pageCount, pages };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
