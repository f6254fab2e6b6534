/** The route guard: pages that need an account ask an anonymous visitor to sign in first. */
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from './context';

/** "Please sign in", with a link to /login that comes back here afterwards. */
export function SignInPrompt() {
  const { t } = useTranslation();
  const loc = useLocation();
  return (
    <Result
      status="info"
      title={<h1 className="kft-result-title">{t('common.signInTitle')}</h1>}
      subTitle={t('common.signInHint')}
      data-testid="sign-in-prompt"
      extra={
        <Link to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} className="kft-signin-link">
          {t('nav.login')}
        </Link>
      }
    />
  );
}

/**
 * A page that needs an account. An anonymous visitor is asked to sign in and comes back here afterwards
 * (/login?next=…), instead of meeting the page's own permission message ("403 您没有编辑该机构的权限").
 */
export function SignedIn({ children }: { children: ReactNode }) {
  const { user, ready } = useAuth();
  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user) return <SignInPrompt />;
  return children;
}
