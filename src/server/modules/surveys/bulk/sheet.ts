/**
 * The bulk-filing workbook (批量填报): one sheet 填报, one row per organization — USCC, name, then one column per
 * field of the round's form, headed by its label and unit in both languages, and a last column for the reason a
 * value differs three times or more from last period's. Row 2 (hidden) holds the field names, so columns may be
 * moved or deleted and are still read by name. Choices are drop-downs (data validation) of their Chinese labels;
 * a cell may also hold the English label or the choice's name. A second sheet 说明 states each field's rules.
 */
import type * as X from 'exceljs';
import { excelJS } from '../../../platform/export/exceljs.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { FormDefinition, FormField } from '../definition.ts';
import { ruleText } from '../validate.ts';

export const SHEET = '填报';
export const HELP_SHEET = '说明';
export const USCC = 'uscc';
export const NAME = 'org_name';
export const REASON = 'change_reason';
/** data rows: more is a job for several files (and keeps one upload's transaction short) */
export const MAX_ROWS = 5000;
const FIRST_DATA_ROW = 3;

export const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

export interface Column {
  name: string;
  headerZh: string;
  headerEn: string;
  field?: FormField;
}

export function columnsOf(form: FormDefinition): Column[] {
  const unit = (f: FormField, open: string, close: string) => (f.unit ? `${open}${f.unit}${close}` : '');
  return [
    { name: USCC, headerZh: '统一社会信用代码', headerEn: 'USCC' },
    { name: NAME, headerZh: '机构名称', headerEn: 'Organization' },
    ...form.fields.map((f) => ({
      name: f.name,
      headerZh: `${f.required === 'yes' ? '*' : ''}${f.labelZh}${unit(f, '（', '）')}`,
      headerEn: `${f.labelEn}${unit(f, ' (', ')')}`,
      field: f,
    })),
    { name: REASON, headerZh: '变动说明（与上期相差三倍以上时必填）', headerEn: 'Reason for a value ×3 or ÷3 of last period’s' },
  ];
}

/** The template: the organizations' rows with what they have saved so far. */
export async function writeBulkSheet(
  form: FormDefinition,
  rows: { uscc: string; name: string; values: Record<string, number | string | null> }[],
): Promise<Buffer> {
  const wb = new (excelJS().Workbook)();
  wb.creator = '科服通 Kefutong';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const cols = columnsOf(form);
  ws.columns = cols.map((c) => ({ width: Math.min(40, Math.max(14, c.headerZh.length * 2)) }));
  const head = ws.getRow(1);
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = `${c.headerZh}\n${c.headerEn}`;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF4FA' } };
  });
  head.height = 48;
  const names = ws.getRow(2);
  cols.forEach((c, i) => {
    names.getCell(i + 1).value = c.name;
  });
  names.hidden = true;
  const labelOf = (f: FormField, v: unknown) => form.choices[f.listName ?? '']?.find((c) => c.name === v)?.labelZh ?? v;
  rows.forEach((r, k) => {
    const row = ws.getRow(FIRST_DATA_ROW + k);
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = c.name === USCC ? r.uscc : c.name === NAME ? r.name : c.field ? r.values[c.name] : null;
      cell.value = (c.field?.type === 'select_one' ? labelOf(c.field, v) : v) as X.CellValue;
      if (c.name === USCC) cell.numFmt = '@';
      if (c.field?.type === 'select_one') {
        const list = form.choices[c.field.listName ?? ''] ?? [];
        const joined = list.map((x) => x.labelZh).join(',');
        // an in-cell list is limited to 255 characters; a longer one is checked on upload only
        if (joined.length <= 250)
          cell.dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [`"${joined}"`],
            showErrorMessage: true,
            errorTitle: c.field.labelZh,
            error: `只能选择：${list.map((x) => x.labelZh).join('、')}`,
          };
      }
    });
  });
  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 28 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 24 }, { width: 60 }];
  help.addRow(['字段 Field', '类型 Type', '单位 Unit', '必填 Required', '范围 Range', '规则 Rule']).font = { bold: true };
  for (const f of form.fields)
    help.addRow([
      f.labelZh,
      f.type,
      f.unit ?? '',
      f.required === 'yes' ? '是' : f.required ? `当 ${ruleText(form, f, f.required, 'zh')}` : '否',
      [f.min != null ? `≥ ${f.min}` : '', f.max != null ? `≤ ${f.max}` : ''].filter(Boolean).join('，'),
      [
        f.constraint ? `${ruleText(form, f, f.constraint, 'zh')}${f.constraintMessageZh ? `（${f.constraintMessageZh}）` : ''}` : '',
        f.relevant ? `仅当 ${ruleText(form, f, f.relevant, 'zh')} 时填写` : '',
        f.type === 'select_one' ? `可选：${(form.choices[f.listName ?? ''] ?? []).map((c) => c.labelZh).join('、')}` : '',
      ]
        .filter(Boolean)
        .join('；'),
    ]);
  help.addRow([]);
  help.addRow(['第 2 行（隐藏）为字段代码，请勿修改；每行一家机构，按统一社会信用代码识别。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellValue(v: X.CellValue): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return (
        v.richText
          .map((t: { text: string }) => t.text)
          .join('')
          .trim() || null
      );
    if ('result' in v) return cellValue(v.result as X.CellValue);
    if ('text' in v) return String(v.text).trim() || null;
    return null; // a formula without a result, an error
  }
  const s = String(v).trim();
  return s === '' ? null : s;
}

