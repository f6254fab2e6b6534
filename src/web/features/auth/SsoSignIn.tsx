/**
 * The login page's single sign-on part: the button when the server has a provider (a plain link: the
 * browser goes to the provider and comes back signed in), and the reason when a sign-in came back refused
 * (`/login?sso_error=<code>`).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Divider } from 'antd';
import { useTranslation } from 'react-i18next';
import { ssoStatusQuery } from './api';

const KNOWN = ['unavailable', 'denied', 'state_mismatch', 'provider_error', 'email_not_verified', 'no_account', 'account_disabled', 'provision_refused'];

export function SsoError({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  const key = KNOWN.includes(code) ? code : 'unknown';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="sso-error"
      title={t('sso.errorTitle')}
      description={t(`sso.error.${key}`)}
      style={{ marginBottom: 12 }}
    />
  );
}

export function SsoButton({ next }: { next: string }) {
  const { t } = useTranslation();
  const status = useQuery(ssoStatusQuery).data;
  if (!status?.enabled) return null;
  const href = `/api/v1/auth/sso/start?returnTo=${encodeURIComponent(next)}`;
  return (
    <>
      <Button color="primary" variant="outlined" block size="large" href={href} data-testid="sso-sign-in">
        {status.name ? t('sso.buttonNamed', { name: status.name }) : t('sso.button')}
      </Button>
      <Divider plain className="kft-meta">
        {t('sso.or')}
      </Divider>
    </>
  );
}
