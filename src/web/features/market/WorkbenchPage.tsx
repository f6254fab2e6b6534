/**
 * /workbench/market — the technology market's workbench.
 * Organization members: their organization's achievements and demands in every status, drafts included, with
 * 编辑 / 发布 / 关闭 as the status allows. City admins: the review queue (approve, or return with a reason) and the
 * synonym list the search expands queries with.
 */
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Result, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { COLLECTION, listingsQuery, marketKeys, synonymsQuery } from './api';
import MyListings from './components/workbench/MyListings';
import ReviewQueue from './components/workbench/ReviewQueue';
import { Count, Loading, PAGE_SIZE, STATUSES, loaded, type Kind } from './components/workbench/shared';
import Synonyms from './components/workbench/Synonyms';
import './market.css';

type TabKey = 'achievements' | 'demands' | 'review' | 'synonyms';

export default function WorkbenchPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  const [sp, setSp] = useSearchParams();
  const orgId = user?.orgId && (user.role === 'org_member' || user.role === 'admin') ? user.orgId : null;
  const admin = user?.role === 'admin';
  const [pages, setPages] = useState<Record<Kind, number>>({ achievement: 1, demand: 1 });

  const qc = useQueryClient();
  const reload = (key: readonly string[]) => () => {
    void qc.invalidateQueries({ queryKey: key });
  };
  const mine = <K extends Kind>(kind: K) => ({
    ...listingsQuery(kind, { owner: orgId, status: STATUSES, sort: 'newest', page: pages[kind], pageSize: PAGE_SIZE }),
    enabled: !!orgId,
  });
  const myAchievements = loaded(useQuery(mine('achievement')), reload([COLLECTION.achievement]));
  const myDemands = loaded(useQuery(mine('demand')), reload([COLLECTION.demand]));
  const queue = <K extends Kind>(kind: K) => ({ ...listingsQuery(kind, { status: 'in_review', sort: 'newest', pageSize: PAGE_SIZE }), enabled: admin });
  const reviewAchievements = loaded(useQuery(queue('achievement')), reload([COLLECTION.achievement]));
  const reviewDemands = loaded(useQuery(queue('demand')), reload([COLLECTION.demand]));
  const synonymList = useQuery({ ...synonymsQuery, enabled: admin });
  const synonyms = loaded({ ...synonymList, data: synonymList.data ? { items: synonymList.data } : undefined }, reload(marketKeys.synonyms));

  const title = orgId ? t('mk.workbench.title') : t('mk.workbench.titleAdmin');
  useTitle(title);

  if (!ready) return <Loading />;
  if (!user) return <SignInPrompt />;
  if (!orgId && !admin) return <Result status="403" title="403" subTitle={t('mk.workbench.forbidden')} extra={<Link to="/search">{t('nav.market')}</Link>} />;

  const reviewCount = reviewAchievements.data && reviewDemands.data ? reviewAchievements.data.total + reviewDemands.data.total : null;
  const tabs: { key: TabKey; label: ReactNode; children: ReactNode }[] = [];
  if (orgId) {
    tabs.push({
      key: 'achievements',
      label: (
        <span data-testid="wb-tab-achievements">
          {t('mk.workbench.tabs.achievements')}
          <Count n={myAchievements.data?.total} />
        </span>
      ),
      children: <MyListings kind="achievement" list={myAchievements} page={pages.achievement} setPage={(n) => setPages((p) => ({ ...p, achievement: n }))} />,
    });
    tabs.push({
      key: 'demands',
      label: (
        <span data-testid="wb-tab-demands">
          {t('mk.workbench.tabs.demands')}
          <Count n={myDemands.data?.total} />
        </span>
      ),
      children: <MyListings kind="demand" list={myDemands} page={pages.demand} setPage={(n) => setPages((p) => ({ ...p, demand: n }))} />,
    });
  }
  if (admin) {
    tabs.push({
      key: 'review',
      label: (
        <span data-testid="wb-tab-review">
          {t('mk.workbench.tabs.review')}
          <Count n={reviewCount} />
        </span>
      ),
      children: <ReviewQueue achievements={reviewAchievements} demands={reviewDemands} />,
    });
    tabs.push({
      key: 'synonyms',
      label: (
        <span data-testid="wb-tab-synonyms">
          {t('mk.workbench.tabs.synonyms')}
          <Count n={synonyms.data?.items.length} />
        </span>
      ),
      children: <Synonyms list={synonyms} />,
    });
  }
  const wanted = sp.get('tab') as TabKey | null;
  const active = tabs.find((x) => x.key === wanted)?.key ?? tabs[0].key;

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 4 }}>
        {title}
      </Typography.Title>
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {orgId ? t('mk.workbench.help') : t('mk.workbench.helpAdmin')}
      </p>
      <Tabs
        activeKey={active}
        items={tabs}
        onChange={(k) =>
          setSp(
            (p) => {
              const n = new URLSearchParams(p);
              n.set('tab', k);
              return n;
            },
            { replace: true },
          )
        }
      />
    </div>
  );
}
