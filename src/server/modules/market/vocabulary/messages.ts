/** Messages of the market's vocabulary (tech fields, synonyms), zh-CN first. */
import { registerMessages } from '../../../platform/http/i18n.ts';

registerMessages({
  'zh-CN': {
    'market.synonymTooFew': '同义词组至少包含两个不同的词。',
    'market.unknownDiscipline': '未知的学科：{value}。',
    'market.unknownIndustry': '未知的产业领域：{value}。',
    'market.unknownField': '未知的领域：{value}。',
    'market.fieldNotFound': '未找到该领域。',
    'market.synonymNotFound': '未找到该同义词组。',
    'vocabulary.label.code': '领域代码',
    'vocabulary.label.synonymId': '同义词组编号',
    'vocabulary.label.name': '领域名称',
    'vocabulary.label.nameEn': '英文名称',
    'vocabulary.label.terms': '同义词',
    'vocabulary.label.term': '词语',
  },
  en: {
    'market.synonymTooFew': 'Synonyms: a group needs at least two different words.',
    'market.unknownDiscipline': 'Unknown discipline: {value}.',
    'market.unknownIndustry': 'Unknown industry field: {value}.',
    'market.unknownField': 'Unknown field: {value}.',
    'market.fieldNotFound': 'Field not found.',
    'market.synonymNotFound': 'Synonym group not found.',
    'vocabulary.label.code': 'Field code',
    'vocabulary.label.synonymId': 'Synonym group',
    'vocabulary.label.name': 'Field name',
    'vocabulary.label.nameEn': 'English name',
    'vocabulary.label.terms': 'Synonyms',
    'vocabulary.label.term': 'Word',
  },
});

// the names of this module's audit entries (platform/audit; shown on the audit page and in its export)
registerMessages({
  'zh-CN': {
    'audit.type.market.tech_field_updated': '修改技术领域',
    'audit.type.market.synonyms_saved': '保存同义词',
    'audit.type.market.synonyms_deleted': '删除同义词',
  },
  en: {
    'audit.type.market.tech_field_updated': 'Technology field changed',
    'audit.type.market.synonyms_saved': 'Synonyms saved',
    'audit.type.market.synonyms_deleted': 'Synonyms deleted',
  },
});
