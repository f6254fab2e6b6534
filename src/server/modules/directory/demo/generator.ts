/**
 * Deterministic generator of realistic organizations: valid USCCs over real division codes,
 * names and descriptions that read like Chongqing's service providers per category. The same
 * seed gives the same directory, so demo pages and benchmark figures are reproducible.
 * `npm start` in demo mode loads 2,000; the benchmark makes 56,000 (the 2025 target of 003).
 */
import { usccCheckCharacter, USCC_ALPHABET } from '../uscc.ts';
import type { OrgInput } from '../schemas.ts';
import { CHONGQING_DIVISIONS } from '../../reference/index.ts';

const DIVISION_NAME = new Map(CHONGQING_DIVISIONS.map((d) => [d.code, d.name]));

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

// current divisions with a weight (the main urban districts host most service providers)
const DISTRICTS: [code: string, short: string, weight: number][] = [
  ['500103', '渝中', 10],
  ['500199', '两江', 12],
  ['500106', '沙坪坝', 8],
  ['500107', '九龙坡', 9],
  ['500108', '南岸', 7],
  ['500109', '北碚', 5],
  ['500104', '大渡口', 3],
  ['500113', '巴南', 4],
  ['500101', '万州', 3],
  ['500102', '涪陵', 3],
  ['500116', '江津', 3],
  ['500117', '合川', 2],
  ['500118', '永川', 3],
  ['500120', '璧山', 2],
  ['500151', '铜梁', 1],
  ['500152', '潼南', 1],
  ['500153', '荣昌', 1],
  ['500154', '开州', 1],
  ['500155', '梁平', 1],
  ['500156', '武隆', 1],
  ['500110', '綦江', 1],
  ['500111', '大足', 1],
  ['500114', '黔江', 1],
  ['500115', '长寿', 2],
  ['500119', '南川', 1],
  ['500229', '城口', 0.3],
  ['500230', '丰都', 0.5],
  ['500231', '垫江', 0.5],
  ['500233', '忠县', 0.5],
  ['500235', '云阳', 0.5],
  ['500236', '奉节', 0.5],
  ['500237', '巫山', 0.3],
  ['500238', '巫溪', 0.3],
  ['500240', '石柱', 0.3],
  ['500241', '秀山', 0.3],
  ['500242', '酉阳', 0.3],
  ['500243', '彭水', 0.3],
];
// the division code inside a USCC is where the entity was registered; 两江新区 firms registered in 渝北/江北
const REGISTRATION_CODE: Record<string, string[]> = { '500199': ['500112', '500105'] };
const CLUSTER_OF: Record<string, string> = {
  '500106': 'western-science-city',
  '500107': 'western-science-city',
  '500109': 'western-science-city',
  '500116': 'western-science-city',
  '500120': 'western-science-city',
  '500199': 'liangjiang-innovation-zone',
  '500108': 'guangyang-bay',
};

interface CategoryStyle {
  cores: string[];
  suffixes: string[];
  services: string[];
  kinds: OrgInput['kinds'];
}

