/** 拨付批次: gather the claims whose notice ended into a batch, export it as xlsx, confirm it paid (city admin). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Space, Spin, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtStamp, yuan } from '../../../lib/time';
import { batchesQuery, batchExportUrl, batchQuery, createBatch, markBatchPaid, voucherKeys, type Batch, type Claim } from '../api';
import { StatusTag } from '../shared';

/** A batch's lines: each claim with the city's and the district's part of it (fixed when the batch was made). */
function BatchLines({ id }: { id: number }) {
  const { t } = useTranslation();
  const batch = useQuery(batchQuery(id));
  const f = (k: string) => t(`vc.field.${k}`);
  if (batch.isPending) return <Spin size="small" />;
  if (batch.error) return <Alert type="error" showIcon role="alert" title={batch.error.message} />;
  return (
    <Table<Claim>
      data-testid="batch-lines"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={batch.data.claims}
      scroll={{ x: 760 }}
      columns={[
        { title: f('claimNo'), dataIndex: 'claimNo' },
        { title: f('provider'), render: (_, c) => c.provider.name },
        { title: f('holder'), render: (_, c) => c.holder.name },
        { title: f('claimAmount'), align: 'right', render: (_, c) => yuan(c.amountFen) },
        { title: f('cityShare'), align: 'right', render: (_, c) => yuan(c.shares.cityFen) },
        {
          title: f('districtShare'),
          align: 'right',
          render: (_, c) => (c.shares.districtFen > 0 ? `${yuan(c.shares.districtFen)}（${c.shares.districtName ?? ''}）` : yuan(0)),
        },
      ]}
    />
  );
}

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
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (b) => <BatchLines id={b.id} /> }}
          columns={[
            { title: f('batchNo'), dataIndex: 'batchNo' },
            { title: f('claimCount'), dataIndex: 'claimCount', align: 'right' },
            { title: f('total'), align: 'right', render: (_, b) => yuan(b.totalFen) },
            { title: f('cityShare'), align: 'right', render: (_, b) => yuan(b.cityFen) },
            { title: f('districtShare'), align: 'right', render: (_, b) => yuan(b.districtFen) },
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
