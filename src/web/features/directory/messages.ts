/** The directory pages' messages: list, organization page and form, import, published lists, district map (split by page so no file grows too long). */
import * as directory from './messages/directory';
import * as org from './messages/org';
import * as orgImport from './messages/import';
import * as publications from './messages/publications';

export const directoryMessages = {
  'zh-CN': { ...directory.zh, ...org.zh, ...orgImport.zh, ...publications.zh },
  en: { ...directory.en, ...org.en, ...orgImport.en, ...publications.en },
};
