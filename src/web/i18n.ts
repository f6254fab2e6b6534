import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANG_KEY = 'kft.lang';

const zh = {
  app: { name: '科服通', subtitle: '重庆科技服务业平台', skip: '跳到主要内容', footer: '科服通 · 重庆科技服务业平台 · 数据仅供演示' },
  nav: { directory: '名录库', publications: '发布清单', import: '导入', newOrg: '新增机构', login: '登录', logout: '退出', language: '语言', menu: '导航菜单' },
  role: { admin: '市级管理员', district_admin: '区县管理员', org_member: '机构用户' },
  common: {
    loading: '加载中…', none: '—', yes: '是', no: '否', save: '保存', cancel: '取消', back: '返回', error: '出错了', notFound: '未找到该页面',
    download: '下载', view: '查看', close: '关闭', all: '全部', actions: '操作', retry: '重试',
  },
  login: { title: '登录', username: '用户名', password: '密码', submit: '登录', hint: '演示账号：demo-admin / demo-district / demo-member，密码 demo-kefutong', success: '已登录', loggedOut: '已退出登录' },
  dir: {
    title: '科技服务机构名录', search: '搜索机构名称、曾用名、服务内容（支持繁体、拼音）', searchLabel: '搜索机构', searchButton: '搜索',
    filters: '筛选', categories: '服务类别', districts: '所在区县', kind: '机构类型', recognition: '资质认定', cluster: '集聚区', anyKind: '全部类型',
    anyRecognition: '全部资质', anyCluster: '全部集聚区', sort: '排序', order: '顺序', asc: '升序', desc: '降序', orderDefault: '默认顺序', clear: '清除筛选',
    total: '共 {{count}} 家机构', fuzzy: '没有与“{{q}}”完全匹配的机构，以下是名称读音相近的结果。', map: '区县分布', mapHint: '点击地图上的区县可按区县筛选', exportXlsx: '导出 Excel', exportCsv: '导出 CSV',
    empty: '没有符合条件的机构', founded: '成立于 {{date}}', employees: '{{count}} 人',
    sortBy: { relevance: '相关度', name: '名称', updated: '更新时间', founded: '成立日期', employees: '从业人员数' },
    resultList: '搜索结果', district: '区县',
  },
  org: {
    uscc: '统一社会信用代码', name: '机构名称', formerNames: '曾用名', kinds: '机构类型', categories: '服务类别', districtCode: '所在区县',
    clusterId: '所属集聚区', address: '地址', contactPerson: '联系人', contactPhone: '联系电话', contactEmail: '联系邮箱', foundedOn: '成立日期',
    employees: '从业人员数', revenueBand: '营业收入区间', recognitions: '资质认定', description: '机构简介', website: '网址', version: '版本',
    createdAt: '创建时间', updatedAt: '更新时间', masked: '登录后查看完整联系方式', edit: '编辑', info: '基本信息', history: '变更记录',
    validity: '有效期 {{from}} 至 {{to}}', expired: '已过期', certificateNo: '证书编号', abolished: '（已撤销，现属 {{successor}}）',
    historyEmpty: '暂无变更记录', who: '操作人', when: '时间', action: '操作', changes: '变更内容',
    actions: { create: '创建', update: '修改', import: '导入', delete: '删除' },
  },
  form: {
    newTitle: '新增机构', editTitle: '编辑机构：{{name}}', created: '机构已创建', saved: '已保存', basic: '基本信息', contact: '联系方式',
    addRecognition: '添加资质', remove: '删除', recKind: '资质类型', validFrom: '有效期起', validTo: '有效期止', certificateNo: '证书编号',
    formerNamesHelp: '输入后按回车添加', conflict: '该机构已被他人修改（当前版本 {{current}}），请刷新后重新编辑。', reload: '重新加载',
    required: '请填写{{field}}', fixErrors: '请修改标出的字段', forbidden: '您没有编辑该机构的权限',
    usccLocal: '统一社会信用代码应为 18 位（数字或大写字母，不含 I、O、Z、S、V）',
  },
  imp: {
    title: '批量导入机构', template: '下载模板', templateXlsx: 'Excel 模板', templateCsv: 'CSV 模板', choose: '选择文件（.xlsx / .csv）',
    dryRun: '检查文件（试运行）', commit: '导入 {{count}} 条有效数据', summary: '共 {{total}} 行，有效 {{ok}} 行，有误 {{bad}} 行',
    row: '行号', column: '列', value: '值', reason: '原因', running: '正在处理…', done: '导入完成：已新增 {{count}} 家机构',
    dryDone: '检查完成', failed: '处理失败：{{reason}}', recent: '最近导入', noFile: '请先选择文件', reselect: '请重新选择同一文件后再导入',
    mode: '方式', dry: '试运行', real: '正式导入', status: '状态', statuses: { running: '进行中', done: '已完成', failed: '失败' },
    file: '文件', time: '时间', created: '新增', badRows: '有误的行', allGood: '没有发现错误', jobId: '任务编号 {{id}}',
    help: '先检查文件：系统列出有误的行和原因，确认后只导入有效的行。可以离开本页，稍后通过地址栏中的任务编号回来查看进度。',
    fileLabel: '导入文件', valid: '有效', invalid: '有误', totalRows: '总行数', summaryCol: '有效/总数 → 新增', selected: '已选择：{{name}}',
  },
  pub: {
    title: '发布清单', number: '版本', name: '标题', date: '发布时间', count: '机构数', by: '发布人', downloadXlsx: 'Excel', downloadPdf: 'PDF',
    newTitle: '发布新版本', publish: '发布', published: '已发布第 {{number}} 版', titleLabel: '清单标题', rows: '清单内容', filters: '筛选条件',
    empty: '尚未发布清单', backToList: '返回清单列表', detail: '第 {{number}} 版：{{title}}', district: '区县', q: '关键词',
  },
  kinds: { service_provider: '科技服务机构', enterprise: '企业', university: '高校', research_institute: '科研院所', financial_institution: '金融机构', government_office: '政府部门', incubator: '孵化载体' },
  recognitions: { tech_sme: '科技型中小企业', high_tech: '高新技术企业', srdi_innovative: '创新型中小企业', srdi_sme: '专精特新中小企业', srdi_little_giant: '专精特新“小巨人”企业' },
  revenue: { lt_1m: '100万元以下', '1m_10m': '100万-1000万元', '10m_50m': '1000万-5000万元', '50m_200m': '5000万-2亿元', '200m_1b': '2亿-10亿元', gte_1b: '10亿元及以上' },
};