const STYLE: Record<string, CategoryStyle> = {
  rd: {
    cores: ['新材料研究', '工业技术研究', '智能制造研究', '生物医药研发', '汽车工程研究', '集成电路设计', '工业设计', '先进制造技术'],
    suffixes: ['研究院有限公司', '技术有限公司', '研究院', '科技有限公司'],
    services: [
      '新材料配方研发与中试',
      '智能装备关键技术攻关',
      '汽车电子控制系统开发',
      '集成电路版图设计与验证',
      '工业产品外观与结构设计',
      '生物医药临床前研究',
      '企业委托研发与联合实验室共建',
    ],
    kinds: ['service_provider', 'research_institute'],
  },
  info: {
    cores: ['数据科技', '信息咨询', '科技咨询', '软件技术', '大数据服务', '云计算服务', '工业互联网', '管理咨询'],
    suffixes: ['有限公司', '科技有限公司', '咨询有限公司'],
    services: [
      '科技查新与文献检索',
      '工业软件开发与实施',
      '企业数字化转型咨询',
      '科技项目申报咨询',
      '产业情报分析',
      '工业互联网平台建设',
      '数据治理与数据安全评估',
    ],
    kinds: ['service_provider', 'enterprise'],
  },
  testing: {
    cores: ['检验检测', '质量检测', '计量校准', '环境检测', '材料检测', '产品认证', '电子产品检测', '食品检测'],
    suffixes: ['技术有限公司', '有限公司', '检测中心', '研究院有限公司'],
    services: [
      '金属材料力学性能检测',
      '环境空气与水质监测',
      '电磁兼容(EMC)测试',
      '计量器具检定校准',
      'CMA/CNAS资质检测报告',
      '汽车零部件可靠性试验',
      '食品安全与农残检测',
      'ISO 9001 质量管理体系认证',
    ],
    kinds: ['service_provider'],
  },
  finance: {
    cores: ['科技融资担保', '创业投资', '科技小额贷款', '股权投资基金', '科技金融服务', '融资租赁'],
    suffixes: ['有限公司', '管理有限公司', '股份有限公司'],
    services: ['知识价值信用贷款对接', '科技型企业股权投资', '知识产权质押融资', '投贷联动服务', '创业项目路演与融资对接', '科技保险咨询'],
    kinds: ['service_provider', 'financial_institution'],
  },
  transfer: {
    cores: ['技术转移', '科技成果转化', '技术交易', '产学研合作', '技术经纪'],
    suffixes: ['中心', '服务有限公司', '有限公司', '研究院'],
    services: ['科技成果评价与概念验证', '技术合同认定登记咨询', '高校院所成果转移转化', '技术经理人撮合服务', '技术需求挖掘与供需对接', '中试熟化服务'],
    kinds: ['service_provider'],
  },
  incubation: {
    cores: ['众创空间', '科技企业孵化器', '创新创业', '大学科技园', '加速器', '创客空间'],
    suffixes: ['管理有限公司', '有限公司', '运营有限公司'],
    services: ['初创企业孵化与工位租赁', '创业辅导与导师服务', '创业项目路演', '科技企业加速服务', '公共技术服务平台', '政策申报辅导'],
    kinds: ['service_provider', 'incubator'],
  },
  ip: {
    cores: ['知识产权代理', '专利代理', '商标事务', '知识产权运营', '专利服务', '知识产权评估'],
    suffixes: ['事务所(普通合伙)', '有限公司', '服务有限公司'],
    services: ['发明专利申请代理', '商标注册与维权', '专利导航与分析评议', '知识产权贯标咨询', '专利价值评估', '高价值专利培育'],
    kinds: ['service_provider'],
  },
  popularization: {
    cores: ['科普教育', '科技馆运营', '科普传媒', '青少年科技教育', '科学传播'],
    suffixes: ['有限公司', '中心', '文化传播有限公司'],
    services: ['科普展览策划与巡展', '青少年科学教育课程', '科普视频制作', '科技活动周组织', '研学实践活动'],
    kinds: ['service_provider'],
  },
};
const CATEGORY_WEIGHTS: [string, number][] = [
  ['info', 40],
  ['rd', 12],
  ['testing', 10],
  ['transfer', 8],
  ['ip', 10],
  ['incubation', 8],
  ['finance', 6],
  ['popularization', 6],
];
const BRANDS = [
  '博睿',
  '华测',
  '智联',
  '恒通',
  '天元',
  '中科',
  '渝新',
  '巴渝',
  '山城',
  '嘉陵',
  '长江',
  '两江',
  '金凤',
  '明月',
  '西部',
  '广阳',
  '创新',
  '科信',
  '联创',
  '瑞达',
  '德润',
  '远景',
  '立信',
  '卓越',
  '宏图',
  '汇智',
  '启明',
  '星海',
  '云帆',
  '众诚',
  '精工',
  '正和',
  '鼎盛',
  '万象',
  '拓普',
  '英特',
  '芯源',
  '睿思',
  '东方',
  '国创',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '高', '林', '谭', '冉', '向'];
const GIVEN = ['伟', '芳', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '建华', '志强', '晓东', '丽'];
const STREETS = [
  '科园一路',
  '金凤大道',
  '学府大道',
  '民族路',
  '解放碑步行街',
  '高新大道',
  '星光大道',
  '黄山大道',
  '大学城中路',
  '西永大道',
  '南坪西路',
  '茶园路',
  '迎龙大道',
  '金开大道',
  '悦来大道',
];
const REVENUE = ['lt_1m', '1m_10m', '10m_50m', '50m_200m', '200m_1b'] as const;

function weighted<T>(r: ReturnType<typeof rng>, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
}

export function generateUscc(r: ReturnType<typeof rng>, division: string, authority = '91'): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[r.int(0, i === 0 ? 30 : 30)];
  const first17 = authority + division + org;
  return first17 + usccCheckCharacter(first17);
}

