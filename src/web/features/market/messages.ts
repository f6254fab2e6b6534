/** The market's messages, merged under `mk` (split by page so no file grows too long). */
import * as common from './messages/common';
import * as deals from './messages/deals';
import * as listings from './messages/listings';
import * as workbench from './messages/workbench';

export const marketMessages = {
  'zh-CN': { mk: { ...common.zh, ...listings.zh, ...deals.zh, ...workbench.zh } },
  en: { mk: { ...common.en, ...listings.en, ...deals.en, ...workbench.en } },
};
