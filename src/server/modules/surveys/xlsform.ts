/**
 * XLSForm (the ODK / KoboToolbox standard) in and out: a `survey` sheet (type, name, label, hint, required,
 * constraint, constraint_message, relevant; labels per language as `label::zh-CN` / `label::en` or plain `label`),
 * a `choices` sheet (list_name, name, label) and a `settings` sheet (form_id, form_title, version). Three extension
 * columns, which other XLSForm tools ignore: `unit`, `min` / `max` (the range) and `indicator` (the surveyed
 * indicator the value feeds), plus `prefill` (profile.employees). Metadata types (start, end, today, deviceid …)
 * and notes are skipped; groups, repeats and other types are refused. Every problem names sheet, row and column.
 */
import { excelJS } from '../../platform/export/exceljs.ts';
import type * as X from 'exceljs';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { type Choice, FIELD_TYPES, type FieldType, type FormDefinition, type FormField, PREFILL_SOURCES } from './definition.ts';
import { ExpressionError, parseExpression, references } from './expressions.ts';

const MAX_ROWS = 500;
const SKIPPED_TYPES = new Set(['start', 'end', 'today', 'deviceid', 'subscriberid', 'simserial', 'phonenumber', 'username', 'email', 'audit', 'note']);

interface Problem {
  sheet: string;
  row: number;
  column: string;
  header: string;
  key: string;
  params?: Record<string, unknown>;
}

const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

function cellText(v: X.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t: { text: string }) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as X.CellValue);
    if ('formula' in v) return '';
    if ('error' in v) return '';
  }
  return String(v).trim();
}

interface Sheet {
  name: string;
  /** header (lower-case) → 1-based column */
  cols: Map<string, number>;
  rows: { n: number; cell: (header: string) => string; has: (header: string) => boolean }[];
}

function readSheet(ws: X.Worksheet): Sheet {
  const cols = new Map<string, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (c, n) => {
    const h = cellText(c.value).toLowerCase().replace(/\s+/g, ' ');
    if (h && !cols.has(h)) cols.set(h, n);
  });
  const rows: Sheet['rows'] = [];
  const last = Math.min(ws.rowCount, MAX_ROWS + 2);
  for (let n = 2; n <= last; n++) {
    const row = ws.getRow(n);
    const cell = (h: string) => {
      const c = cols.get(h);
      return c ? cellText(row.getCell(c).value) : '';
    };
    if ([...cols.values()].every((c) => !cellText(row.getCell(c).value))) continue;
    rows.push({ n, cell, has: (h) => cols.has(h) });
  }
  return { name: ws.name, cols, rows };
}

/** The first of the headers present (`label::zh-CN`, `label::chinese (zh)`, `label`). */
function pick(sheet: Sheet, base: string, lang: 'zh' | 'en'): string | null {
  const candidates =
    lang === 'zh'
      ? [`${base}::zh-cn`, `${base}::zh`, `${base}::chinese (zh)`, `${base}::chinese`, `${base}::中文`, base]
      : [`${base}::en`, `${base}::english (en)`, `${base}::english`];
  return candidates.find((h) => sheet.cols.has(h)) ?? null;
}

