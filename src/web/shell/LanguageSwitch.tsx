/** 中文 / English: the page's language, remembered in this browser. */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from './i18n';

export default function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      size="small"
      aria-label={t('nav.language')}
      value={i18n.language.startsWith('en') ? 'en' : 'zh-CN'}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(v) => setLanguage(v as 'zh-CN' | 'en')}
    />
  );
}
