/**
 * Writing tables people open in Excel or WPS: .xlsx streamed row by row (constant memory for
 * the whole directory), and .csv in UTF-8 with a BOM, which Excel on Chinese Windows needs to
 * show Chinese instead of mojibake.
 */
import { PassThrough, type Readable } from 'node:stream';
import { excelJS } from './exceljs.ts';
import type { DataValidation } from 'exceljs';

export interface SheetColumn {
  header: string;
  width?: number;
  /**
   * A drop-down of these values in the data rows (import templates). `several`: a cell may hold more
   * than one value, so Excel only informs when a typed value is not in the list instead of refusing it.
   */
  choices?: { values: string[]; several?: boolean; message: string };
}

type Cell = string | number | null;

/** Where the drop-down values go: a hidden sheet, since an in-cell list is limited to 255 characters. */
export interface ChoiceLists {
  sheetName: string;
  /** how many data rows below the header offer the drop-downs */
  rows: number;
}

const columnLetter = (n: number): string => (n > 26 ? columnLetter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

export function xlsxStream(
  sheetName: string,
  columns: SheetColumn[],
  rows: AsyncIterable<Cell[][]>,
  extra?: { title?: string; note?: string; lists?: ChoiceLists },
): Readable {
  const out = new PassThrough();
  (async () => {
    const wb = new (excelJS().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
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
    const listed = extra?.lists ? columns.flatMap((c, i) => (c.choices?.values.length ? [{ index: i, choices: c.choices }] : [])) : [];
    if (extra?.lists && listed.length) {
      const first = header.number + 1;
      const listSheet = extra.lists.sheetName.replace(/'/g, "''");
      // the streaming writer has dataValidations (written at commit) but its type does not say so
      const validations = (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations;
      listed.forEach(({ index, choices }, k) => {
        const col = columnLetter(index + 1);
        const from = columnLetter(k + 1);
        validations.add(`${col}${first}:${col}${first + extra.lists!.rows - 1}`, {
          type: 'list',
          allowBlank: true,
          formulae: [`'${listSheet}'!$${from}$2:$${from}$${choices.values.length + 1}`],
          showInputMessage: true,
          prompt: choices.message,
          showErrorMessage: true,
          errorStyle: choices.several ? 'information' : 'stop',
          error: choices.message,
        });
      });
    }
    for await (const batch of rows) for (const r of batch) ws.addRow(r).commit();
    ws.commit();
    if (extra?.lists && listed.length) {
      const lists = wb.addWorksheet(extra.lists.sheetName, { state: 'hidden' });
      lists.addRow(listed.map((l) => columns[l.index].header)).commit();
      const longest = Math.max(...listed.map((l) => l.choices.values.length));
      for (let i = 0; i < longest; i++) lists.addRow(listed.map((l) => l.choices.values[i] ?? null)).commit();
      lists.commit();
    }
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

export function csvStream(columns: SheetColumn[], rows: AsyncIterable<Cell[][]>): Readable {
  const out = new PassThrough();
  const line = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;
  (async () => {
    out.write(`\uFEFF${line(columns.map((c) => c.header))}`);
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
  // a cell starting with = + - @ would run as a formula in Excel (CSV injection). Text that already
  // starts with apostrophes before one of them gets one more, so that unquoteFormula() taking exactly
  // one off on import gives back every value as it was.
  if (/^'*[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The inverse of the defusing above: one leading apostrophe before = + - @ is taken off. */
export function unquoteFormula(cell: string): string {
  return /^'+[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/** RFC 6266 filename for Chinese names: ASCII fallback plus filename*=UTF-8''... */
export function attachment(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
