import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result, Segmented, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { Providers, canManage, useAuth, useTitle } from './context';
import { setLanguage } from './i18n';
import CartBadge from './pages/instruments/CartBadge';
import NotificationBell from './pages/instruments/NotificationBell';
import { SignInPrompt } from './pages/instruments/shared';

const DirectoryPage = lazy(() => import('./pages/DirectoryPage'));
const OrgPage = lazy(() => import('./pages/OrgPage'));
const OrgFormPage = lazy(() => import('./pages/OrgFormPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const PublicationsPage = lazy(() => import('./pages/PublicationsPage'));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const CataloguePage = lazy(() => import('./pages/instruments/CataloguePage'));
const InstrumentPage = lazy(() => import('./pages/instruments/InstrumentPage'));
const InstrumentFormPage = lazy(() => import('./pages/instruments/InstrumentFormPage'));
const CartPage = lazy(() => import('./pages/instruments/CartPage'));
const MyBookingsPage = lazy(() => import('./pages/instruments/MyBookingsPage'));
const OwnerInboxPage = lazy(() => import('./pages/instruments/OwnerInboxPage'));
const StatsPage = lazy(() => import('./pages/instruments/StatsPage'));
const SearchPage = lazy(() => import('./pages/market/SearchPage'));
const AchievementPage = lazy(() => import('./pages/market/AchievementPage'));
const AchievementFormPage = lazy(() => import('./pages/market/AchievementFormPage'));
const DemandPage = lazy(() => import('./pages/market/DemandPage'));
const DemandFormPage = lazy(() => import('./pages/market/DemandFormPage'));
const ExpertPage = lazy(() => import('./pages/market/ExpertPage'));
const ExpertFormPage = lazy(() => import('./pages/market/ExpertFormPage'));
const DealsPage = lazy(() => import('./pages/market/DealsPage'));
const DealPage = lazy(() => import('./pages/market/DealPage'));
const WorkbenchPage = lazy(() => import('./pages/market/WorkbenchPage'));

/**
 * The market's pages (search, achievements, demands, experts, the market workbench) share one nav item; the header
 * has no room for another, so /workbench/market is entered from /search (我的成果与需求 / 审核与同义词).
 */
const MARKET_PATHS = /^\/(search|achievements|demands|experts|workbench\/market)(\/|$)/;

function Header() {
  const { t, i18n } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const manage = canManage(user);
  const location = useLocation();
  // the header's height as a CSS variable: toasts are placed below it (styles.css)
  const headerRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = headerRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => document.documentElement.style.setProperty('--kft-header-h', `${Math.round(el.getBoundingClientRect().height)}px`));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <header className="kft-header" ref={headerRef}>
      <div className="kft-header-inner">
        <Link to="/" className="kft-brand">
          <span className="kft-brand-name">{t('app.name')}</span>
          <span className="kft-brand-sub">{t('app.subtitle')}</span>
        </Link>
        <nav aria-label={t('nav.menu')} className="kft-nav">
          <NavLink to="/" end>{t('nav.directory')}</NavLink>
          <NavLink to="/publications">{t('nav.publications')}</NavLink>
          <NavLink to="/instruments">{t('nav.instruments')}</NavLink>
          <NavLink to="/search" className={({ isActive }) => (isActive || MARKET_PATHS.test(location.pathname) ? 'active' : '')}>{t('nav.market')}</NavLink>
          {user?.orgId && <NavLink to="/deals">{t('nav.deals')}</NavLink>}
          {user && <NavLink to="/bookings">{t('nav.bookings')}</NavLink>}
          {user && (user.role === 'org_member' || user.role === 'admin') && <NavLink to="/workbench/bookings">{t('nav.approvals')}</NavLink>}
          {user && <NavLink to="/instrument-stats">{t('nav.stats')}</NavLink>}
          {manage && <NavLink to="/workbench/import">{t('nav.import')}</NavLink>}
          {manage && <NavLink to="/orgs/new">{t('nav.newOrg')}</NavLink>}
        </nav>
        <div className="kft-tools">
          <CartBadge />
          <NotificationBell />
          <Segmented
            size="small"
            aria-label={t('nav.language')}
            value={i18n.language.startsWith('en') ? 'en' : 'zh-CN'}
            options={[{ label: '中文', value: 'zh-CN' }, { label: 'English', value: 'en' }]}
            onChange={(v) => setLanguage(v as 'zh-CN' | 'en')}
          />
          {user ? (
            <span className="kft-user">
              {/* name over role, so that an admin's header (nine menu entries) stays one row at 1280 px */}
              <span className="kft-user-id">
                <span data-testid="current-user" title={user.displayName}>{user.displayName}</span>
                <span className="kft-user-role">{t(`role.${user.role}`, { defaultValue: user.role })}</span>
              </span>
              <Button size="small" onClick={async () => { await logout(); message.success(t('login.loggedOut')); navigate('/'); }}>{t('nav.logout')}</Button>
            </span>
          ) : (
            <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} className="kft-login-link">{t('nav.login')}</Link>
          )}
        </div>
      </div>
    </header>
  );
}