export function* generateOrgs(count: number, seed = 20231024): Generator<OrgInput> {
  const r = rng(seed);
  const used = new Set<string>();
  const districtItems = DISTRICTS.map(([c, s, w]) => [[c, s], w] as [[string, string], number]);
  for (let i = 0; i < count; i++) {
    const [district, short] = weighted(r, districtItems);
    const category = weighted(r, CATEGORY_WEIGHTS);
    const style = STYLE[category];
    const second = r.chance(0.25)
      ? weighted(
          r,
          CATEGORY_WEIGHTS.filter(([c]) => c !== category),
        )
      : null;
    const brand = r.pick(BRANDS) + (r.chance(0.5) ? r.pick(BRANDS).slice(0, 1) : '');
    const place = r.chance(0.6) ? '重庆' : short;
    const compose = (core: string, suffix: string) => {
      // (brand is fixed per org; the clash loop below varies it)
      // no "研究研究院" or "检测检测中心": drop a core ending the suffix repeats
      const overlap = suffix.startsWith(core.slice(-2)) ? core.slice(0, -2) : core;
      return `${place}${brand}${overlap}${suffix}`;
    };
    let name = compose(r.pick(style.cores), r.pick(style.suffixes));
    // on a clash, a four-character brand: 40×40 more names per pattern, so this ends quickly
    for (let n = 0; used.has(name); n++) {
      const wide = r.pick(BRANDS) + r.pick(BRANDS) + (n > 20 ? String(n) : '');
      name = `${place}${wide}${r.pick(style.cores).replace(/研究$|检测$/, '')}${r.pick(style.suffixes)}`;
    }
    used.add(name);
    const isInstitute = name.endsWith('研究院') || name.endsWith('中心');
    const registration = REGISTRATION_CODE[district] ? r.pick(REGISTRATION_CODE[district]) : district;
    let uscc = generateUscc(r, registration, isInstitute ? '12' : '91');
    while (used.has(uscc)) uscc = generateUscc(r, registration);
    used.add(uscc);
    const services = [r.pick(style.services), r.pick(style.services), ...(second ? [r.pick(STYLE[second].services)] : [])];
    const founded = `${r.int(1998, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const employees = Math.round(Math.exp(r.next() * 6.2)) + 2;
    const recognitions: OrgInput['recognitions'] = [];
    if (r.chance(0.3)) recognitions.push({ kind: 'tech_sme', validFrom: '2026-01-01', validTo: '2026-12-31', certificateNo: null });
    if (r.chance(0.12)) {
      const y = r.int(2023, 2025);
      recognitions.push({
        kind: 'high_tech',
        validFrom: `${y}-11-01`,
        validTo: `${y + 3}-10-31`,
        certificateNo: `GR${y}51${String(r.int(0, 999999)).padStart(6, '0')}`,
      });
    }
    if (r.chance(0.05))
      recognitions.push({ kind: r.chance(0.3) ? 'srdi_sme' : 'srdi_innovative', validFrom: '2025-01-01', validTo: '2027-12-31', certificateNo: null });
    yield {
      uscc,
      name,
      formerNames: r.chance(0.08) ? [name.replace(brand, r.pick(BRANDS))] : [],
      kinds: style.kinds.slice(0, r.chance(0.7) ? 1 : style.kinds.length),
      categories: second ? [category, second] : [category],
      districtCode: district,
      clusterId: CLUSTER_OF[district] && r.chance(0.4) ? CLUSTER_OF[district] : null,
      address: `重庆市${DIVISION_NAME.get(district) ?? short}${r.pick(STREETS)}${r.int(1, 399)}号`,
      contactPerson: r.pick(SURNAMES) + r.pick(GIVEN),
      contactPhone: r.chance(0.6)
        ? `023-${r.int(60000000, 89999999)}`
        : `1${r.pick(['38', '39', '58', '59', '77', '86', '89'])}${String(r.int(0, 99999999)).padStart(8, '0')}`,
      contactEmail: r.chance(0.8) ? `contact${i + 1}@${['cq-tech', 'kfcq', 'cqkj', 'cqservice'][i % 4]}.example.cn` : null,
      foundedOn: founded,
      employees,
      revenueBand: REVENUE[Math.min(REVENUE.length - 1, Math.floor(Math.log10(employees + 1) * 1.6))],
      recognitions,
      description: `${name.replace(/有限公司|有限责任公司|\(普通合伙\)/g, '')}位于重庆市${DIVISION_NAME.get(district) ?? short}，主要提供${services.join('、')}等服务，服务对象覆盖本地科技型中小企业、高校和科研院所。`,
      website: r.chance(0.5) ? `https://www.${['cq', 'yu', 'bay', 'sci'][i % 4]}${i + 1}.example.cn` : null,
    };
  }
}
