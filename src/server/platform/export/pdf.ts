/**
 * PDF tables with Chinese text. The CJK font (Noto Sans SC, SIL Open Font License) comes from an
 * npm package so a fresh clone can make PDFs without system fonts; PDF_FONT_PATH overrides it.
 * pdfkit embeds only the glyphs used, so a list of a few pages stays small.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough, type Readable } from 'node:stream';
import type PDFKit from 'pdfkit';
import { AppError } from '../http/errors.ts';
import { fromRoot } from '../app-root.ts';

const _require = createRequire(import.meta.url);

/**
 * The font for PDF tables: PDF_FONT_PATH if given, else the bundled subset of Noto Sans SC Regular
 * (fonts/README.md: every character of the original except CJK Extension A, 8 MB instead of a
 * 92 MB nine-weight package).
 */
export function cjkFontPath(override?: string): string {
  const candidates = [override, fromRoot('src/server/platform/export/fonts/NotoSansSC-Regular.subset.ttf')];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found) throw new AppError(500, 'pdf_no_font', 'pdf.noFont');
  return found;
}

export interface PdfTable {
  title: string;
  subtitle: string[];
  columns: { header: string; width: number }[]; // widths in points
  rows: AsyncIterable<string[][]>;
  footer: string;
}

/**
 * One row of a table at doc.y: its cells wrapped in their columns, as tall as its tallest cell, on a new page (with
 * the table's header again, `newPage`) when it would cross `bottom`; a thin rule under it. Shared by the list
 * exports below and the statistical bulletins.
 */
export function pdfTableRow(
  doc: PDFKit.PDFDocument,
  cells: (string | null | undefined)[],
  o: { widths: number[]; left: number; fontSize: number; minHeight: number; bottom: number; newPage: () => void },
): void {
  doc.fontSize(o.fontSize);
  const h = Math.max(o.minHeight, ...cells.map((c, i) => doc.heightOfString(c ?? '', { width: o.widths[i] - 6 }))) + 4;
  if (doc.y + h > o.bottom) {
    doc.addPage();
    o.newPage();
    doc.fontSize(o.fontSize);
  }
  const y = doc.y;
  let x = o.left;
  cells.forEach((c, i) => {
    doc.text(c ?? '', x + 3, y + 2, { width: o.widths[i] - 6 });
    x += o.widths[i];
  });
  doc
    .moveTo(o.left, y + h)
    .lineTo(x, y + h)
    .lineWidth(0.3)
    .strokeColor('#ccc')
    .stroke();
  doc.y = y + h;
}

export function pdfTableStream(table: PdfTable, fontPath: string): Readable {
  // loaded at the first PDF, not at start (about 0.25 s of CPU for the few requests that export one)
  const PDFDocument = _require('pdfkit') as typeof PDFKit;
  const out = new PassThrough();
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, bufferPages: true, info: { Title: table.title, Creator: '科服通 Kefutong' } });
  doc.pipe(out);
  doc.registerFont('cjk', fontPath);
  doc.font('cjk');
  (async () => {
    const left = doc.page.margins.left;
    const bottom = () => doc.page.height - doc.page.margins.bottom - 20;
    doc.fontSize(16).text(table.title, { align: 'center' });
    doc.moveDown(0.4);
    doc.fontSize(9).fillColor('#555');
    for (const line of table.subtitle) doc.text(line, { align: 'center' });
    doc.fillColor('#000').moveDown(0.6);

    const drawHeader = () => {
      let x = left;
      const y = doc.y;
      doc
        .fontSize(9)
        .rect(
          left,
          y - 2,
          table.columns.reduce((s, c) => s + c.width, 0),
          16,
        )
        .fill('#eef2f7')
        .fillColor('#000');
      for (const c of table.columns) {
        doc.text(c.header, x + 3, y + 1, { width: c.width - 6, lineBreak: false });
        x += c.width;
      }
      doc.y = y + 18;
    };
    drawHeader();
    for await (const batch of table.rows) {
      for (const row of batch) {
        pdfTableRow(doc, row, {
          widths: table.columns.map((c) => c.width),
          left,
          fontSize: 8,
          minHeight: 12,
          bottom: bottom(),
          newPage: drawHeader,
        });
      }
    }
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      // the footer line ends below the bottom margin, where pdfkit would open a new (blank) page for
      // it: lift the margin while it is written
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .fontSize(8)
        .fillColor('#777')
        .text(`${table.footer}　第 ${i + 1} / ${range.count} 页`, left, doc.page.height - margin - 10, {
          width: doc.page.width - left - doc.page.margins.right,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = margin;
    }
    doc.end();
  })().catch((err) => out.destroy(err));
  return out;
}
