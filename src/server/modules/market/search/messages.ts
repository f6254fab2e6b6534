/** Messages of the search across kinds, zh-CN first. */
import { registerMessages } from '../../../platform/http/i18n.ts';

registerMessages({
  'zh-CN': {
    'market.queryRequired': '请输入搜索内容。',
    'search.label.q': '搜索内容',
    'search.label.kind': '类别',
  },
  en: {
    'market.queryRequired': 'Search text is required.',
    'search.label.q': 'Search text',
    'search.label.kind': 'Kind',
  },
});
