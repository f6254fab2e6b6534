/**
 * /contracts/workload — 登记站工作量与办理时长: per station, received in a period, on the clock and overdue now, and
 * the median and 90th percentile of working days to a decision; a sortable table. The city sees every station, a
 * district office those with its district's contracts, station staff their own.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { Alert, Input, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useAuth, useTitle } from '../../shell/context';

type Workload = Schemas['ContractWorkload'];
type Row = Workload['stations'][number];

const numeric = (k: 'received' | 'open' | 'overdue' | 'decided' | 'registered' | 'rejected' | 'medianDays' | 'p90Days') => ({
  dataIndex: k,
  key: k,
  align: 'right' as const,
  sorter: (a: Row, b: Row) => (a[k] ?? -1) - (b[k] ?? -1),
  sortDirections: ['descend' as const, 'ascend' as const],
});

export default function WorkloadPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [sp, setSp] = useSearchParams();
  const from = sp.get('from') ?? '';
  const to = sp.get('to') ?? '';
  const title = user?.role === 'station_staff' ? t('ctrw.stationTitle') : t('ctrw.title');
  useTitle(title);
  const q = useQuery({
    queryKey: ['contracts', 'workload', from, to],
    queryFn: () => unwrap(api.GET('/api/v1/contract-workload', { params: { query: { from: from || undefined, to: to || undefined } } })),
    placeholderData: keepPreviousData,
    retry: false,
  });
  // from the latest parameters, not this render's: the two dates may change before the navigation re-renders
  const set = (k: 'from' | 'to', v: string) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (v) next.set(k, v);
      else next.delete(k);
      return next;
    });
  const dash = (v: number | null) => (v == null ? t('ctrw.none') : v);
  const columns: ColumnsType<Row> = [
    {
      title: t('ctrw.station'),
      key: 'station',
      render: (_, r) => r.station.name,
      fixed: 'left',
      width: 190,
      sorter: (a, b) => a.station.code.localeCompare(b.station.code),
      defaultSortOrder: 'ascend',
    },
    { title: t('ctrw.received'), ...numeric('received') },
    { title: t('ctrw.open'), ...numeric('open') },
    {
      title: t('ctrw.overdue'),
      ...numeric('overdue'),
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
    { title: t('ctrw.decided'), ...numeric('decided') },
    { title: t('ctrw.registered'), ...numeric('registered') },
    { title: t('ctrw.rejected'), ...numeric('rejected') },
    { title: t('ctrw.median'), ...numeric('medianDays'), render: dash },
    { title: t('ctrw.p90'), ...numeric('p90Days'), render: dash },
  ];
  const error = q.error instanceof ApiError ? q.error : null;
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        {(['from', 'to'] as const).map((k) => (
          <Space key={k} size={4}>
            <label htmlFor={`workload-${k}`}>{t(`ctrw.${k}`)}</label>
            <Input
              id={`workload-${k}`}
              type="date"
              value={(k === 'from' ? from : to) || q.data?.[k] || ''}
              onChange={(e) => set(k, e.target.value)}
              style={{ width: 160 }}
            />
          </Space>
        ))}
      </Space>
      {q.error && (
        <Alert
          type="error"
          showIcon
          data-testid="workload-error"
          title={error?.fields.length ? error.fields.map((f) => f.message).join(' ') : q.error.message}
          style={{ marginBottom: 12 }}
        />
      )}
      {q.data && (
        <Typography.Paragraph type="secondary" data-testid="workload-period">
          {t('ctrw.period', { from: q.data.from, to: q.data.to })} {t('ctrw.help')}
        </Typography.Paragraph>
      )}
      {q.isPending ? (
        <div className="kft-center">
          <Spin />
        </div>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Table<Row>
            data-testid="workload-table"
            size="small"
            rowKey={(r) => r.station.id}
            columns={columns}
            dataSource={q.data?.stations ?? []}
            pagination={false}
            scroll={{ x: 960 }}
            onRow={(r) => ({ 'data-code': r.station.code }) as React.HTMLAttributes<HTMLElement>}
            summary={() =>
              q.data && q.data.stations.length > 1 ? (
                <Table.Summary.Row data-testid="workload-total">
                  <Table.Summary.Cell index={0}>{t('ctrw.total')}</Table.Summary.Cell>
                  {(['received', 'open', 'overdue', 'decided', 'registered', 'rejected', 'medianDays', 'p90Days'] as const).map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 1} align="right">
                      {dash(q.data.total[k])}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
        </div>
      )}
    </div>
  );
}
