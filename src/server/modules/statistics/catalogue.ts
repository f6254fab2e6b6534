/**
 * What each indicator of the documents means (口径) and how the platform gets its figure. targets.json (the
 * documents' targets and baselines, copied into data/ from ../shared/domain) says which indicators exist and their
 * targets; this says, per indicator code, its names, its counting rule and whether the platform computes it from
 * its own records (`computed`, see sources.ts), asks organizations in a survey (`surveyed`) or has an office enter
 * the official figure (`entered`: counts the city keeps elsewhere, such as national recognitions).
 */
export type IndicatorMethod = 'computed' | 'surveyed' | 'entered';

export interface IndicatorMeaning {
  zh: string;
  en: string;
  definitionZh: string;
  definitionEn: string;
  method: IndicatorMethod;
}

const m = (zh: string, en: string, method: IndicatorMethod, definitionZh: string, definitionEn: string): IndicatorMeaning => ({
  zh,
  en,
  method,
  definitionZh,
  definitionEn,
});

export const MEANINGS: Record<string, IndicatorMeaning> = {
  market_entities: m(
    '科技服务业市场主体',
    'S&T service market entities',
    'computed',
    '名录库中在册的科技服务机构数；按服务类别统计时，一家机构计入其登记的每个类别。',
    'Organizations in the directory; by category, an organization counts in each category it is registered in.',
  ),
  enterprises: m(
    '科创服务企业',
    'S&T service enterprises',
    'computed',
    '名录库中该区县在册的机构数（按今日区划归并）。',
    'Organizations in the directory in the district (under today’s divisions).',
  ),
  employees: m('从业人员', 'Employees', 'surveyed', '统计调查中机构填报的年末从业人员数之和。', 'Sum of year-end employees reported in the survey.'),
  revenue: m('年营业收入', 'Annual revenue', 'surveyed', '统计调查中机构填报的年营业收入之和（元）。', 'Sum of annual revenue reported in the survey (yuan).'),
  output: m(
    '科创服务业总产值',
    'Gross output of S&T services',
    'surveyed',
    '统计调查中机构填报的总产值之和（元）。',
    'Sum of gross output reported in the survey (yuan).',
  ),
  value_added: m(
    '科创服务业增加值',
    'Value added of S&T services',
    'entered',
    '统计部门公布的增加值（元）。',
    'Value added as published by the statistics bureau (yuan).',
  ),
  new_above_scale_enterprises: m(
    '新增规模以上科技服务业企业',
    'New above-scale S&T service enterprises',
    'entered',
    '统计部门认定的新增规上企业数。',
    'New above-scale enterprises as recognized by the statistics bureau.',
  ),
  innovation_platforms: m(
    '市级及以上科技创新平台',
    'Municipal-or-above innovation platforms',
    'entered',
    '市级及以上重点实验室、技术创新中心等平台数。',
    'Key laboratories, technology innovation centres and similar platforms of municipal level or above.',
  ),
  think_tanks: m('高水平智库', 'High-level think tanks', 'entered', '经认定的高水平科技智库数。', 'Recognized high-level S&T think tanks.'),
  new_national_inspection_centers: m(
    '新建国家质检中心',
    'New national inspection centres',
    'entered',
    '新获批建设的国家产品质量检验检测中心数。',
    'Newly approved national product quality inspection centres.',
  ),
  national_metrology_centers: m(
    '国家级产业计量测试中心',
    'National industrial metrology centres',
    'entered',
    '国家级产业计量测试中心数。',
    'National industrial metrology and testing centres.',
  ),
  technology_managers: m(
    '技术经理人',
    'Technology managers',
    'computed',
    '专家库中登记为技术经理人（初、中、高级）的人数。',
    'Experts in the expert pool registered as technology managers (any grade).',
  ),
  tech_contract_turnover: m(
    '技术合同成交额',
    'Technology contract turnover',
    'computed',
    '当年认定登记的技术合同成交额之和（元），由合同登记模块计算。',
    'Sum of the turnover of technology contracts registered in the year (yuan), from contract registration.',
  ),
  incubator_area: m(
    '孵化载体总面积',
    'Incubator floor area',
    'surveyed',
    '孵化器、众创空间等孵化载体填报的总面积（平方米）。',
    'Total floor area reported by incubators and maker spaces (m²).',
  ),
  national_incubators: m(
    '国家级孵化载体',
    'National-level incubators',
    'entered',
    '国家级科技企业孵化器、众创空间等载体数。',
    'National-level incubators, maker spaces and similar.',
  ),
  university_innovation_circles: m(
    '环大学创新生态圈',
    'University innovation circles',
    'entered',
    '经认定的环大学创新生态圈数。',
    'Recognized innovation circles around universities.',
  ),
  brand_institutions: m(
    '品牌服务机构',
    'Brand service institutions',
    'entered',
    '市级及以上品牌科技服务机构数。',
    'Brand S&T service institutions of municipal level or above.',
  ),
  municipal_or_above_institutions: m(
    '市级及以上服务机构',
    'Municipal-or-above institutions',
    'entered',
    '市级及以上科技服务机构数。',
    'S&T service institutions of municipal level or above.',
  ),
  patent_attorneys: m('从业专利代理师', 'Practising patent attorneys', 'entered', '执业专利代理师人数。', 'Practising patent attorneys.'),
  brands: m(
    '科普品牌',
    'Science popularization brands',
    'entered',
    '具有全国或区域影响力的科普品牌数。',
    'Popularization brands of national or regional reach.',
  ),
  citizens_served: m(
    '年服务市民',
    'Citizens served a year',
    'surveyed',
    '科普机构填报的年服务人次之和。',
    'Person-times served a year, as reported by popularization organizations.',
  ),
  core_space_area: m('核心载体面积', 'Core space floor area', 'surveyed', '核心载体填报的面积之和（平方米）。', 'Floor area reported by the core spaces (m²).'),
  tech_enterprises: m(
    '科技型企业',
    'Technology-based SMEs',
    'computed',
    '名录库中持有有效科技型中小企业认定的机构数。',
    'Organizations in the directory holding a valid tech-SME recognition.',
  ),
  high_tech_enterprises: m(
    '高新技术企业',
    'High-tech enterprises',
    'computed',
    '名录库中持有有效高新技术企业认定的机构数。',
    'Organizations in the directory holding a valid high-tech enterprise recognition.',
  ),
  new_rd_institutions: m('新型研发机构', 'New R&D institutions', 'entered', '经认定的新型研发机构数。', 'Recognized new-type R&D institutions.'),
  maker_spaces: m('众创空间', 'Maker spaces', 'entered', '备案的众创空间数。', 'Registered maker spaces.'),
  shared_instruments: m(
    '入网大型科研仪器',
    'Shared large instruments online',
    'computed',
    '共享平台上在线开放的大型科研仪器（台套）。',
    'Large research instruments listed and open for sharing on the platform.',
  ),
  tech_transfer_demo_institutions: m(
    '技术转移示范机构',
    'Technology transfer demonstration institutions',
    'entered',
    '国家级和市级技术转移示范机构数。',
    'National and municipal technology transfer demonstration institutions.',
  ),
  contract_registration_stations: m(
    '技术合同登记站',
    'Contract registration stations',
    'entered',
    '技术合同认定登记站（点）数。',
    'Technology contract registration stations.',
  ),
  knowledge_value_loans_firms: m(
    '知识价值信用贷款企业（累计）',
    'Firms with knowledge-value loans (cumulative)',
    'entered',
    '累计获得知识价值信用贷款的企业数。',
    'Firms that have ever received a knowledge-value credit loan.',
  ),
  knowledge_value_loans_firms_new: m(
    '知识价值信用贷款企业（新增）',
    'Firms with knowledge-value loans (new)',
    'entered',
    '当年新增获得知识价值信用贷款的企业数。',
    'Firms newly receiving a knowledge-value credit loan in the year.',
  ),
  vouchers_issued: m(
    '科技创新券发放额',
    'Innovation vouchers issued',
    'computed',
    '当年发放的科技创新券面额之和（元），不含已作废的未用部分。',
    'Face value of innovation vouchers issued in the year (yuan).',
  ),
  vouchers_redeemed: m(
    '科技创新券兑付额',
    'Innovation vouchers redeemed',
    'computed',
    '当年审核通过兑付的科技创新券金额之和（元）。',
    'Amount of innovation vouchers whose claims were approved in the year (yuan).',
  ),
  software_it_enterprises: m('软件信息企业', 'Software & IT enterprises', 'entered', '软件和信息技术服务企业数。', 'Software and IT service enterprises.'),
};

/**
 * Indicators that are a year's flow (revenue, turnover, people served), not a stock (organizations, instruments):
 * a year's target is read against that year's figure only, never against a later year's running total.
 */
export const FLOW_INDICATORS = new Set([
  'revenue',
  'output',
  'value_added',
  'tech_contract_turnover',
  'citizens_served',
  'new_above_scale_enterprises',
  'knowledge_value_loans_firms_new',
  'vouchers_issued',
  'vouchers_redeemed',
]);

/** The meaning of an indicator code the catalogue does not know (a district's own, added by an office). */
export const unknownMeaning = (code: string, label?: string): IndicatorMeaning => m(label ?? code, label ?? code, 'entered', '', '');
