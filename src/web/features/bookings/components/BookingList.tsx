/** A filtered, paged list of bookings (scope mine or owner), shared by "my bookings" and the owner's inbox. */
import { useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Empty, Grid, Pagination, Segmented, Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { bookingListQuery, type Booking, type BookingList as List, type BookingSide, type BookingStatus } from '../api';
import BookingCard from './BookingCard';

const PAGE_SIZE = 20;

export default function BookingList({
  scope,
  statuses,
  defaultStatus,
}: {
  scope: BookingSide;
  statuses: readonly ('all' | BookingStatus)[];
  defaultStatus: 'all' | BookingStatus;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const status = sp.get('status') ?? defaultStatus;
  const page = Number(sp.get('page') ?? 1) || 1;
  const qc = useQueryClient();
  const query = bookingListQuery({ scope, status: status === 'all' ? undefined : status, page, pageSize: PAGE_SIZE });
  const list = useQuery(query);
  const data = list.data ?? null;
  const error = list.error?.message ?? null;
  const loading = list.isFetching;

  const setStatus = (s: string) =>
    setSp((prev) => {
      const n = new URLSearchParams(prev);
      n.set('status', s);
      n.delete('page');
      return n;
    });
  // an action's answer replaces the booking where it stands (an approved booking stays in the "pending" list until
  // the list is read again, as any list is when it is shown next)
  const replace = (b: Booking) =>
    qc.setQueryData(query.queryKey, (d: List | undefined) => (d ? { ...d, items: d.items.map((x) => (x.id === b.id ? b : x)) } : d));
  const options = statuses.map((s) => ({ value: s, label: s === 'all' ? t('common.all') : t(`bk.status.${s}`) }));

  return (
    <div>
      <div className="kft-toolbar">
        {screens.sm ? (
          <Segmented aria-label={t('bk.filterStatus')} options={options} value={status} onChange={(v) => setStatus(String(v))} data-testid="status-filter" />
        ) : (
          <Select aria-label={t('bk.filterStatus')} options={options} value={status} onChange={setStatus} style={{ width: 160 }} />
        )}
        <strong aria-live="polite" data-testid="booking-total">
          {data ? t('bk.total', { count: data.total }) : ''}
        </strong>
      </div>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      <Spin spinning={loading}>
        <section aria-label={t('bk.list')} data-testid="bookings" data-loading={loading ? 'true' : 'false'}>
          {data && data.items.length === 0 && <Empty description={t('bk.empty')} />}
          {data?.items.map((b) => (
            <BookingCard key={b.id} b={b} side={scope} onChange={replace} />
          ))}
        </section>
      </Spin>
      {data && data.total > PAGE_SIZE && (
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={PAGE_SIZE}
          total={data.total}
          showSizeChanger={false}
          size="small"
          simple={!screens.sm}
          onChange={(p) =>
            setSp((prev) => {
              const n = new URLSearchParams(prev);
              n.set('page', String(p));
              return n;
            })
          }
        />
      )}
    </div>
  );
}