export interface SheetRow {
  /** the row's number in Excel */
  n: number;
  uscc: string | null;
  /** raw cell values by field name (select_one already its choice name when a label matched) */
  values: Record<string, number | string | null>;
  reason: string;
}

export interface Read {
  sheet: string;
  /** field name → its column (letter) and header */
  columns: Map<string, { letter: string; headerZh: string; headerEn: string }>;
  rows: SheetRow[];
}

/** Reads a filled template (its bytes already checked to be an xlsx within the zip limits). */
export async function readBulkSheet(buffer: Buffer, form: FormDefinition): Promise<Read> {
  const wb = new (excelJS().Workbook)();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'survey_bulk_unreadable', 'survey.bulk.unreadable', {}, [{ path: 'file', key: 'survey.bulk.unreadable' }]);
  }
  const ws = wb.worksheets.find((w) => w.name.trim() === SHEET) ?? wb.worksheets[0];
  const known = new Map(columnsOf(form).map((c) => [c.name, c]));
  const columns: Read['columns'] = new Map();
  const byIndex = new Map<number, string>();
  ws?.getRow(2).eachCell({ includeEmpty: false }, (c, i) => {
    const name = String(cellValue(c.value) ?? '');
    const col = known.get(name);
    if (col && !columns.has(name)) {
      columns.set(name, { letter: colLetter(i), headerZh: col.headerZh, headerEn: col.headerEn });
      byIndex.set(i, name);
    }
  });
  if (!ws || !columns.has(USCC))
    throw new AppError(400, 'survey_bulk_not_template', 'survey.bulk.notTemplate', { sheet: SHEET }, [
      { path: `${SHEET}!A2`, key: 'survey.bulk.notTemplate', params: { sheet: SHEET } },
    ]);
  if (ws.rowCount - FIRST_DATA_ROW + 1 > MAX_ROWS)
    throw new AppError(400, 'survey_bulk_too_many_rows', 'survey.bulk.tooManyRows', { max: MAX_ROWS, rows: ws.rowCount - FIRST_DATA_ROW + 1 });
  const rows: SheetRow[] = [];
  for (let n = FIRST_DATA_ROW; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    const values: SheetRow['values'] = {};
    let uscc: string | null = null;
    let reason = '';
    let any = false;
    for (const [i, name] of byIndex) {
      const v = cellValue(row.getCell(i).value);
      // a row with nothing but the organization (as the template comes) is not filed
      if (v !== null && name !== USCC && name !== NAME) any = true;
      if (name === USCC) uscc = v === null ? null : String(v).toUpperCase();
      else if (name === REASON) reason = v === null ? '' : String(v);
      else if (name !== NAME) {
        const f = known.get(name)!.field!;
        // Excel keeps digits typed in a text cell (a phone, a name like 110) as a number: text fields take them as text
        const text = typeof v === 'number' && f.type !== 'integer' && f.type !== 'decimal' ? String(v) : v;
        values[name] = f.type === 'select_one' && text !== null ? choiceName(form, f, String(text)) : text;
      }
    }
    if (any) rows.push({ n, uscc, values, reason });
  }
  return { sheet: ws.name, columns, rows };
}

/** A choice by its name or either label (the drop-down offers the Chinese ones); unknown text stays, to be refused. */
function choiceName(form: FormDefinition, f: FormField, text: string): string {
  const list = form.choices[f.listName ?? ''] ?? [];
  const t = text.trim();
  return list.find((c) => c.name === t || c.labelZh === t || c.labelEn.toLowerCase() === t.toLowerCase())?.name ?? t;
}
