/** The shell's own messages: app frame, header and menus, words every page uses, the reference vocabulary. zh-CN first, English second. */

const zh = {
  app: { name: '科服通', subtitle: '重庆科技服务业平台', skip: '跳到主要内容', footer: '科服通 · 重庆科技服务业平台 · 数据仅供演示' },
  nav: { directory: '名录库', publications: '发布清单', import: '导入', newOrg: '新增机构', login: '登录', logout: '退出', language: '语言', menu: '导航菜单', menuButton: '菜单', loggedOut: '已退出登录', instruments: '共享仪器', bookings: '我的预约', approvals: '预约审批', stats: '共享统计', cart: '预约单', market: '技术供需', deals: '我的交易',
    cartLabel: '预约单（{{count}} 项）',
  },
  role: { admin: '市级管理员', district_admin: '区县管理员', org_member: '机构用户' },
  common: {
    loading: '加载中…', none: '—', yes: '是', no: '否', save: '保存', cancel: '取消', back: '返回', error: '出错了', notFound: '未找到该页面',
    download: '下载', view: '查看', close: '关闭', all: '全部', actions: '操作', retry: '重试',
    beijingTime: '{{x}}（北京时间）',
    sep: '：', listSep: '，', msgSep: '；', paren: '（{{x}}）', signInTitle: '请先登录', signInHint: '登录后才能查看此页面。', clearFilters: '清除筛选', districts: '所在区县',
    filters: '筛选', results: '搜索结果', search: '搜索', sort: '排序', fixErrors: '请修改标出的字段', reload: '重新加载', remove: '删除', required: '请填写{{field}}',
    saved: '已保存', ownerSearch: '搜索单位名称',
  },
  notif: { title: '消息通知', label: '消息通知', labelUnread: '消息通知（{{count}} 条未读）', readAll: '全部标为已读', empty: '暂无通知', unread: '未读' },
  kinds: { service_provider: '科技服务机构', enterprise: '企业', university: '高校', research_institute: '科研院所', financial_institution: '金融机构', government_office: '政府部门', incubator: '孵化载体' },
  recognitions: { tech_sme: '科技型中小企业', high_tech: '高新技术企业', srdi_innovative: '创新型中小企业', srdi_sme: '专精特新中小企业', srdi_little_giant: '专精特新“小巨人”企业' },
  revenue: { lt_1m: '100万元以下', '1m_10m': '100万-1000万元', '10m_50m': '1000万-5000万元', '50m_200m': '5000万-2亿元', '200m_1b': '2亿-10亿元', gte_1b: '10亿元及以上' },
};

const en: typeof zh = {
  app: { name: 'Kefutong', subtitle: 'Chongqing S&T Services', skip: 'Skip to main content', footer: 'Kefutong · Chongqing S&T Services Platform · demo data' },
  // short labels: the English header must stay one row at 1280 px for every role, as the Chinese one does
  nav: { directory: 'Directory', publications: 'Lists', import: 'Import', newOrg: 'New org', login: 'Sign in', logout: 'Sign out', language: 'Language', menu: 'Navigation', menuButton: 'Menu', loggedOut: 'Signed out', instruments: 'Instruments', bookings: 'Bookings', approvals: 'Approvals', stats: 'Stats', cart: 'Cart', market: 'Market', deals: 'Deals',
    cartLabel: 'Booking cart ({{count}} items)',
  },
  role: { admin: 'City admin', district_admin: 'District admin', org_member: 'Organization member' },
  common: {
    loading: 'Loading…', none: '—', yes: 'Yes', no: 'No', save: 'Save', cancel: 'Cancel', back: 'Back', error: 'Something went wrong', notFound: 'Page not found',
    download: 'Download', view: 'View', close: 'Close', all: 'All', actions: 'Actions', retry: 'Retry',
    beijingTime: '{{x}} (Beijing time)',
    sep: ': ', listSep: ', ', msgSep: '; ', paren: ' ({{x}})', signInTitle: 'Please sign in', signInHint: 'Sign in to see this page.',
    clearFilters: 'Clear filters', districts: 'Districts', filters: 'Filters', results: 'Results', search: 'Search', sort: 'Sort by',
    fixErrors: 'Please correct the marked fields', reload: 'Reload', remove: 'Remove', required: 'Please enter {{field}}', saved: 'Saved',
    ownerSearch: 'Search organizations',
  },
  notif: { title: 'Notifications', label: 'Notifications', labelUnread: 'Notifications ({{count}} unread)', readAll: 'Mark all read', empty: 'No notifications', unread: 'unread' },
  kinds: { service_provider: 'S&T service provider', enterprise: 'Enterprise', university: 'University', research_institute: 'Research institute', financial_institution: 'Financial institution', government_office: 'Government office', incubator: 'Incubator' },
  recognitions: { tech_sme: 'Tech-based SME', high_tech: 'High-tech enterprise', srdi_innovative: 'Innovative SME', srdi_sme: 'Specialized & sophisticated SME', srdi_little_giant: '"Little giant" enterprise' },
  revenue: { lt_1m: 'Under ¥1M', '1m_10m': '¥1M–10M', '10m_50m': '¥10M–50M', '50m_200m': '¥50M–200M', '200m_1b': '¥200M–1B', gte_1b: '¥1B and above' },
};

export const shellMessages = { 'zh-CN': zh, en };