/** Reads an XLSForm workbook (its bytes already checked to be an xlsx within the zip limits). */
export async function readXlsForm(buffer: Buffer): Promise<FormDefinition> {
  const wb = new (excelJS().Workbook)();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'xlsform_unreadable', 'survey.xlsform.unreadable', {}, [{ path: 'file', key: 'survey.xlsform.unreadable' }]);
  }
  const problems: Problem[] = [];
  const find = (name: string) => wb.worksheets.find((w) => w.name.trim().toLowerCase() === name);
  const surveyWs = find('survey');
  if (!surveyWs) throw refused([{ sheet: 'survey', row: 1, column: 'A', header: 'type', key: 'survey.xlsform.noSheet' }]);
  const survey = readSheet(surveyWs);
  const at = (sheet: Sheet, row: number, header: string, key: string, params?: Record<string, unknown>) =>
    problems.push({ sheet: sheet.name, row, column: colLetter(sheet.cols.get(header) ?? sheet.cols.size + 1), header, key, params });

  for (const h of ['type', 'name']) if (!survey.cols.has(h)) at(survey, 1, h, 'survey.xlsform.noColumn', { value: h });
  const labelZh = pick(survey, 'label', 'zh');
  if (!labelZh) at(survey, 1, 'label', 'survey.xlsform.noColumn', { value: 'label' });
  if (problems.length) throw refused(problems);
  const labelEn = pick(survey, 'label', 'en');

  // choices
  const choices: Record<string, Choice[]> = {};
  const choicesWs = find('choices');
  if (choicesWs) {
    const cs = readSheet(choicesWs);
    const cZh = pick(cs, 'label', 'zh');
    const cEn = pick(cs, 'label', 'en');
    for (const h of ['list_name', 'name']) if (!cs.cols.has(h)) at(cs, 1, h, 'survey.xlsform.noColumn', { value: h });
    if (!cZh) at(cs, 1, 'label', 'survey.xlsform.noColumn', { value: 'label' });
    if (!problems.length)
      for (const r of cs.rows) {
        const list = r.cell('list_name');
        const name = r.cell('name');
        const zh = r.cell(cZh!);
        if (!list) at(cs, r.n, 'list_name', 'survey.xlsform.emptyCell');
        if (!name) at(cs, r.n, 'name', 'survey.xlsform.emptyCell');
        if (!zh) at(cs, r.n, cZh!, 'survey.xlsform.emptyCell');
        if (!list || !name || !zh) continue;
        if (!choices[list]) choices[list] = [];
        const entries = choices[list];
        if (entries.some((c) => c.name === name)) at(cs, r.n, 'name', 'survey.xlsform.duplicateChoice', { value: name, list });
        else entries.push({ name, labelZh: zh, labelEn: (cEn && r.cell(cEn)) || zh });
      }
  }

  // settings
  let code = '';
  let titleZh = '';
  let titleEn = '';
  const settingsWs = find('settings');
  if (!settingsWs) problems.push({ sheet: 'settings', row: 1, column: 'A', header: 'form_id', key: 'survey.xlsform.noSheet' });
  else {
    const st = readSheet(settingsWs);
    const first = st.rows[0];
    code = first?.cell('form_id') ?? '';
    const tZh = pick(st, 'form_title', 'zh');
    const tEn = pick(st, 'form_title', 'en');
    titleZh = (first && tZh && first.cell(tZh)) || '';
    titleEn = (first && tEn && first.cell(tEn)) || titleZh;
    if (!/^[a-z][a-z0-9_]{1,63}$/.test(code)) at(st, first?.n ?? 2, 'form_id', 'survey.xlsform.formId', { value: code });
    if (!titleZh || titleZh.length > 100) at(st, first?.n ?? 2, tZh ?? 'form_title', 'survey.xlsform.title');
  }

  // survey rows
  const fields: FormField[] = [];
  const rowOf = new Map<string, number>();
  const exprs: { row: number; header: string; field: string; node: ReturnType<typeof parseExpression> }[] = [];
  if (survey.rows.length > MAX_ROWS) at(survey, MAX_ROWS + 2, 'type', 'survey.xlsform.tooManyRows', { max: MAX_ROWS });
  for (const r of survey.rows.slice(0, MAX_ROWS)) {
    const typeText = r.cell('type').replace(/\s+/g, ' ');
    const [base, listName] = typeText.split(' ');
    if (!typeText) {
      at(survey, r.n, 'type', 'survey.xlsform.emptyCell');
      continue;
    }
    if (SKIPPED_TYPES.has(base)) continue;
    const type = (base === 'select1' ? 'select_one' : base) as FieldType;
    if (!(FIELD_TYPES as readonly string[]).includes(type)) {
      at(survey, r.n, 'type', 'survey.xlsform.type', { value: typeText });
      continue;
    }
    const name = r.cell('name');
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) {
      at(survey, r.n, 'name', 'survey.xlsform.name', { value: name });
      continue;
    }
    if (rowOf.has(name)) at(survey, r.n, 'name', 'survey.xlsform.duplicateName', { value: name, row: rowOf.get(name) });
    rowOf.set(name, r.n);
    const zh = r.cell(labelZh!);
    if (!zh || zh.length > 200) at(survey, r.n, labelZh!, 'survey.xlsform.label');
    if (type === 'select_one' && (!listName || !choices[listName])) at(survey, r.n, 'type', 'survey.xlsform.noList', { value: listName ?? '' });
    const number = (h: string) => {
      const t = r.cell(h);
      if (!t) return null;
      const n = Number(t);
      if (!Number.isFinite(n)) {
        at(survey, r.n, h, 'survey.xlsform.number', { value: t });
        return null;
      }
      if (type !== 'integer' && type !== 'decimal') at(survey, r.n, h, 'survey.xlsform.rangeOnNumber');
      return n;
    };
    const min = number('min');
    const max = number('max');
    if (min != null && max != null && min > max) at(survey, r.n, 'max', 'survey.xlsform.minMax', { min, max });
    const expression = (h: string) => {
      const t = r.cell(h);
      if (!t) return null;
      try {
        exprs.push({ row: r.n, header: h, field: name, node: parseExpression(t) });
        return t;
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        at(survey, r.n, h, 'survey.xlsform.expression', { value: t, detailKey: e.key, ...e.params });
        return null;
      }
    };
    const requiredText = r.cell('required').toLowerCase();
    let required: string | null = null;
    if (['yes', 'true', 'true()', '1'].includes(requiredText)) required = 'yes';
    else if (requiredText && !['no', 'false', 'false()', '0'].includes(requiredText)) required = expression('required');
    const indicator = r.cell('indicator') || null;
    if (indicator && !/^[a-z][a-z0-9_]{1,63}$/.test(indicator)) at(survey, r.n, 'indicator', 'survey.xlsform.indicator', { value: indicator });
    if (indicator && type !== 'integer' && type !== 'decimal') at(survey, r.n, 'indicator', 'survey.xlsform.indicatorOnNumber');
    const prefill = r.cell('prefill') || null;
    if (prefill && !(PREFILL_SOURCES as readonly string[]).includes(prefill))
      at(survey, r.n, 'prefill', 'survey.xlsform.prefill', { value: prefill, allowed: PREFILL_SOURCES.join(', ') });
    const unit = r.cell('unit') || null;
    if (unit && unit.length > 20) at(survey, r.n, 'unit', 'survey.xlsform.unit');
    const hintZh = pick(survey, 'hint', 'zh');
    const hintEn = pick(survey, 'hint', 'en');
    const cmZh = pick(survey, 'constraint_message', 'zh');
    const cmEn = pick(survey, 'constraint_message', 'en');
    fields.push({
      name,
      type,
      labelZh: zh,
      labelEn: (labelEn && r.cell(labelEn)) || zh,
      hintZh: (hintZh && r.cell(hintZh)) || null,
      hintEn: (hintEn && r.cell(hintEn)) || null,
      unit,
      required,
      min,
      max,
      constraint: expression('constraint'),
      constraintMessageZh: (cmZh && r.cell(cmZh)) || null,
      constraintMessageEn: (cmEn && r.cell(cmEn)) || null,
      relevant: expression('relevant'),
      listName: type === 'select_one' ? listName : null,
      indicator,
      prefill: prefill as FormField['prefill'],
    });
  }
  for (const e of exprs)
    for (const ref of references(e.node))
      if (!rowOf.has(ref)) at(survey, e.row, e.header, 'survey.xlsform.unknownField', { value: ref });
      else if (ref === e.field && e.header !== 'constraint') at(survey, e.row, e.header, 'survey.xlsform.selfReference', { value: ref });
  if (!fields.length && !problems.length) at(survey, 2, 'type', 'survey.xlsform.noFields');
  if (problems.length) throw refused(problems);
  return { code, titleZh, titleEn, fields, choices };
}

