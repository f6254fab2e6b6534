import { registerMessages } from '../../platform/http/i18n.ts';

// each notification's title and body are the message keys of the module that sends it
// (notification.<kind>.title / .body): instruments for bookings, market for matches and deals
registerMessages({
  'zh-CN': { 'notification.notFound': '未找到该通知。' },
  en: { 'notification.notFound': 'Notification not found.' },
});
