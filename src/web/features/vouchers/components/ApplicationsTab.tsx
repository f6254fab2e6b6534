/** 申领审核: the applications awaiting review, each with its checks; approve with an amount or reject with a reason. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Segmented, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, showFieldErrors } from '../../../lib/formErrors';
import { fmtStamp, toFen, yuan } from '../../../lib/time';
import { applicationsQuery, decideApplication, voucherKeys, type Application } from '../api';
import { CheckList, StatusTag } from '../shared';

type Decision = { app: Application; decision: 'approve' | 'reject' };

function DecisionModal({ d, onClose }: { d: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ amountFen?: number; reason?: string }>();
  const [error, setError] = useState<string[]>([]);
  const send = useMutation({ mutationFn: (v: { amountFen?: number; reason?: string }) => decideApplication(d.app.id, { decision: d.decision, ...v }) });
  const approve = d.decision === 'approve';
  return (
    <Modal open title={`${approve ? t('vc.admin.approve') : t('vc.admin.reject')} · ${d.app.holder.name}`} onCancel={onClose} footer={null} destroyOnHidden>
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amountFen: d.app.amountFen / 100 }}
        onValuesChange={() => clearFieldErrors(form)}
        onFinish={async (v) => {
          setError([]);
          try {
            await send.mutateAsync(approve ? { amountFen: toFen(v.amountFen) ?? undefined } : { reason: v.reason ?? '' });
            message.success(approve ? t('vc.admin.approved') : t('vc.admin.rejected'));
            await qc.invalidateQueries({ queryKey: voucherKeys.all });
            onClose();
          } catch (e) {
            setError(showFieldErrors(form, e, ['amountFen', 'reason']));
          }
        }}
      >
        {approve ? (
          <Form.Item name="amountFen" label={t('vc.admin.approveAmount')}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item name="reason" label={t('vc.admin.rejectReason')}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
        <Button type="primary" danger={!approve} htmlType="submit" loading={send.isPending}>
          {approve ? t('vc.admin.approve') : t('vc.admin.reject')}
        </Button>
      </Form>
    </Modal>
  );
}

const STATUSES = ['submitted', 'approved', 'rejected', ''] as const;

export default function ApplicationsTab() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('submitted');
  const apps = useQuery(applicationsQuery(status));
  const [deciding, setDeciding] = useState<Decision | null>(null);
  return (
    <div>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          aria-label={t('vc.admin.filter')}
          options={STATUSES.map((s) => ({ value: s, label: s ? t(`vc.status.application.${s}`) : t('common.all') }))}
        />
      </div>
      {apps.error && <Alert type="error" showIcon role="alert" title={apps.error.message} />}
      {apps.isPending && <Spin />}
      {apps.data?.items.length === 0 && <Empty description={t('vc.admin.queueEmpty')} />}
      <div className="vc-grid">
        {apps.data?.items.map((a) => (
          <Card key={a.id} size="small" data-testid="application-card" data-holder={a.holder.name}>
            <div className="kft-title-row">
              <h3 style={{ margin: 0, fontSize: 15 }}>{a.holder.name}</h3>
              <StatusTag kind="application" status={a.status} />
            </div>
            <p className="kft-meta" style={{ margin: '4px 0' }}>
              {a.scheme.name} · {yuan(a.amountFen)} · {fmtStamp(a.createdAt)}
            </p>
            <p style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{a.purpose}</p>
            <CheckList checks={a.checks} />
            {a.reason && (
              <p className="kft-meta">
                {t('vc.field.reason')}
                {t('vc.colon')}
                {a.reason}
              </p>
            )}
            {a.can.decide && (
              <Space wrap>
                <Button type="primary" onClick={() => setDeciding({ app: a, decision: 'approve' })}>
                  {t('vc.admin.approve')}
                </Button>
                <Button danger onClick={() => setDeciding({ app: a, decision: 'reject' })}>
                  {t('vc.admin.reject')}
                </Button>
              </Space>
            )}
          </Card>
        ))}
      </div>
      {deciding && <DecisionModal d={deciding} onClose={() => setDeciding(null)} />}
    </div>
  );
}
