/**
 * The header: brand, the menu for the signed-in user's role, cart, notifications, language and account. From 768 px
 * up it is one row as it always was; narrower, it keeps brand, cart, bell and a menu button, and the menu, language
 * and account open in a drawer.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Button, Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import Account from './Account';
import CartBadge from './CartBadge';
import LanguageSwitch from './LanguageSwitch';
import { MenuLinks } from './menu';
import NotificationBell from './NotificationBell';
import { MenuIcon } from './icons';

/** Narrower than antd's md breakpoint (768 px). */
const NARROW = '(max-width: 767.98px)';
function useNarrow() {
  return useSyncExternalStore(
    (change) => {
      const mq = window.matchMedia(NARROW);
      mq.addEventListener('change', change);
      return () => mq.removeEventListener('change', change);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="kft-brand">
      <span className="kft-brand-name">{t('app.name')}</span>
      <span className="kft-brand-sub">{t('app.subtitle')}</span>
    </Link>
  );
}

/** Below 768 px: the menu button and its drawer (links, language, account). */
function CompactMenu() {
  const { t } = useTranslation();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  // any navigation closes it (a link in it, the browser's back button): the state is reset while rendering the
  // new address, React's way of adjusting state to a change (no effect, no frame with the drawer still open)
  const here = location.pathname + location.search;
  const [shownAt, setShownAt] = useState(here);
  if (shownAt !== here) {
    setShownAt(here);
    setOpen(false);
  }
  const close = () => setOpen(false);
  return (
    <>
      <Button
        type="text"
        className="kft-icon-btn kft-menu-btn"
        aria-label={t('nav.menuButton')}
        aria-expanded={open}
        aria-controls="kft-menu"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        data-testid="menu-button"
      >
        <MenuIcon />
      </Button>
      {/* rendered while closed too, so who is signed in stays in the page (data-testid="current-user") */}
      <Drawer
        id="kft-menu"
        open={open}
        onClose={close}
        placement="right"
        size={280}
        title={t('nav.menuButton')}
        forceRender
        rootClassName="kft-menu-drawer"
        data-testid="menu"
      >
        <MenuLinks className="kft-drawer-nav" onNavigate={close} />
        <div className="kft-drawer-tools">
          <LanguageSwitch />
          <Account inDrawer onSignedOut={close} />
        </div>
      </Drawer>
    </>
  );
}

export default function Header() {
  const narrow = useNarrow();
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
    <header className={narrow ? 'kft-header kft-header-compact' : 'kft-header'} ref={headerRef}>
      <div className="kft-header-inner">
        <Brand />
        {narrow ? (
          <div className="kft-tools">
            <CartBadge />
            <NotificationBell />
            <CompactMenu />
          </div>
        ) : (
          <>
            <MenuLinks className="kft-nav" />
            <div className="kft-tools">
              <CartBadge />
              <NotificationBell />
              <LanguageSwitch />
              <Account />
            </div>
          </>
        )}
      </div>
    </header>
  );
}
