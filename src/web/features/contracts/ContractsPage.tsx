/** /contracts — 技术合同登记: the parties' own contracts, a station's inbox (by deadline), or the city's register. */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Empty, Input, Pagination, Segmented, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { canManage, useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { yuan } from '../../lib/time';
import { CONTRACT_STATUSES, contractsQuery } from './api';
import { ContractStatusTag, Deadline } from './components/shared';
import { MyReviewsLink } from './components/MyReviewsLink';

export default function ContractsPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  const [sp, setSp] = useSearchParams();
  const station = user?.role === 'station_staff';
  const status = CONTRACT_STATUSES.find((s) => s === sp.get('status')) ?? '';
  const overdue = sp.get('overdue') === 'true';
  const q = sp.get('q') ?? '';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const title = station ? t('ctr.stationTitle') : t('ctr.title');
  useTitle(title);
  const list = useQuery({ ...contractsQuery(status, overdue, q, page), enabled: !!user });
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
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={1} className="kft-page-title">
          {title}
        </Typography.Title>
        <MyReviewsLink />
        {(station || canManage(user)) && (
          <Link to="/contracts/workload" data-testid="contract-workload-link">
            {t('ctrw.link')}
          </Link>
        )}
        {user.role === 'org_member' && user.orgId && (
          <Link to="/contracts/new">
            <Button type="primary">{t('ctr.new')}</Button>
          </Link>
        )}
      </div>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={status}
          aria-label={t('ctr.filterStatus')}
          onChange={(v) => set({ status: String(v), page: '' })}
          options={['', ...CONTRACT_STATUSES].map((s) => ({ value: s, label: s ? t(`ctr.status.${s}`) : t('common.all') }))}
        />
      </div>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12, alignItems: 'center' }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('ctr.search')}
          aria-label={t('ctr.search')}
          style={{ maxWidth: 360 }}
          onSearch={(v) => set({ q: v, page: '' })}
        />
        {(station || canManage(user)) && (
          <Checkbox checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? 'true' : '', page: '' })}>
            {t('ctr.overdueOnly')}
          </Checkbox>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.isPending && (
        <div className="kft-center">
          <Spin />
        </div>
      )}
      {list.data && list.data.items.length === 0 && <Empty description={t('ctr.empty')} />}
      {list.data && list.data.items.length > 0 && (
        <div className="kft-meta" data-testid="contract-total" data-approximate={String(list.data.totalApproximate)} style={{ marginBottom: 8 }}>
          {t(list.data.totalApproximate ? 'ctr.approxTotal' : 'ctr.total', { count: list.data.total })}
        </div>
      )}
      <section data-testid="contract-list">
        {list.data?.items.map((c) => (
          <Card key={c.id} size="small" className="kft-result" data-testid="contract-card" data-id={c.id} data-status={c.status} style={{ marginBottom: 8 }}>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
              <h2 style={{ margin: 0, fontSize: 16 }}>
                <Link to={`/contracts/${c.id}`} data-testid="contract-link">
                  {c.projectName ?? `#${c.id}`}
                </Link>
              </h2>
              <ContractStatusTag status={c.status} />
              {c.contractType && <span className="kft-meta">{t(`ctr.type.${c.contractType}`)}</span>}
            </div>
            <div className="kft-meta" style={{ marginTop: 4, display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <span>
                {c.seller.name} → {c.buyer.name}
              </span>
              {c.techAmountFen != null && <span>{`${t('ctr.form.techAmountFen')} ${yuan(c.techAmountFen)}`}</span>}
              {c.station && <span>{t('ctr.station', { name: c.station.name })}</span>}
              {c.registrationNumber && <span>{`${t('ctr.registrationNumber')} ${c.registrationNumber}`}</span>}
              <Deadline c={c} />
            </div>
          </Card>
        ))}
      </section>
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination current={page} pageSize={list.data.pageSize} total={list.data.total} onChange={(p) => set({ page: String(p) })} showSizeChanger={false} />
      )}
    </div>
  );
}
