/** One subscription: where it sends, what, its state; pause/resume, rotate the secret, delete, and its delivery log. */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { deleteWebhook, rotateSecret, updateWebhook, webhookKeys, type Webhook } from '../api';
import DeliveryLog from './DeliveryLog';
import SecretModal from './SecretModal';

export default function WebhookCard({ hook, names }: { hook: Webhook; names: Map<string, string> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: webhookKeys.all });
  const toggle = useMutation({ mutationFn: () => updateWebhook(hook.id, { status: hook.status === 'active' ? 'paused' : 'active' }), onSuccess: refresh });
  const rotate = useMutation({ mutationFn: () => rotateSecret(hook.id), onSuccess: (r) => setSecret(r.secret) });
  const remove = useMutation({
    mutationFn: () => deleteWebhook(hook.id),
    onSuccess: () => {
      message.success(t('wh.removed'));
      refresh();
    },
  });
  const error = toggle.error ?? rotate.error ?? remove.error;
  const paused = hook.status === 'paused';
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="webhook">
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={paused ? 'orange' : 'green'}>{t(`wh.status.${hook.status}`)}</Tag>
          <Typography.Text code className="kft-url">
            {hook.url}
          </Typography.Text>
          <span className="kft-meta">{hook.orgId == null ? t('wh.platformScope') : t('wh.orgScope')}</span>
          {hook.consecutiveFailures > 0 && <span className="kft-meta">{t('wh.failures', { n: hook.consecutiveFailures })}</span>}
        </Space>
        {paused && hook.pausedReason && <Alert type="warning" showIcon title={t('wh.pausedBecause', { reason: hook.pausedReason })} />}
        <Space wrap size={[4, 4]}>
          {hook.eventTypes.map((type) => (
            <Tag key={type} title={type}>
              {names.get(type) ?? type}
            </Tag>
          ))}
        </Space>
        {error && <Alert type="error" showIcon title={error.message} />}
        <Space wrap>
          <Button size="small" onClick={() => toggle.mutate()} loading={toggle.isPending}>
            {paused ? t('wh.resume') : t('wh.pause')}
          </Button>
          <Popconfirm title={t('wh.confirmRotate')} okText={t('wh.rotate')} cancelText={t('common.cancel')} onConfirm={() => rotate.mutate()}>
            <Button size="small">{t('wh.rotate')}</Button>
          </Popconfirm>
          <Popconfirm title={t('wh.confirmRemove')} okText={t('wh.remove')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate()}>
            <Button size="small" danger>
              {t('wh.remove')}
            </Button>
          </Popconfirm>
          <Button size="small" type="link" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? t('wh.hideDeliveries') : t('wh.deliveries')}
          </Button>
        </Space>
        {open && <DeliveryLog webhookId={hook.id} names={names} />}
      </Space>
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
