/** Who is signed in, with 退出; or the 登录 link that comes back to this page. */
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from './context';

export default function Account({ onSignedOut }: { onSignedOut?: () => void }) {
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
  return (
    <span className="kft-user">
      {/* name over role, so that an admin's header (ten menu entries) stays one row at 1280 px */}
      <span className="kft-user-id">
        <span data-testid="current-user" title={user.displayName}>
          {user.displayName}
        </span>
        <span className="kft-user-role">{t(`role.${user.role}`, { defaultValue: user.role })}</span>
      </span>
      <Button
        size="small"
        onClick={async () => {
          await logout();
          onSignedOut?.();
          message.success(t('nav.loggedOut'));
          navigate('/');
        }}
      >
        {t('nav.logout')}
      </Button>
    </span>
  );
}
