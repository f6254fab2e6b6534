/** /orders — 我的订单: what my organization bought and provides (tabs), by status; the offices see theirs. */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, Empty, Pagination, Segmented, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { canManage, useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { fmtDateTime } from '../../lib/time';
import { ORDER_STATUSES, ordersQuery, type OrderSide } from './api';
import { money, OrderStatusTag } from './components/shared';

export default function OrdersPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  const [sp, setSp] = useSearchParams();
  const office = canManage(user);
  const role: OrderSide | '' = office ? '' : sp.get('role') === 'provider' ? 'provider' : 'buyer';
  const status = ORDER_STATUSES.find((s) => s === sp.get('status')) ?? '';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const title = office ? t('ord.allTitle') : t('ord.title');
  useTitle(title);
  const list = useQuery({ ...ordersQuery(role, status, page), enabled: !!user });
  const set = (next: Record<string, string>) => {
    const merged = { ...Object.fromEntries(sp), ...next };
    setSp(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)));
  };

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
        {title}
      </Typography.Title>
      {!office && (
        <Tabs
          activeKey={role}
          onChange={(k) => set({ role: k, page: '' })}
          items={[
            { key: 'buyer', label: t('ord.tabs.buyer') },
            { key: 'provider', label: t('ord.tabs.provider') },
          ]}
        />
      )}
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={status}
          aria-label={t('ord.filterStatus')}
          onChange={(v) => set({ status: String(v), page: '' })}
          options={['', ...ORDER_STATUSES].map((s) => ({ value: s, label: s ? t(`ord.status.${s}`) : t('common.all') }))}
        />
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.isPending && (
        <div className="kft-center">
          <Spin />
        </div>
      )}
      {list.data && list.data.items.length === 0 && <Empty description={t('ord.empty')} />}
      <section data-testid="order-list">
        {list.data?.items.map((o) => {
          const other = o.mySide === 'provider' ? o.buyer : o.provider;
          return (
            <Card key={o.id} size="small" className="kft-result" data-testid="order-card" data-id={o.id} data-status={o.status} style={{ marginBottom: 8 }}>
              <div className="kft-title-row" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
                <h2 style={{ margin: 0, fontSize: 16 }}>
                  <Link to={`/orders/${o.id}`} data-testid="order-link">
                    {o.title}
                  </Link>
                </h2>
                <OrderStatusTag status={o.status} />
              </div>
              <div className="kft-meta" style={{ marginTop: 4 }}>
                {o.orderNo}
                {' · '}
                {o.mySide ? t('ord.with', { name: other.name }) : t('ord.between', { a: o.buyer.name, b: o.provider.name })}
                {o.payment.totalFen > 0 && ` · ${money(o.payment.totalFen)}`}
                {' · '}
                {t('ord.updated', { at: fmtDateTime(o.updatedAt) })}
              </div>
            </Card>
          );
        })}
      </section>
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination current={page} pageSize={list.data.pageSize} total={list.data.total} onChange={(p) => set({ page: String(p) })} showSizeChanger={false} />
      )}
    </div>
  );
}
