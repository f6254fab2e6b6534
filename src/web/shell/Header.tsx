/** The header: brand, the menu for the signed-in user's role, cart, notifications, language and account. */
import { useEffect, useRef } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { canManage, useAuth } from './context';
import { setLanguage } from './i18n';
import CartBadge from './CartBadge';
import NotificationBell from './NotificationBell';

/**
 * The market's pages (search, achievements, demands, experts, the market workbench) share one nav item; the header
 * has no room for another, so /workbench/market is entered from /search (我的成果与需求 / 审核与同义词).
 */
const MARKET_PATHS = /^\/(search|achievements|demands|experts|workbench\/market)(\/|$)/;

export default function Header() {
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

