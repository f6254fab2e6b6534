/** 已发券: the vouchers the office sees, with their balance and state; an active one may be cancelled with a reason. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Segmented, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, showFieldErrors } from '../../../lib/formErrors';
import { fmtStamp, yuan } from '../../../lib/time';
import { cancelVoucher, officeVouchersQuery, voucherKeys, type Voucher } from '../api';
import { StatusTag } from '../shared';

function CancelModal({ v, onClose }: { v: Voucher; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string[]>([]);
  const send = useMutation({ mutationFn: (reason: string) => cancelVoucher(v.id, reason) });
  return (
    <Modal open title={t('vc.admin.cancelTitle', { no: v.voucherNo })} onCancel={onClose} footer={null} destroyOnHidden>
      <p className="kft-meta">{t('vc.admin.cancelHelp', { x: yuan(v.balanceFen) })}</p>
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={() => clearFieldErrors(form)}
        onFinish={async (f) => {
          setError([]);
          try {
            await send.mutateAsync(f.reason ?? '');
            message.success(t('vc.admin.cancelled', { no: v.voucherNo }));
            await qc.invalidateQueries({ queryKey: voucherKeys.all });
            onClose();
          } catch (e) {
            setError(showFieldErrors(form, e, ['reason']));
          }
        }}
      >
        <Form.Item name="reason" label={t('vc.admin.cancelReason')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={send.isPending}>
          {t('vc.admin.cancelVoucher')}
        </Button>
      </Form>
    </Modal>
  );
}

const STATUSES = ['active', 'expired', 'cancelled', ''] as const;

export default function VouchersTab() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('active');
  const list = useQuery(officeVouchersQuery(status));
  const [cancelling, setCancelling] = useState<Voucher | null>(null);
  const f = (k: string) => t(`vc.field.${k}`);
  return (
    <div>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          aria-label={t('vc.admin.filter')}
          options={STATUSES.map((s) => ({ value: s, label: s ? t(`vc.status.voucher.${s}`) : t('common.all') }))}
        />
      </div>
      {list.error && <Alert type="error" showIcon role="alert" title={list.error.message} />}
      <div className="kft-table-wrap">
        <Table<Voucher>
          data-testid="office-vouchers"
          size="small"
          rowKey="id"
          pagination={false}
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('vc.admin.noVouchers') }}
          scroll={{ x: 900 }}
          columns={[
            { title: f('voucherNo'), dataIndex: 'voucherNo' },
            { title: f('holder'), render: (_, v) => v.holder.name },
            { title: f('scheme'), render: (_, v) => v.scheme.name },
            { title: f('amount'), align: 'right', render: (_, v) => yuan(v.amountFen) },
            { title: f('balance'), align: 'right', render: (_, v) => yuan(v.balanceFen) },
            { title: f('validUntil'), dataIndex: 'validUntil' },
            { title: f('issuedAt'), render: (_, v) => fmtStamp(v.issuedAt) },
            {
              title: f('status'),
              render: (_, v) => (
                <>
                  <StatusTag kind="voucher" status={v.status} />
                  {v.cancelReason && <div className="kft-meta">{v.cancelReason}</div>}
                </>
              ),
            },
            {
              title: t('common.actions'),
              render: (_, v) =>
                v.can.cancel ? (
                  <Button size="small" danger onClick={() => setCancelling(v)}>
                    {t('vc.admin.cancelVoucher')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </div>
      {cancelling && <CancelModal v={cancelling} onClose={() => setCancelling(null)} />}
    </div>
  );
}
