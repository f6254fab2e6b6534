/**
 * /search?q=&kind= — one search across achievements, demands, experts, organizations and instruments. Tabs show
 * each kind's count from /search; the achievement, demand and expert tabs read their own list endpoint for
 * filters and facets. Matched words come back as segments and are shown in <mark>.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Collapse, Empty, Grid, Input, Pagination, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { qs } from '../../api/client';
import { useAuth, useTitle } from '../../shell/context';
import { orgQuery } from '../directory/api';
import { isListed, marketSearchQuery, myExpertQuery, type SearchKind } from './api';
import { ListCard, SearchCard } from './components/ResultCards';
import SearchFilters, { ALL_FILTERS, FILTERS, useFilterLabel } from './components/SearchFilters';
import { useMoney } from './shared';
import { SEARCH_KINDS } from './vocabulary';
import './market.css';

const PAGE_SIZE = 10;
/** ?org= (from an organization's page): one organization's listings, kept across the tabs; its API key per kind. */
const ORG_KEY: Partial<Record<SearchKind, string>> = { achievement: 'owner', demand: 'owner', expert: 'affiliation' };

export default function SearchPage() {
  const { t } = useTranslation();
  const label = useFilterLabel();
  const money = useMoney();
  const { user } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const q = sp.get('q') ?? '';
  const wantedKind = SEARCH_KINDS.find((k) => k === sp.get('kind')) ?? null;
  const page = Number(sp.get('page') ?? 1) || 1;
  const filters = useMemo(() => Object.fromEntries(ALL_FILTERS.map((k) => [k, sp.get(k) ?? ''])), [sp]);
  const org = /^\d+$/.test(sp.get('org') ?? '') ? sp.get('org')! : '';
  const orgName = useQuery({ ...orgQuery(Number(org)), enabled: !!org }).data?.name ?? null;
  const [qInput, setQInput] = useState(q);
  const myExpert = useQuery({ ...myExpertQuery, enabled: !!user && user.role !== 'admin' }).data ?? null;
  useTitle(q ? t('mk.search.titleQ', { q }) : t('mk.search.title'));
  useEffect(() => setQInput(q), [q]);

  const wantedKey = `${q}|${wantedKind ?? ''}|${page}|${qs(filters)}|${org}`;
  // the kind's own filters (and ?org=) for its list; kinds without a list (organizations, instruments) have none
  const listFilters = (k: SearchKind) =>
    isListed(k) ? { ...Object.fromEntries((FILTERS[k] ?? []).map((f) => [f, filters[f]])), ...(org && ORG_KEY[k] ? { [ORG_KEY[k]!]: org } : {}) } : null;
  const result = useQuery(marketSearchQuery({ key: wantedKey, q, kind: wantedKind, page, pageSize: PAGE_SIZE, list: listFilters }));
  const data = result.data ?? null;
  const error = result.error?.message ?? null;
  const loading = result.isFetching;

  const update = useCallback(
    (patch: Record<string, string | number | undefined>) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setSp],
  );

  const kind: SearchKind = data?.kind ?? wantedKind ?? 'achievement';
  const counts = data?.search?.counts;
  const fuzzy = !!(data?.search?.fuzzy || data?.list?.fuzzy);
  const total = data?.list ? data.list.total : data?.search ? data.search.total : 0;
  // more than a thousand matches: the server estimates the total and the facet counts
  const approximate = !!(data?.list ? data.list.approximate : data?.search?.approximate?.includes(kind));
  const approxKinds = new Set(data?.search?.approximate ?? []);
  const facets = data?.list?.facets ?? {};
  const canPost = !!user && (user.role === 'admin' || !!user.orgId);

  const filterPanel = FILTERS[kind] ? <SearchFilters kind={kind} filters={filters} facets={facets} update={update} /> : null;

  const items = data?.list ? data.list.items : (data?.search?.items ?? []);
  const loadedFor = data?.key ?? '';

  return (
    <div>
      <div className="kft-toolbar">
        <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 0 }}>
          {t('mk.search.title')}
        </Typography.Title>
        {canPost && (
          <Space wrap size={8}>
            {user?.role === 'admin' && (
              <Button onClick={() => navigate('/workbench/market')} data-testid="market-workbench">
                {t('mk.workbench.entryAdmin')}
              </Button>
            )}
            {user?.orgId && user.role !== 'admin' && (
              <Button onClick={() => navigate('/workbench/market')} data-testid="my-listings">
                {t('mk.workbench.entryMember')}
              </Button>
            )}
            {user?.role === 'admin' && (
              <Button onClick={() => navigate('/deals')} data-testid="all-deals">
                {t('mk.deals.all')}
              </Button>
            )}
            <Button onClick={() => navigate('/demands/new')} data-testid="new-demand">
              {t('mk.demand.new')}
            </Button>
            <Button onClick={() => navigate('/achievements/new')} data-testid="new-achievement">
              {t('mk.achievement.new')}
            </Button>
            {myExpert ? (
              <Button onClick={() => navigate(`/experts/${myExpert.id}`)} data-testid="my-expert">
                {t('mk.expert.mine')}
              </Button>
            ) : (
              <Button onClick={() => navigate('/experts/new')} data-testid="new-expert">
                {t('mk.expert.new')}
              </Button>
            )}
          </Space>
        )}
      </div>
      <search>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: qInput.trim() });
          }}
          style={{ margin: '12px 0' }}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Input
              type="search"
              allowClear
              size="large"
              name="q"
              aria-label={t('mk.search.label')}
              placeholder={t('mk.search.placeholder')}
              value={qInput}
              onChange={(e) => setQInput(e.target.value)}
              data-testid="search-input"
            />
            <Button type="primary" htmlType="submit" size="large" data-testid="search-submit">
              {t('common.search')}
            </Button>
          </Space.Compact>
        </form>
      </search>
      <Tabs
        activeKey={kind}
        size="small"
        tabBarGutter={screens.sm ? 24 : 12}
        onChange={(k) => update({ kind: k, ...Object.fromEntries(ALL_FILTERS.map((f) => [f, undefined])) })}
        items={SEARCH_KINDS.map((k) => ({
          key: k,
          label: (
            <span data-testid={`tab-${k}`}>
              {t(`mk.kind.${k}`)}
              {counts && (
                <span className="kft-tab-count" data-testid={`tab-count-${k}`}>
                  {approxKinds.has(k) ? t('mk.search.approxCount', { count: counts[k] ?? 0 }) : (counts[k] ?? 0)}
                </span>
              )}
            </span>
          ),
        }))}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {fuzzy && total > 0 && <Alert type="info" showIcon data-testid="fuzzy-note" style={{ marginBottom: 12 }} title={t('mk.search.fuzzy', { q })} />}
      <Row gutter={[16, 16]}>
        {filterPanel && (
          <Col xs={24} md={8} lg={6}>
            {screens.md === false ? (
              <Collapse
                size="small"
                items={[{ key: 'f', label: `${t('mk.search.filters')}${FILTERS[kind]!.some((k) => filters[k]) ? ' ●' : ''}`, children: filterPanel }]}
              />
            ) : (
              filterPanel
            )}
          </Col>
        )}
        <Col xs={24} md={filterPanel ? 16 : 24} lg={filterPanel ? 18 : 24}>
          <div className="kft-toolbar">
            {org && ORG_KEY[kind] && (
              <Tag closable={{ closeIcon: '×', 'aria-label': t('mk.search.clearOrg') }} onClose={() => update({ org: undefined })} data-testid="org-filter">
                {t('mk.search.org')}
                {t('common.sep')}
                {orgName ?? `#${org}`}
              </Tag>
            )}
            <strong data-testid="result-total" aria-live="polite">
              {data ? (approximate ? t('mk.search.approxTotal', { count: total }) : t('mk.search.total', { count: total })) : ''}
            </strong>
          </div>
          <Spin spinning={loading}>
            <section
              aria-label={t('common.results')}
              data-testid="search-results"
              data-loading={loading ? 'true' : 'false'}
              data-loaded-for={loadedFor}
              data-wanted={wantedKey}
            >
              {data && items.length === 0 && <Empty description={!q && !isListed(kind) ? t('mk.search.typeToSearch') : t('mk.search.empty')} />}
              {data?.list?.items.map((it) => (
                <ListCard key={it.id} kind={kind} item={it} label={label} money={money} />
              ))}
              {!data?.list && (data?.search?.items ?? []).map((it) => <SearchCard key={`${it.kind}-${it.id}`} item={it} />)}
            </section>
          </Spin>
          {data && total > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 12 }}
              current={page}
              pageSize={PAGE_SIZE}
              total={total}
              showSizeChanger={false}
              simple={!screens.sm}
              size="small"
              onChange={(p) => {
                update({ page: p });
                window.scrollTo({ top: 0 });
              }}
            />
          )}
        </Col>
      </Row>
    </div>
  );
}
