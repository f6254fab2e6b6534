/**
 * Writing tables people open in Excel or WPS: .xlsx streamed row by row (constant memory for
 * the whole directory), and .csv in UTF-8 with a BOM, which Excel on Chinese Windows needs to
 * show Chinese instead of mojibake.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from './exceljs.ts';

export interface SheetColumn {
  header: string;
  width?: number;
}

type Cell = string | number | null;

export function xlsxStream(sheetName: string, columns: SheetColumn[], rows: AsyncIterable<Cell[][]>, extra?: { title?: string; note?: string }): Readable {
  const out = new PassThrough();
  (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '科服通 Kefutong';
    wb.created = new Date();
    const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: extra?.title ? 3 : 1 }] });
    ws.columns = columns.map((c) => ({ width: c.width ?? 16 }));
    if (extra?.title) {
      ws.addRow([extra.title]).commit();
      ws.addRow([extra.note ?? '']).commit();
    }
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for await (const batch of rows) for (const r of batch) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

export function csvStream(columns: SheetColumn[], rows: AsyncIterable<Cell[][]>): Readable {
  const out = new PassThrough();
  const line = (cells: Cell[]) => cells.map(csvCell).join(',') + '\r\n';
  (async () => {
    out.write('\uFEFF' + line(columns.map((c) => c.header)));
    for await (const batch of rows) {
      if (!out.write(batch.map(line).join(''))) await new Promise((r) => out.once('drain', r));
    }
    out.end();
  })().catch((err) => out.destroy(err));
  return out;
}

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // a cell starting with = + - @ would run as a formula in Excel (CSV injection)
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 6266 filename for Chinese names: ASCII fallback plus filename*=UTF-8''... */
export function attachment(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
