/** The instrument pages' messages: catalogue, instrument page and form, week calendar, owner tools, sharing statistics (split by page so no file grows too long). */
import * as catalogue from './messages/catalogue';
import * as instrumentForm from './messages/instrumentForm';
import * as calendar from './messages/calendar';
import * as ownerTools from './messages/ownerTools';
import * as stats from './messages/stats';

export const instrumentsMessages = {
  'zh-CN': { ...catalogue.zh, ...instrumentForm.zh, ...calendar.zh, ...ownerTools.zh, ...stats.zh },
  en: { ...catalogue.en, ...instrumentForm.en, ...calendar.en, ...ownerTools.en, ...stats.en },
};