function refused(problems: Problem[]): AppError {
  const fields: FieldError[] = problems.slice(0, 50).map((p) => ({
    path: `${p.sheet}!${p.column}${p.row}`,
    key: 'survey.xlsform.cell',
    params: { sheet: p.sheet, row: p.row, column: p.column, header: p.header, problemKey: p.key, ...p.params },
  }));
  return new AppError(400, 'xlsform_invalid', 'survey.xlsform.invalid', { count: problems.length }, fields);
}

/** A form as an XLSForm workbook: what an office downloads to change a form in Excel and upload again. */
export async function writeXlsForm(form: FormDefinition & { version?: number }): Promise<Buffer> {
  const wb = new (excelJS().Workbook)();
  const survey = wb.addWorksheet('survey');
  const cols = [
    'type',
    'name',
    'label::zh-CN',
    'label::en',
    'hint::zh-CN',
    'hint::en',
    'required',
    'constraint',
    'constraint_message::zh-CN',
    'constraint_message::en',
    'relevant',
    'unit',
    'min',
    'max',
    'indicator',
    'prefill',
  ];
  survey.addRow(cols);
  for (const f of form.fields)
    survey.addRow([
      f.type === 'select_one' ? `select_one ${f.listName}` : f.type,
      f.name,
      f.labelZh,
      f.labelEn,
      f.hintZh ?? '',
      f.hintEn ?? '',
      f.required ?? '',
      f.constraint ?? '',
      f.constraintMessageZh ?? '',
      f.constraintMessageEn ?? '',
      f.relevant ?? '',
      f.unit ?? '',
      f.min ?? '',
      f.max ?? '',
      f.indicator ?? '',
      f.prefill ?? '',
    ]);
  const choices = wb.addWorksheet('choices');
  choices.addRow(['list_name', 'name', 'label::zh-CN', 'label::en']);
  for (const [list, items] of Object.entries(form.choices)) for (const c of items) choices.addRow([list, c.name, c.labelZh, c.labelEn]);
  const settings = wb.addWorksheet('settings');
  settings.addRow(['form_id', 'form_title::zh-CN', 'form_title::en', 'version']);
  settings.addRow([form.code, form.titleZh, form.titleEn, String(form.version ?? 1)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
