/**
 * Demo mode: about three services per provider organization with service categories (the first 400 of
 * them), deterministic (a seeded generator), so the catalogue, its facets and storefronts are alive on
 * first start. Testing services carry CMA/CNAS accreditations (a few expired, to show as such) and some
 * are of a restricted kind (statutory or batch testing, which no voucher pays for). Written in batches of
 * multi-row inserts, the search columns computed by the same pipeline as every write.
 */
import type { Database } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { orgsTable, rng } from '../directory/index.ts';
import type { ReferenceService } from '../reference/index.ts';
import { serviceSearchColumns, type ServiceRecord } from './repository.ts';
import type { Qualification } from './schemas.ts';

type Template = {
  title: string;
  sub: string;
  description: string;
  deliverables: string;
  mode: 'fixed' | 'range' | 'quote';
  yuan?: [number, number];
  days: number;
  restricted?: ServiceRecord['restrictedKind'];
};

export const SERVICE_TEMPLATES: Record<string, Template[]> = {
  testing: [
    {
      title: '金属材料力学性能检测',
      sub: '材料检测',
      description: '拉伸、弯曲、冲击、硬度等力学性能检测，依据 GB/T 228.1 等标准。',
      deliverables: 'CMA 检测报告',
      mode: 'fixed',
      yuan: [800, 3000],
      days: 5,
    },
    {
      title: '电子产品电磁兼容（EMC）测试',
      sub: '电磁兼容',
      description: '辐射发射、传导发射、静电放电抗扰度等 EMC 测试与整改建议。',
      deliverables: 'CNAS 测试报告、整改建议书',
      mode: 'range',
      yuan: [8000, 30000],
      days: 10,
    },
    {
      title: '食品中农药残留检测',
      sub: '食品检测',
      description: '蔬菜水果中有机磷、拟除虫菊酯类农药残留定量检测。',
      deliverables: '检测报告',
      mode: 'fixed',
      yuan: [600, 2000],
      days: 3,
    },
    {
      title: '压力容器定期检验',
      sub: '特种设备',
      description: '按特种设备安全技术规范开展的压力容器定期检验。',
      deliverables: '检验报告',
      mode: 'fixed',
      yuan: [3000, 9000],
      days: 7,
      restricted: 'statutory_inspection',
    },
    {
      title: '建筑材料批量抽样检测',
      sub: '建材检测',
      description: '水泥、钢筋、混凝土试块等建筑材料的批量抽样检测。',
      deliverables: '批量检测报告',
      mode: 'range',
      yuan: [5000, 20000],
      days: 7,
      restricted: 'batch_testing',
    },
    {
      title: '化学成分分析与失效分析',
      sub: '分析测试',
      description: '光谱、色谱、扫描电镜等手段的成分分析与零部件失效分析。',
      deliverables: '分析报告',
      mode: 'quote',
      days: 10,
    },
  ],
  rd: [
    {
      title: '新产品联合研发',
      sub: '委托开发',
      description: '面向企业需求的新产品、新工艺委托开发与合作研发。',
      deliverables: '研发报告、样机',
      mode: 'quote',
      days: 180,
    },
    {
      title: '工艺优化与中试验证',
      sub: '中试',
      description: '实验室成果放大、工艺参数优化与中试验证。',
      deliverables: '中试报告',
      mode: 'range',
      yuan: [50000, 300000],
      days: 90,
    },
    {
      title: '仿真分析与结构设计',
      sub: '工业设计',
      description: '有限元仿真、结构优化与工业设计服务。',
      deliverables: '仿真报告、设计图纸',
      mode: 'range',
      yuan: [20000, 80000],
      days: 30,
    },
  ],
  info: [
    {
      title: '科技查新与文献检索',
      sub: '科技查新',
      description: '课题立项、成果鉴定所需的科技查新与国内外文献检索。',
      deliverables: '查新报告',
      mode: 'fixed',
      yuan: [800, 2500],
      days: 7,
    },
    {
      title: '产业技术咨询与规划',
      sub: '技术咨询',
      description: '产业技术路线图、企业技术战略与数字化转型咨询。',
      deliverables: '咨询报告',
      mode: 'quote',
      days: 60,
    },
  ],
  finance: [
    {
      title: '科技企业融资咨询',
      sub: '融资服务',
      description: '股权融资、知识价值信用贷款申报辅导与对接。',
      deliverables: '融资方案',
      mode: 'range',
      yuan: [5000, 50000],
      days: 30,
    },
  ],
  transfer: [
    {
      title: '技术成果评估与转移转化',
      sub: '成果评估',
      description: '科技成果价值评估、转化方案设计与交易撮合。',
      deliverables: '评估报告、转化方案',
      mode: 'range',
      yuan: [10000, 60000],
      days: 30,
    },
    {
      title: '技术合同认定登记代理',
      sub: '技术中介',
      description: '技术合同认定登记材料准备与申报代理。',
      deliverables: '登记材料',
      mode: 'fixed',
      yuan: [1000, 5000],
      days: 15,
    },
  ],
  incubation: [
    {
      title: '创业孵化与入驻辅导',
      sub: '孵化服务',
      description: '工位、创业辅导、投融资对接等孵化服务。',
      deliverables: '孵化服务协议',
      mode: 'fixed',
      yuan: [2000, 8000],
      days: 365,
    },
  ],
  ip: [
    {
      title: '发明专利申请代理',
      sub: '专利代理',
      description: '专利挖掘、撰写与申请代理，答复审查意见。',
      deliverables: '专利申请文件',
      mode: 'fixed',
      yuan: [5000, 12000],
      days: 30,
    },
    {
      title: '知识产权贯标辅导',
      sub: '知识产权管理',
      description: '按 GB/T 29490 开展企业知识产权管理体系贯标辅导。',
      deliverables: '体系文件、认证辅导',
      mode: 'range',
      yuan: [20000, 60000],
      days: 120,
    },
  ],
  popularization: [
    {
      title: '科普活动策划与实施',
      sub: '科普活动',
      description: '科普讲座、展览与研学活动的策划与实施。',
      deliverables: '活动方案与总结',
      mode: 'quote',
      days: 30,
    },
  ],
};

