/** A subscription's deliveries, newest first: status, attempts, the last answer, and 重新投递. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtStamp } from '../../../lib/time';
import { deliveriesQuery, redeliver, webhookKeys, type WebhookDelivery } from '../api';

const COLOR = { pending: 'blue', succeeded: 'green', failed: 'red' } as const;

export default function DeliveryLog({ webhookId, names }: { webhookId: number; names: Map<string, string> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery(deliveriesQuery(webhookId));
  const again = useMutation({
    mutationFn: (d: WebhookDelivery) => redeliver(webhookId, d.id),
    onSuccess: () => {
      message.success(t('wh.redelivered'));
      void qc.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) });
    },
  });
  if (list.error) return <Alert type="error" showIcon title={list.error.message} />;
  return (
    <>
      {again.error && <Alert type="error" showIcon title={again.error.message} style={{ marginBottom: 8 }} />}
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('wh.noDeliveries') }}
        renderItem={(d) => {
          const last = d.attemptLog[0];
          return (
            <List.Item
              data-testid="webhook-delivery"
              actions={[
                <Button key="r" size="small" onClick={() => again.mutate(d)} loading={again.isPending && again.variables?.id === d.id}>
                  {t('wh.redeliver')}
                </Button>,
              ]}
            >
              <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
                <Space wrap>
                  <Tag color={COLOR[d.status]}>{t(`wh.deliveryStatus.${d.status}`)}</Tag>
                  <span>{names.get(d.eventType) ?? d.eventType}</span>
                  <span className="kft-meta">
                    #{d.id} · {fmtStamp(d.createdAt)} · {t('wh.attempts', { n: d.attempts })}
                  </span>
                  {d.nextAttemptAt && <span className="kft-meta">{t('wh.nextAttempt', { at: fmtStamp(d.nextAttemptAt) })}</span>}
                </Space>
                {last && (
                  <span className="kft-meta">
                    {t('wh.response')}: {last.statusCode ?? t('wh.noResponse')} · {t('wh.duration', { ms: last.durationMs })}
                    {last.error ? ` · ${last.error}` : ''}
                  </span>
                )}
                {last?.responseExcerpt && (
                  <Typography.Text code ellipsis style={{ maxWidth: 560 }}>
                    {last.responseExcerpt}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </>
  );
}