type Tree = { [k: string]: string | Tree };

const en: typeof zh = {
  app: { name: 'Kefutong', subtitle: 'Chongqing S&T Services Platform', skip: 'Skip to main content', footer: 'Kefutong · Chongqing S&T Services Platform · demo data' },
  nav: { directory: 'Directory', publications: 'Published lists', import: 'Import', newOrg: 'New org', login: 'Sign in', logout: 'Sign out', language: 'Language', menu: 'Navigation' },
  role: { admin: 'City admin', district_admin: 'District admin', org_member: 'Organization member' },
  common: {
    loading: 'Loading…', none: '—', yes: 'Yes', no: 'No', save: 'Save', cancel: 'Cancel', back: 'Back', error: 'Something went wrong', notFound: 'Page not found',
    download: 'Download', view: 'View', close: 'Close', all: 'All', actions: 'Actions', retry: 'Retry',
  },
  login: { title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', hint: 'Demo accounts: demo-admin / demo-district / demo-member, password demo-kefutong', success: 'Signed in', loggedOut: 'Signed out' },
  dir: {
    title: 'S&T service organization directory', search: 'Search names, former names, services (traditional Chinese and pinyin work too)', searchLabel: 'Search organizations', searchButton: 'Search',
    filters: 'Filters', categories: 'Service categories', districts: 'Districts', kind: 'Organization type', recognition: 'Recognition', cluster: 'Cluster', anyKind: 'All types',
    anyRecognition: 'All recognitions', anyCluster: 'All clusters', sort: 'Sort by', order: 'Order', asc: 'Ascending', desc: 'Descending', orderDefault: 'Default order', clear: 'Clear filters',
    total: '{{count}} organizations', fuzzy: 'Nothing matches “{{q}}” exactly; these names sound alike.', map: 'By district', mapHint: 'Click a district on the map to filter by it', exportXlsx: 'Export Excel', exportCsv: 'Export CSV',
    empty: 'No organizations match', founded: 'Founded {{date}}', employees: '{{count}} staff',
    sortBy: { relevance: 'Relevance', name: 'Name', updated: 'Last updated', founded: 'Founding date', employees: 'Employees' },
    resultList: 'Results', district: 'District',
  },
  org: {
    uscc: 'Unified social credit code', name: 'Name', formerNames: 'Former names', kinds: 'Organization types', categories: 'Service categories', districtCode: 'District',
    clusterId: 'Cluster', address: 'Address', contactPerson: 'Contact person', contactPhone: 'Phone', contactEmail: 'Email', foundedOn: 'Founded on',
    employees: 'Employees', revenueBand: 'Revenue band', recognitions: 'Recognitions', description: 'Description', website: 'Website', version: 'Version',
    createdAt: 'Created', updatedAt: 'Updated', masked: 'Sign in to see full contact details', edit: 'Edit', info: 'Details', history: 'History',
    validity: 'Valid {{from}} to {{to}}', expired: 'expired', certificateNo: 'Certificate no.', abolished: ' (abolished, now part of {{successor}})',
    historyEmpty: 'No changes recorded', who: 'By', when: 'When', action: 'Action', changes: 'Changes',
    actions: { create: 'Created', update: 'Updated', import: 'Imported', delete: 'Deleted' },
  },
  form: {
    newTitle: 'New organization', editTitle: 'Edit: {{name}}', created: 'Organization created', saved: 'Saved', basic: 'Basic information', contact: 'Contact',
    addRecognition: 'Add recognition', remove: 'Remove', recKind: 'Recognition type', validFrom: 'Valid from', validTo: 'Valid to', certificateNo: 'Certificate no.',
    formerNamesHelp: 'Type and press Enter to add', conflict: 'Someone else changed this organization (now version {{current}}). Reload and edit again.', reload: 'Reload',
    required: 'Please enter {{field}}', fixErrors: 'Please correct the marked fields', forbidden: 'You may not edit this organization',
    usccLocal: 'A unified social credit code has 18 characters (digits or capital letters except I, O, Z, S, V)',
  },
  imp: {
    title: 'Import organizations', template: 'Download template', templateXlsx: 'Excel template', templateCsv: 'CSV template', choose: 'Choose file (.xlsx / .csv)',
    dryRun: 'Check file (dry run)', commit: 'Import {{count}} valid rows', summary: '{{total}} rows: {{ok}} valid, {{bad}} with errors',
    row: 'Row', column: 'Column', value: 'Value', reason: 'Reason', running: 'Processing…', done: 'Import finished: {{count}} organizations created',
    dryDone: 'Check finished', failed: 'Failed: {{reason}}', recent: 'Recent imports', noFile: 'Please choose a file first', reselect: 'Choose the same file again to import it',
    mode: 'Mode', dry: 'Dry run', real: 'Import', status: 'Status', statuses: { running: 'Running', done: 'Done', failed: 'Failed' },
    file: 'File', time: 'Time', created: 'Created', badRows: 'Rows with errors', allGood: 'No errors found', jobId: 'Job {{id}}',
    help: 'Check the file first: you get the rows with errors and why; then import only the valid rows. You may leave this page and come back via the job id in the address.',
    fileLabel: 'Import file', valid: 'Valid', invalid: 'With errors', totalRows: 'Rows', summaryCol: 'Valid/total → created', selected: 'Selected: {{name}}',
  },
  pub: {
    title: 'Published lists', number: 'Version', name: 'Title', date: 'Published', count: 'Organizations', by: 'Published by', downloadXlsx: 'Excel', downloadPdf: 'PDF',
    newTitle: 'Publish a new version', publish: 'Publish', published: 'Published version {{number}}', titleLabel: 'List title', rows: 'Contents', filters: 'Filters',
    empty: 'No lists published yet', backToList: 'Back to lists', detail: 'Version {{number}}: {{title}}', district: 'District', q: 'Keyword',
  },
  kinds: { service_provider: 'S&T service provider', enterprise: 'Enterprise', university: 'University', research_institute: 'Research institute', financial_institution: 'Financial institution', government_office: 'Government office', incubator: 'Incubator' },
  recognitions: { tech_sme: 'Tech-based SME', high_tech: 'High-tech enterprise', srdi_innovative: 'Innovative SME', srdi_sme: 'Specialized & sophisticated SME', srdi_little_giant: '"Little giant" enterprise' },
  revenue: { lt_1m: 'Under ¥1M', '1m_10m': '¥1M–10M', '10m_50m': '¥10M–50M', '50m_200m': '¥50M–200M', '200m_1b': '¥200M–1B', gte_1b: '¥1B and above' },
};
void (null as unknown as Tree);

function initialLang(): string {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch { /* ignore */ }
  return 'zh-CN';
}

i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(lng: 'zh-CN' | 'en') {
  try { localStorage.setItem(LANG_KEY, lng); } catch { /* ignore */ }
  void i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
}
document.documentElement.lang = i18n.language;

export default i18n;
