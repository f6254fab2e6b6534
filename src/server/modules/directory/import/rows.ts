/**
 * Turns spreadsheet rows into OrgInput values, with every problem reported as
 * {row, field, message}. Cells may use the Chinese labels people type (服务类别 "检验检测认证服务",
 * 区县 "渝中区" or "500103", 机构类型 "企业") or the codes the API uses.
 */
import { fold } from '../../../platform/text/fold.ts';
import { OrgInput } from '../schemas.ts';
import { KIND_LABELS, ORG_COLUMNS, RECOGNITION_LABELS, REVENUE_LABELS } from '../columns.ts';
import type { ServiceCategory, Division, Cluster } from '../../reference/index.ts';
import { fieldErrors } from '../../../platform/http/validation.ts';
import type { Locale } from '../../../platform/http/i18n.ts';
import { translate } from '../../../platform/http/i18n.ts';

export interface RowError {
  row: number;
  field: string;
  column: string;
  value: string;
  message: string;
}

export interface Vocabulary {
  categories: ServiceCategory[];
  divisions: Division[];
  clusters: Cluster[];
}

const norm = (s: string) => fold(s).replace(/[\s"“”「」()（）]/g, '');

/** Column index per field key, from a header row; and the required columns that are missing. */
export function mapHeader(header: string[]): { index: Map<string, number>; missing: string[] } {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const n = norm(h.replace(/\*$/, ''));
    const col = ORG_COLUMNS.find((c) => norm(c.header) === n || c.aliases.some((a) => norm(a) === n));
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  const missing = ORG_COLUMNS.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  return { index, missing };
}

function lookup(labels: Record<string, string>) {
  const byLabel = new Map(Object.entries(labels).map(([code, label]) => [norm(label), code]));
  return (cell: string) => byLabel.get(norm(cell)) ?? (labels[cell.trim()] ? cell.trim() : cell.trim());
}

const splitList = (cell: string) =>
  cell
    .split(/[;；,，、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

export class RowMapper {
  private kind = lookup(KIND_LABELS);
  private revenue = lookup(REVENUE_LABELS);
  private recognition = lookup(RECOGNITION_LABELS);
  private category: (cell: string) => string;
  private district: (cell: string) => string;
  private cluster: (cell: string) => string;

  constructor(
    vocab: Vocabulary,
    private readonly index: Map<string, number>,
    private readonly locale: Locale,
  ) {
    const cats = new Map<string, string>();
    for (const c of vocab.categories) for (const k of [c.code, c.nameZh, c.nameZh.replace(/服务$/, ''), c.nameEn]) cats.set(norm(k), c.code);
    this.category = (cell) => cats.get(norm(cell)) ?? cell.trim();
    const dists = new Map<string, string>();
    for (const d of vocab.divisions) for (const k of [d.code, d.name, d.nameEn]) if (k) dists.set(norm(k), d.code);
    this.district = (cell) => dists.get(norm(cell)) ?? cell.trim();
    const clusters = new Map<string, string>();
    for (const c of vocab.clusters) for (const k of [c.id, c.name, c.corePark ?? '']) if (k) clusters.set(norm(k), c.id);
    this.cluster = (cell) => clusters.get(norm(cell)) ?? cell.trim();
  }

  private cell(row: string[], key: string): string {
    const i = this.index.get(key);
    return i === undefined ? '' : (row[i] ?? '').trim();
  }

  /** The row as OrgInput, or its errors. rowNumber is the spreadsheet's (header = 1). */
  map(row: string[], rowNumber: number): { value: OrgInput } | { errors: RowError[]; raw: Pick<OrgInput, 'categories' | 'districtCode' | 'clusterId'> } {
    const errors: RowError[] = [];
    const c = (k: string) => this.cell(row, k);
    const employeesText = c('employees').replace(/[,，人]/g, '');
    const raw = {
      uscc: c('uscc'),
      name: c('name'),
      formerNames: splitList(c('formerNames')),
      kinds: splitList(c('kinds')).map(this.kind),
      categories: splitList(c('categories')).map(this.category),
      districtCode: c('district') ? this.district(c('district')) : null,
      clusterId: c('cluster') ? this.cluster(c('cluster')) : null,
      address: c('address'),
      contactPerson: c('contactPerson'),
      contactPhone: c('contactPhone'),
      contactEmail: c('contactEmail'),
      foundedOn: c('foundedOn') ? normalizeDate(c('foundedOn')) : null,
      employees: employeesText === '' ? null : Number.isFinite(Number(employeesText)) ? Number(employeesText) : employeesText,
      revenueBand: c('revenueBand') ? this.revenue(c('revenueBand')) : null,
      recognitions: splitList(c('recognitions')).map((item) => {
        const m = item.match(/^(.*?)[(（]\s*([\d-]*)\s*[~～至-]{1}\s*([\d-]*)\s*[)）]$/);
        return m ? { kind: this.recognition(m[1]), validFrom: m[2] || null, validTo: m[3] || null } : { kind: this.recognition(item) };
      }),
      description: c('description'),
      website: c('website'),
    };
    const parsed = OrgInput.safeParse(raw);
    if (!parsed.success) {
      const optionLabels = (path: string) => ({ kinds: KIND_LABELS, revenueBand: REVENUE_LABELS, recognitions: RECOGNITION_LABELS })[path.split('.')[0]];
      for (const f of fieldErrors(OrgInput, raw, this.locale, { optionLabels })) {
        const top = f.path.split('.')[0];
        const colKey = top === 'districtCode' ? 'district' : top === 'clusterId' ? 'cluster' : top;
        const column = ORG_COLUMNS.find((col) => col.key === colKey)?.header ?? f.path;
        errors.push({ row: rowNumber, field: f.path, column, value: c(colKey), message: f.message });
      }
      return { errors, raw };
    }
    return { value: parsed.data };
  }

  columnOf(field: string): string {
    const top = field.split('.')[0];
    const key = top === 'districtCode' ? 'district' : top === 'clusterId' ? 'cluster' : top;
    return ORG_COLUMNS.find((c) => c.key === key)?.header ?? field;
  }

  cellOf(row: string[], field: string): string {
    const top = field.split('.')[0];
    return this.cell(row, top === 'districtCode' ? 'district' : top === 'clusterId' ? 'cluster' : top);
  }

  t(key: string, params: Record<string, unknown>) {
    return translate(this.locale, key, params);
  }
}

/** 2021/3/5, 2021.03.05, 2021年3月5日, Excel serial numbers → 2021-03-05 */
export function normalizeDate(cell: string): string {
  const s = cell.trim();
  if (/^\d{5}$/.test(s)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86400000);
    return d.toISOString().slice(0, 10);
  }
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return s;
}
