/** /deals — my organization's deal threads (inquiries on achievements, offers on demands). */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, Empty, Segmented, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { DealStatusTag, fmtDateTime } from './shared';
import { dealsQuery, type DealStatus } from './api';
import './market.css';

// the filter's choices, in the order they are shown: a runtime list of the generated DealStatus ('' = every status)
const STATUSES = ['', 'inquiry', 'negotiating', 'agreed', 'withdrawn'] as const satisfies readonly ('' | DealStatus)[];

export default function DealsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { user, ready } = useAuth();
  const [sp, setSp] = useSearchParams();
  const status = STATUSES.find((s) => s === sp.get('status')) ?? '';

  const title = user?.role === 'admin' ? t('mk.deals.all') : t('mk.deals.title');
  useTitle(title);

  const deals = useQuery({ ...dealsQuery(status), enabled: !!user });
  const items = deals.data ?? null;
  const error = deals.error?.message ?? null;

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
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {t('mk.deals.help')}
      </p>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setSp(v ? { status: String(v) } : {})}
          aria-label={t('mk.deals.filter')}
          options={STATUSES.map((s) => ({ value: s, label: s ? t(`mk.dealStatus.${s}`) : t('common.all') }))}
        />
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {!items && !error && (
        <div className="kft-center">
          <Spin />
        </div>
      )}
      {items && items.length === 0 && <Empty description={t('mk.deals.empty')} />}
      <section data-testid="deal-list">
        {items?.map((d) => {
          const other = d.mySide === 'counterpart' ? d.initiator : d.counterpart;
          return (
            <Card key={d.id} size="small" className="kft-result" data-testid="deal-card" data-id={d.id} data-status={d.status}>
              <div className="kft-title-row">
                <Tag color={d.kind === 'inquiry' ? 'blue' : 'orange'}>{t(`mk.dealKind.${d.kind}`)}</Tag>
                <h2 style={{ margin: 0, fontSize: 16 }}>
                  <Link to={`/deals/${d.id}`} data-testid="deal-link">
                    {d.subject.title}
                  </Link>
                </h2>
                <DealStatusTag status={d.status} />
              </div>
              <div className="kft-meta" style={{ marginTop: 4 }}>
                {d.mySide ? t('mk.deals.with', { name: other.name }) : t('mk.deals.between', { a: d.initiator.name, b: d.counterpart.name })}
                {' · '}
                {t('mk.deals.updated', { at: fmtDateTime(d.updatedAt, en) })}
              </div>
            </Card>
          );
        })}
      </section>
    </div>
  );
}
