import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { accountMessages } from '../features/account/messages';
import { auditMessages } from '../features/audit/messages';
import { statisticsMessages } from '../features/statistics/messages';
import { authMessages } from '../features/auth/messages';
import { bookingsMessages } from '../features/bookings/messages';
import { directoryMessages } from '../features/directory/messages';
import { instrumentsMessages } from '../features/instruments/messages';
import { marketMessages } from '../features/market/messages';
import { servicesMessages } from '../features/services/messages';
import { webhooksMessages } from '../features/webhooks/messages';
import { usersMessages } from '../features/users/messages';
import { registrationMessages } from '../features/registration/messages';
import { ordersMessages } from '../features/orders/messages';
import { vouchersMessages } from '../features/vouchers/messages';
import { contractsMessages } from '../features/contracts/messages';
import { contractLifecycleMessages } from '../features/contracts/lifecycle-messages';
import { contractWorkloadMessages } from '../features/contracts/workload-messages';
import { surveysMessages } from '../features/surveys/messages';
import { portalMessages } from '../features/portal/messages';
import { bulletinsMessages } from '../features/bulletins/messages';
import { shellMessages } from './messages';

export const LANG_KEY = 'kft.lang';

type Tree = { [k: string]: string | Tree };
type Messages = { 'zh-CN': object; en: object };

/**
 * Every feature owns its messages (features/<domain>/messages.ts); here they become one translation per language.
 * Each top-level group (dir, inst, mk …) belongs to exactly one feature.
 */
function merge(...all: Messages[]) {
  const out = { 'zh-CN': {} as Tree, en: {} as Tree };
  for (const m of all) {
    for (const lng of ['zh-CN', 'en'] as const) {
      for (const [group, tree] of Object.entries(m[lng] as Tree)) {
        if (group in out[lng]) throw new Error(`message group "${group}" is defined twice`);
        out[lng][group] = tree;
      }
    }
  }
  return out;
}
const messages = merge(
  shellMessages,
  directoryMessages,
  authMessages,
  instrumentsMessages,
  bookingsMessages,
  marketMessages,
  servicesMessages,
  accountMessages,
  usersMessages,
  auditMessages,
  registrationMessages,
  webhooksMessages,
  ordersMessages,
  vouchersMessages,
  statisticsMessages,
  contractsMessages,
  contractLifecycleMessages,
  contractWorkloadMessages,
  surveysMessages,
  portalMessages,
  bulletinsMessages,
);

function initialLang(): string {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* ignore */
  }
  return 'zh-CN';
}

i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: messages['zh-CN'] }, en: { translation: messages.en } },
  lng: initialLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(lng: 'zh-CN' | 'en') {
  try {
    localStorage.setItem(LANG_KEY, lng);
  } catch {
    /* ignore */
  }
  void i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
}
document.documentElement.lang = i18n.language;

export default i18n;