/**
 * A page that needs an account. An anonymous visitor is asked to sign in and comes back here afterwards
 * (/login?next=…), instead of meeting the page's own permission message ("403 您没有编辑该机构的权限").
 */
function SignedIn({ children }: { children: ReactNode }) {
  const { user, ready } = useAuth();
  if (!ready) return <div className="kft-center"><Spin /></div>;
  if (!user) return <SignInPrompt />;
  return children;
}

function NotFound() {
  const { t } = useTranslation();
  useTitle(t('common.notFound'));
  return <Result status="404" title="404" subTitle={t('common.notFound')} extra={<Link to="/">{t('nav.directory')}</Link>} />;
}

function Shell() {
  const { t } = useTranslation();
  return (
    <div className="kft-app">
      <a href="#main" className="kft-skip">{t('app.skip')}</a>
      <Header />
      <main id="main" className="kft-main" tabIndex={-1}>
        <Suspense fallback={<div className="kft-center"><Spin /></div>}>
          <Routes>
            <Route path="/" element={<DirectoryPage />} />
            <Route path="/orgs" element={<DirectoryPage />} />
            <Route path="/orgs/new" element={<SignedIn><OrgFormPage /></SignedIn>} />
            <Route path="/orgs/:id" element={<OrgPage />} />
            <Route path="/orgs/:id/edit" element={<SignedIn><OrgFormPage /></SignedIn>} />
            <Route path="/workbench/import" element={<SignedIn><ImportPage /></SignedIn>} />
            <Route path="/workbench/import/:jobId" element={<SignedIn><ImportPage /></SignedIn>} />
            <Route path="/publications" element={<PublicationsPage />} />
            <Route path="/publications/:id" element={<PublicationsPage />} />
            <Route path="/instruments" element={<CataloguePage />} />
            <Route path="/instruments/new" element={<SignedIn><InstrumentFormPage /></SignedIn>} />
            <Route path="/instruments/:id" element={<InstrumentPage />} />
            <Route path="/instruments/:id/edit" element={<SignedIn><InstrumentFormPage /></SignedIn>} />
            <Route path="/cart" element={<CartPage />} />
            <Route path="/bookings" element={<SignedIn><MyBookingsPage /></SignedIn>} />
            <Route path="/workbench/bookings" element={<SignedIn><OwnerInboxPage /></SignedIn>} />
            <Route path="/instrument-stats" element={<SignedIn><StatsPage /></SignedIn>} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/achievements/new" element={<SignedIn><AchievementFormPage /></SignedIn>} />
            <Route path="/achievements/:id" element={<AchievementPage />} />
            <Route path="/achievements/:id/edit" element={<SignedIn><AchievementFormPage /></SignedIn>} />
            <Route path="/demands/new" element={<SignedIn><DemandFormPage /></SignedIn>} />
            <Route path="/demands/:id" element={<DemandPage />} />
            <Route path="/demands/:id/edit" element={<SignedIn><DemandFormPage /></SignedIn>} />
            <Route path="/experts/new" element={<SignedIn><ExpertFormPage /></SignedIn>} />
            <Route path="/experts/:id" element={<ExpertPage />} />
            <Route path="/experts/:id/edit" element={<SignedIn><ExpertFormPage /></SignedIn>} />
            <Route path="/workbench/market" element={<SignedIn><WorkbenchPage /></SignedIn>} />
            <Route path="/deals" element={<SignedIn><DealsPage /></SignedIn>} />
            <Route path="/deals/:id" element={<SignedIn><DealPage /></SignedIn>} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="kft-footer">{t('app.footer')}</footer>
    </div>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={{ token: { colorPrimary: '#0b5cad', colorLink: '#0b5cad', colorTextPlaceholder: '#737373', colorTextDescription: '#595959', fontFamily: '-apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif' } }}>
      <AntApp>
        <Providers>
          <Shell />
        </Providers>
      </AntApp>
    </ConfigProvider>
  );
}
