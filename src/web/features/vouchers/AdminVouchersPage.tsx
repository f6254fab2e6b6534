/**
 * /admin/vouchers — 创新券管理 for the city and district offices: schemes with their budget ledger, the applications
 * to review, direct issue, the vouchers issued (cancel), claims to review, payment batches (the city only: the server says who may).
 */
import { Result, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { canManage, useAuth, useTitle } from '../../shell/context';
import ApplicationsTab from './components/ApplicationsTab';
import BatchesTab from './components/BatchesTab';
import ClaimsTab from './components/ClaimsTab';
import IssueTab from './components/IssueTab';
import SchemesTab from './components/SchemesTab';
import VouchersTab from './components/VouchersTab';
import './vouchers.css';

const TABS = ['schemes', 'applications', 'issue', 'vouchers', 'claims', 'batches'] as const;

export default function AdminVouchersPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [sp, setSp] = useSearchParams();
  useTitle(t('vc.admin.title'));
  if (!canManage(user)) return <Result status="403" title="403" subTitle={t('vc.admin.forbidden')} />;
  const city = user?.role === 'admin';
  const tabs = TABS.filter((k) => city || k !== 'batches');
  const tab = tabs.find((k) => k === sp.get('tab')) ?? 'schemes';
  const body = {
    schemes: <SchemesTab canCreate />,
    applications: <ApplicationsTab />,
    issue: <IssueTab />,
    vouchers: <VouchersTab />,
    claims: <ClaimsTab />,
    batches: <BatchesTab />,
  };
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('vc.admin.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'schemes' ? {} : { tab: k })}
        destroyOnHidden
        items={tabs.map((k) => ({ key: k, label: t(`vc.admin.${k}`), children: body[k] }))}
      />
    </div>
  );
}
