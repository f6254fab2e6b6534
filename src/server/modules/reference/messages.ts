import { registerMessages } from '../../platform/http/i18n.ts';

registerMessages({
  'zh-CN': {
    'reference.notFound': '未找到该参考数据。',
    'reference.label.nameZh': '中文名称',
    'reference.label.nameEn': '英文名称',
    'reference.label.nationalClass': '国家分类',
    'reference.label.industryCodes': '国民经济行业代码',
    'reference.label.sortOrder': '排序',
    'reference.label.name': '名称',
    'reference.label.validFrom': '生效日期',
    'reference.label.validTo': '失效日期',
    'reference.label.successorCode': '继承区县代码',
    'reference.label.provisional': '临时代码',
    'reference.label.note': '备注',
    'reference.label.code': '代码',
    'reference.label.kind': '参考数据类型',
  },
  en: {
    'reference.notFound': 'Reference data not found.',
    'reference.label.nameZh': 'Chinese name',
    'reference.label.nameEn': 'English name',
    'reference.label.nationalClass': 'National class',
    'reference.label.industryCodes': 'Industry codes',
    'reference.label.sortOrder': 'Sort order',
    'reference.label.name': 'Name',
    'reference.label.validFrom': 'Valid from',
    'reference.label.validTo': 'Valid to',
    'reference.label.successorCode': 'Successor code',
    'reference.label.provisional': 'Provisional',
    'reference.label.note': 'Note',
    'reference.label.code': 'Code',
    'reference.label.kind': 'Reference kind',
  },
});

// the names of this module's audit entries (platform/audit; shown on the audit page and in its export)
registerMessages({
  'zh-CN': {
    'audit.type.reference.category_updated': '修改服务类别',
    'audit.type.reference.division_updated': '修改行政区划',
  },
  en: {
    'audit.type.reference.category_updated': 'Service category changed',
    'audit.type.reference.division_updated': 'Division changed',
  },
});