const MAX_PROVIDERS = 400;
const PER_PROVIDER = 3;

export async function seedDemoServices(db: Database, reference: ReferenceService, say: (s: string) => void): Promise<void> {
  const { rows: existing } = await db.query(sql`SELECT 1 FROM services LIMIT 1`);
  if (existing.length) return;
  const { rows: providers } = await db.query<{ id: number; name: string; districtCode: string | null; categories: string[] }>(sql`
    SELECT o.id, o.name, o.district_code AS "districtCode", o.categories FROM ${orgsTable('o')}
    WHERE cardinality(o.categories) > 0 ORDER BY o.id LIMIT ${MAX_PROVIDERS}`);
  if (!providers.length) return;
  const categoryNames = new Map((await reference.categories()).map((c) => [c.code, c.nameZh]));
  const r = rng(2026_11);
  const today = new Date();
  const dayFrom = (days: number) => new Date(today.getTime() + days * 86400_000).toISOString().slice(0, 10);
  const rows: { record: ServiceRecord; categoryName: string; providerName: string }[] = [];
  for (const p of providers) {
    const cats = p.categories.filter((c) => SERVICE_TEMPLATES[c]);
    if (!cats.length) continue;
    const used = new Set<string>();
    for (let n = 0; n < PER_PROVIDER; n++) {
      const category = cats[n % cats.length];
      const t = r.pick(SERVICE_TEMPLATES[category]);
      if (used.has(t.title)) continue;
      used.add(t.title);
      const price = t.yuan ? Math.round(r.int(t.yuan[0], t.yuan[1]) / 100) * 100 * 100 : null;
      const qualifications: Qualification[] =
        category === 'testing'
          ? [
              {
                kind: 'CMA',
                number: `${r.int(15, 24)}${r.int(10, 99)}${String(r.int(1, 999999)).padStart(8, '0')}`,
                validTo: dayFrom(r.chance(0.15) ? -r.int(10, 300) : r.int(60, 1500)),
              },
              ...(r.chance(0.6) ? [{ kind: 'CNAS' as const, number: `L${r.int(1000, 19999)}`, validTo: dayFrom(r.int(60, 1500)) }] : []),
            ]
          : [];
      rows.push({
        categoryName: categoryNames.get(category) ?? category,
        providerName: p.name,
        record: {
          providerOrgId: p.id,
          title: t.title,
          categoryCode: category,
          subcategory: t.sub,
          description: t.description,
          deliverables: t.deliverables,
          pricingMode: t.mode,
          priceFen: t.mode === 'fixed' ? price : null,
          priceMinFen: t.mode === 'range' ? price : null,
          priceMaxFen: t.mode === 'range' && price != null ? price * r.int(2, 4) : null,
          turnaroundDays: t.days,
          qualifications,
          districtCode: p.districtCode,
          restrictedKind: t.restricted ?? null,
          status: r.chance(0.03) ? 'withdrawn' : 'published',
        },
      });
    }
  }
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200).map(({ record: x, categoryName, providerName }) => {
      const s = serviceSearchColumns(x, categoryName, providerName);
      return sql`(${x.providerOrgId}, ${x.title}, ${x.categoryCode}, ${x.subcategory}, ${x.description}, ${x.deliverables}, ${x.pricingMode},
        ${x.priceFen}::bigint, ${x.priceMinFen}::bigint, ${x.priceMaxFen}::bigint, ${x.turnaroundDays}::int, ${JSON.stringify(x.qualifications)}::jsonb,
        ${x.districtCode}, ${x.restrictedKind}, ${x.status}, ${s.titleFolded}, ${s.titlePinyin}, ${s.document})`;
    });
    await db.query(sql`INSERT INTO services (provider_org_id, title, category_code, subcategory, description, deliverables, pricing_mode, price_fen,
      price_min_fen, price_max_fen, turnaround_days, qualifications, district_code, restricted_kind, status, title_folded, title_pinyin, search_document)
      VALUES ${sql.join(batch, ', ')}`);
  }
  say(`Loaded ${rows.length} demo services of ${providers.length} providers.`);
}
