/** /account/security — 账号安全: my password, my sessions and, for office accounts, the second factor. */
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import PasswordCard from './components/PasswordCard';
import SessionsCard from './components/SessionsCard';
import TotpCard from './components/TotpCard';

export default function SecurityPage() {
  const { t } = useTranslation();
  useTitle(t('acct.title'));
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('acct.title')}
      </Typography.Title>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <PasswordCard />
        <SessionsCard />
        <TotpCard />
      </Space>
    </div>
  );
}
