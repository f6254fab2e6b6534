/** /webhooks — the caller's webhook subscriptions (city admins: the platform's and every organization's; members: their organization's). */
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { eventTypesQuery, webhooksQuery } from './api';
import CreateWebhook from './components/CreateWebhook';
import WebhookCard from './components/WebhookCard';
import './webhooks.css';

export default function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const { user, ready } = useAuth();
  useTitle(t('wh.title'));
  const allowed = !!user && (user.role === 'admin' || (user.role === 'org_member' && !!user.orgId));
  const list = useQuery({ ...webhooksQuery, enabled: allowed });
  const types = useQuery({ ...eventTypesQuery(i18n.language), enabled: allowed });
  const names = new Map((types.data ?? []).map((e) => [e.type, e.name]));
  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user) return <SignInPrompt />;
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('wh.title')}
      </Typography.Title>
      <p className="kft-meta">
        {t('wh.help')} {t('wh.docsHint')}
      </p>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      {allowed && <CreateWebhook />}
      {list.isPending && allowed ? (
        <Spin />
      ) : list.data?.length ? (
        list.data.map((h) => <WebhookCard key={h.id} hook={h} names={names} />)
      ) : (
        allowed && <Empty description={t('wh.none')} />
      )}
    </div>
  );
}
