/**
 * Reads an uploaded table into header + rows of strings: .xlsx (streamed, so 100,000 rows do
 * not need the whole workbook in memory as objects), or .csv in UTF-8 (with or without BOM) or
 * GBK/GB18030 (what Excel writes on Chinese Windows). The encoding is detected by checking
 * whether the bytes are valid UTF-8, which GBK text with Chinese almost never is.
 */
import { Readable } from 'node:stream';
import { excelJS } from '../../../platform/export/exceljs.ts';
import type * as X from 'exceljs';
import { createRequire } from 'node:module';
import type { parse as ParseCsv } from 'csv-parse/sync';
import type Iconv from 'iconv-lite';
import { badRequest } from '../../../platform/http/errors.ts';
import { unquoteFormula } from '../../../platform/export/spreadsheet.ts';
import { detectUpload } from '../../../platform/files/uploads.ts';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../../../platform/files/zip.ts';

/**
 * Rows are kept as one string each, cells joined by a control character, until their batch is
 * validated: 56,000 rows × 17 cells as separate strings held 125 MB of heap; packed, about a third.
 */
const SEP = '\u0001';
export const packRow = (cells: string[]) => cells.map((c) => c.replaceAll(SEP, ' ')).join(SEP);
export const unpackRow = (row: string) => row.split(SEP);

export interface Table {
  header: string[];
  /** packed rows: unpackRow(rows[i]) gives the cells */
  rows: string[];
  /** spreadsheet row number of rows[0] (header is row 1) */
  firstRowNumber: number;
}

export const MAX_IMPORT_ROWS = 100_000;

/**
 * The bytes decide: an .xlsx (a zip, which passes the decompression limits before exceljs sees it)
 * or text that is CSV; anything else, whatever its name, is not a table.
 */
export async function readTable(buffer: Buffer, filename: string, zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Table> {
  if (!buffer.length) throw badRequest('import_empty', 'import.empty');
  const { kind } = await detectUpload(buffer, filename, {
    kinds: ['xlsx', 'csv'],
    kindsKey: 'file.kinds.tables',
    refuse: { code: 'import_not_table', key: 'import.notTable' },
    zipLimits,
  });
  if (kind === 'xlsx') return readXlsx(buffer);
  // a name that says spreadsheet over bytes that are not one is a mistake worth naming, not a CSV
  if (/\.xlsx?$/i.test(filename)) throw badRequest('import_not_table', 'import.notTable');
  return readCsv(buffer);
}

function cellText(v: X.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t: { text: string }) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as X.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

async function readXlsx(buffer: Buffer): Promise<Table> {
  const rows: string[] = [];
  let header: string[] | null = null;
  try {
    const reader = new (excelJS().stream.xlsx.WorkbookReader)(Readable.from(buffer), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as X.CellValue[]).slice(1).map(cellText);
        if (!header) header = values;
        else rows.push(packRow(values));
        if (rows.length > MAX_IMPORT_ROWS) break;
      }
      break; // first sheet only
    }
  } catch {
    throw badRequest('import_not_table', 'import.notTable');
  }
  if (!header || header.every((h) => !h.trim())) throw badRequest('import_empty', 'import.empty');
  return { header, rows: trimEmpty(rows), firstRowNumber: 2 };
}

// loaded at the first CSV import, not at start (~25 ms of CPU together)
const load = createRequire(import.meta.url);
const iconv = () => load('iconv-lite') as typeof Iconv;
const parseCsv: typeof ParseCsv = (...args: Parameters<typeof ParseCsv>) => (load('csv-parse/sync') as { parse: typeof ParseCsv }).parse(...args);

function decode(buffer: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return iconv().decode(buffer, 'gb18030');
  }
}

function readCsv(buffer: Buffer): Table {
  const text = decode(buffer);
  // binary junk (an image, a PDF) is not a table
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text.slice(0, 4096))) throw badRequest('import_not_table', 'import.notTable');
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, bom: true, trim: false });
  } catch {
    throw badRequest('import_not_table', 'import.notTable');
  }
  if (!records.length) throw badRequest('import_empty', 'import.empty');
  const [header, ...rows] = records;
  // our CSV export puts an apostrophe before = + - @ (a formula in Excel); taken off, a round trip is lossless
  return { header, rows: trimEmpty(rows.map((r) => packRow(r.map(unquoteFormula)))), firstRowNumber: 2 };
}

function trimEmpty(rows: string[]): string[] {
  let end = rows.length;
  while (end > 0 && !rows[end - 1].replaceAll(SEP, '').trim()) end--;
  return rows.slice(0, end);
}
