/** Messages of the stations' workload, zh-CN first. */
import { registerMessages } from '../../../platform/http/i18n.ts';

registerMessages({
  'zh-CN': {
    'contract.workload.label.from': '起始日期',
    'contract.workload.label.to': '截止日期',
    'contract.workload.periodOrder': '截止日期不能早于起始日期。',
  },
  en: {
    'contract.workload.label.from': 'From',
    'contract.workload.label.to': 'To',
    'contract.workload.periodOrder': 'The end of the period cannot be before its start.',
  },
});
