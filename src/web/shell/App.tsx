/** The app frame: theme and locale, providers, header, the routed page, footer. */
import { Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Providers } from './context';
import Header from './Header';
import { queryClient } from './queryClient';
import { AppRoutes } from './routes';
import ClaimBanner from '../features/registration/ClaimBanner';
import StartBanner from './StartBanner';

function Shell() {
  const { t } = useTranslation();
  return (
    <div className="kft-app">
      <a href="#main" className="kft-skip">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" className="kft-main" tabIndex={-1}>
        <StartBanner />
        <ClaimBanner />
        <Suspense
          fallback={
            <div className="kft-center">
              <Spin />
            </div>
          }
        >
          <AppRoutes />
        </Suspense>
      </main>
      <footer className="kft-footer">
        {t('app.footer')} · <Link to="/statistics">{t('stats14.title')}</Link> · <Link to="/dashboards">{t('dash.title')}</Link> ·{' '}
        <Link to="/bulletins">{t('bulletin.title')}</Link> · <Link to="/voucher-notices">{t('vc.notice.footerLink')}</Link>
      </footer>
    </div>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <ConfigProvider
      locale={en ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#0b5cad',
          colorLink: '#0b5cad',
          colorTextPlaceholder: '#737373',
          colorTextDescription: '#595959',
          // antd's red (#ff4d4f) is 3.3:1 on white: danger links and buttons (停用, 结束, 删除) need 4.5:1 (WCAG AA)
          colorError: '#c41d1d',
          fontFamily: '-apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
        },
      }}
    >
      {/* toasts below the header, never over its links (a toast stays while the pointer rests on it): the toasts' box
          starts 8px below the header (antd places it at top less its own margin edge) */}
      <AntApp message={{ top: 'calc(var(--kft-header-h, 64px) + 8px + var(--notification-margin-edge, 0px))' }}>
        <QueryClientProvider client={queryClient}>
          <Providers>
            <Shell />
          </Providers>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
