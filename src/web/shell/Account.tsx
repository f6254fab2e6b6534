/**
 * Who is signed in, with the account menu (accountMenuFor: 账号安全, and by role 用户管理, 安全审计 …) and 退出;
 * or the 登录 link that comes back to this page. In the header the name is a menu button (antd Dropdown: Enter,
 * Space and the arrow keys open it and move through it, Escape closes it); in the narrow screen's drawer, which
 * is a menu already, the entries are plain links under the name.
 */
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from './api';
import { useAuth } from './context';
import { accountMenuFor } from './menu';

function Who({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    // name over role, so that an admin's header (nine menu entries) stays one row at 1280 px
    <span className="kft-user-id">
      <span data-testid="current-user" title={user.displayName}>
        {user.displayName}
      </span>
      <span className="kft-user-role">{t(`role.${user.role}`, { defaultValue: user.role })}</span>
    </span>
  );
}

export default function Account({ inDrawer, onSignedOut }: { inDrawer?: boolean; onSignedOut?: () => void }) {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = AntApp.useApp();
  if (!user)
    return (
      <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} className="kft-login-link">
        {t('nav.login')}
      </Link>
    );
  const signOut = async () => {
    await logout();
    onSignedOut?.();
    message.success(t('nav.loggedOut'));
    navigate('/');
  };
  const entries = accountMenuFor(user);

  if (inDrawer)
    return (
      <div className="kft-user kft-user-drawer">
        <Who user={user} />
        <nav aria-label={t('nav.account.title')} className="kft-drawer-nav">
          {entries.map((m) => (
            <NavLink key={m.key} to={m.to} data-account-menu={m.key} className={({ isActive }) => (isActive ? 'active' : '')}>
              {t(`nav.account.${m.key}`)}
            </NavLink>
          ))}
        </nav>
        <Button size="small" onClick={signOut}>
          {t('nav.logout')}
        </Button>
      </div>
    );

  const items = [
    ...entries.map((m) => ({ key: m.to, label: t(`nav.account.${m.key}`), 'data-account-menu': m.key })),
    { type: 'divider' as const },
    { key: 'logout', label: t('nav.logout'), 'data-account-menu': 'logout' },
  ];
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        selectedKeys: entries.filter((m) => location.pathname.startsWith(m.to)).map((m) => m.to),
        onClick: ({ key }) => (key === 'logout' ? void signOut() : navigate(key)),
      }}
    >
      <Button type="text" className="kft-user kft-account-btn" data-testid="account-menu">
        <Who user={user} />
        <span aria-hidden className="kft-user-caret">
          ▾
        </span>
      </Button>
    </Dropdown>
  );
}
