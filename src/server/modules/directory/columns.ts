/**
 * The spreadsheet form of an organization: one column per field, Chinese headers (English and
 * code-style headers are accepted on import too). Export, the import template and import share
 * it, so an exported file imports back unchanged.
 */
import type { Org } from './schemas.ts';

export const KIND_LABELS: Record<string, string> = {
  service_provider: '科技服务机构',
  enterprise: '企业',
  university: '高校',
  research_institute: '科研院所',
  financial_institution: '金融机构',
  government_office: '政府部门',
  incubator: '孵化载体',
};
export const RECOGNITION_LABELS: Record<string, string> = {
  tech_sme: '科技型中小企业',
  high_tech: '高新技术企业',
  srdi_innovative: '创新型中小企业',
  srdi_sme: '专精特新中小企业',
  srdi_little_giant: '专精特新“小巨人”企业',
};
export const REVENUE_LABELS: Record<string, string> = {
  lt_1m: '100万元以下',
  '1m_10m': '100万-1000万元',
  '10m_50m': '1000万-5000万元',
  '50m_200m': '5000万-2亿元',
  '200m_1b': '2亿-10亿元',
  gte_1b: '10亿元及以上',
};

export interface Column {
  key: string;
  header: string;
  aliases: string[];
  required?: boolean;
  width: number;
}

export const ORG_COLUMNS: Column[] = [
  { key: 'uscc', header: '统一社会信用代码', aliases: ['uscc', '信用代码', 'USCC'], required: true, width: 22 },
  { key: 'name', header: '机构名称', aliases: ['name', '名称', '单位名称', '企业名称'], required: true, width: 36 },
  { key: 'formerNames', header: '曾用名', aliases: ['formerNames', 'former names'], width: 20 },
  { key: 'kinds', header: '机构类型', aliases: ['kinds', 'kind', '类型'], width: 16 },
  { key: 'categories', header: '服务类别', aliases: ['categories', 'category', '类别'], width: 24 },
  { key: 'district', header: '所在区县', aliases: ['district', 'districtCode', '区县', '区县代码'], width: 12 },
  { key: 'cluster', header: '所属集聚区', aliases: ['cluster', 'clusterId', '集聚区'], width: 28 },
  { key: 'address', header: '地址', aliases: ['address', '详细地址'], width: 36 },
  { key: 'contactPerson', header: '联系人', aliases: ['contactPerson', 'contact'], width: 10 },
  { key: 'contactPhone', header: '联系电话', aliases: ['contactPhone', 'phone', '电话'], width: 16 },
  { key: 'contactEmail', header: '联系邮箱', aliases: ['contactEmail', 'email', '邮箱'], width: 24 },
  { key: 'foundedOn', header: '成立日期', aliases: ['foundedOn', 'founded'], width: 12 },
  { key: 'employees', header: '从业人员数', aliases: ['employees', '从业人数', '员工人数'], width: 10 },
  { key: 'revenueBand', header: '营业收入区间', aliases: ['revenueBand', '营收区间'], width: 16 },
  { key: 'recognitions', header: '资质认定', aliases: ['recognitions', '资质'], width: 30 },
  { key: 'description', header: '机构简介', aliases: ['description', '简介', '服务内容'], width: 50 },
  { key: 'website', header: '网址', aliases: ['website', '网站'], width: 24 },
];

export const LIST_SEPARATOR = '；';

export interface Lookups {
  categoryName: (code: string) => string;
  districtName: (code: string) => string;
  clusterName: (id: string) => string;
}

/** One org as spreadsheet cells (strings and numbers), in ORG_COLUMNS order. */
export function orgToCells(o: Org, l: Lookups): (string | number | null)[] {
  const values: Record<string, string | number | null> = {
    uscc: o.uscc,
    name: o.name,
    formerNames: o.formerNames.join(LIST_SEPARATOR),
    kinds: o.kinds.map((k) => KIND_LABELS[k] ?? k).join(LIST_SEPARATOR),
    categories: o.categories.map(l.categoryName).join(LIST_SEPARATOR),
    district: o.districtCode ? l.districtName(o.districtCode) : null,
    cluster: o.clusterId ? l.clusterName(o.clusterId) : null,
    address: o.address,
    contactPerson: o.contactPerson,
    contactPhone: o.contactPhone,
    contactEmail: o.contactEmail,
    foundedOn: o.foundedOn,
    employees: o.employees,
    revenueBand: o.revenueBand ? (REVENUE_LABELS[o.revenueBand] ?? o.revenueBand) : null,
    recognitions: o.recognitions
      .map((r) => `${RECOGNITION_LABELS[r.kind] ?? r.kind}${r.validFrom || r.validTo ? `(${r.validFrom ?? ''}~${r.validTo ?? ''})` : ''}`)
      .join(LIST_SEPARATOR),
    description: o.description,
    website: o.website,
  };
  return ORG_COLUMNS.map((c) => values[c.key] ?? null);
}
