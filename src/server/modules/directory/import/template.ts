/**
 * The import template: the columns of ORG_COLUMNS (required ones starred), drop-down lists of the
 * Chinese labels for the coded columns, and one sample row that imports as it is.
 */
import type { SheetColumn } from '../../../platform/export/spreadsheet.ts';
import { translate, type Locale } from '../../../platform/http/i18n.ts';
import type { ReferenceService } from '../../reference/index.ts';
import { KIND_LABELS, LIST_SEPARATOR, ORG_COLUMNS, REVENUE_LABELS } from '../columns.ts';
import { usccCheckCharacter } from '../uscc.ts';

export const TEMPLATE_LISTS_SHEET = '选项';

/** The columns, with the labels people may pick for the coded ones. */
export async function templateColumns(reference: ReferenceService, locale: Locale): Promise<SheetColumn[]> {
  const [categories, divisions, clusters] = await Promise.all([reference.categories(), reference.divisions(), reference.clusters()]);
  const one = translate(locale, 'import.template.pickOne');
  const several = translate(locale, 'import.template.pickSeveral', { separator: LIST_SEPARATOR });
  const choices: Record<string, SheetColumn['choices']> = {
    kinds: { values: Object.values(KIND_LABELS), several: true, message: several },
    categories: { values: categories.map((c) => c.nameZh), several: true, message: several },
    // today's divisions, as the organization form offers them; the import still reads abolished ones
    district: { values: divisions.filter((d) => !d.validTo).map((d) => d.name), message: one },
    cluster: { values: clusters.map((c) => c.name), message: one },
    revenueBand: { values: Object.values(REVENUE_LABELS), message: one },
  };
  return ORG_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width, choices: choices[c.key] }));
}

// 17 characters of a made-up code; the check character is computed so the sample always validates
const SAMPLE_USCC_BODY = '91500103MA5U8XKQ4';

/** One valid organization, in ORG_COLUMNS order. */
export function sampleRow(now = new Date()): (string | number)[] {
  const year = Number(now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
  const sample: Record<string, string | number> = {
    uscc: SAMPLE_USCC_BODY + usccCheckCharacter(SAMPLE_USCC_BODY),
    name: '重庆示例检测技术有限公司',
    kinds: KIND_LABELS.service_provider,
    categories: ['检验检测认证服务', '研究开发服务'].join(LIST_SEPARATOR),
    district: '渝中区',
    address: '重庆市渝中区解放碑示例路1号',
    contactPerson: '张三',
    contactPhone: '023-63000000',
    contactEmail: 'contact@example.com',
    foundedOn: '2018-05-20',
    employees: 45,
    revenueBand: REVENUE_LABELS['10m_50m'],
    // a recognition still valid when the template is downloaded
    recognitions: `高新技术企业(${year - 1}-01-01~${year + 2}-12-31)`,
    description: '提供材料检测、环境检测与计量校准服务。',
    website: 'https://www.example.com',
  };
  return ORG_COLUMNS.map((c) => sample[c.key] ?? '');
}
