/** 拨付批次: gather the claims whose notice ended into a batch, export it as xlsx, confirm it paid (city admin). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtStamp, yuan } from '../../../lib/time';
import { batchesQuery, batchExportUrl, createBatch, markBatchPaid, voucherKeys, type Batch } from '../api';
import { StatusTag } from '../shared';

export default function BatchesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const batches = useQuery(batchesQuery);
  const refresh = () => qc.invalidateQueries({ queryKey: voucherKeys.all });
  const create = useMutation({
    mutationFn: createBatch,
    onSuccess: (b) => {
      message.success(t('vc.admin.batchCreated', { no: b.batchNo }));
      return refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const paid = useMutation({
    mutationFn: markBatchPaid,
    onSuccess: () => {
      message.success(t('vc.admin.paidDone'));
      return refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const f = (k: string) => t(`vc.field.${k}`);
  return (
    <div>
      <p className="kft-meta">{t('vc.admin.batchHelp')}</p>
      <Button type="primary" onClick={() => create.mutate()} loading={create.isPending} style={{ marginBottom: 12 }}>
        {t('vc.admin.newBatch')}
      </Button>
      {batches.error && <Alert type="error" showIcon role="alert" title={batches.error.message} />}
      <div className="kft-table-wrap">
        <Table<Batch>
          data-testid="batches"
          size="small"
          rowKey="id"
          pagination={false}
          loading={batches.isPending}
          dataSource={batches.data ?? []}
          locale={{ emptyText: t('vc.admin.noBatches') }}
          scroll={{ x: 720 }}
          columns={[
            { title: f('batchNo'), dataIndex: 'batchNo' },
            { title: f('claimCount'), dataIndex: 'claimCount', align: 'right' },
            { title: f('total'), align: 'right', render: (_, b) => yuan(b.totalFen) },
            { title: f('createdAt'), render: (_, b) => fmtStamp(b.createdAt) },
            { title: f('status'), render: (_, b) => <StatusTag kind="batch" status={b.status} /> },
            { title: f('paidAt'), render: (_, b) => (b.paidAt ? fmtStamp(b.paidAt) : '—') },
            {
              title: t('common.actions'),
              render: (_, b) => (
                <Space wrap>
                  <a href={batchExportUrl(b.id)} download>
                    {t('vc.admin.export')}
                  </a>
                  {b.status === 'open' && (
                    <Popconfirm title={t('vc.admin.confirmPaid')} onConfirm={() => paid.mutate(b.id)}>
                      <Button size="small" loading={paid.isPending && paid.variables === b.id}>
                        {t('vc.admin.markPaid')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </div>
    </div>
  );
}
