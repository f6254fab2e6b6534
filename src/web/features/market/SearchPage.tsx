/**
 * /search?q=&kind= — one search across achievements, demands, experts, organizations and instruments. Tabs show
 * each kind's count from /search; the achievement, demand and expert tabs read their own list endpoint for
 * filters and facets. Matched words come back as segments and are shown in <mark>.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Collapse, Empty, Grid, Input, Pagination, Row, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client';
import { useAuth, useNames, useTitle } from '../../shell/context';
import { useClasses } from '../instruments/shared';
import { Highlight, StatusTag, hrefOf, useMoney, useTechFields } from './shared';
import {
  COOPERATION_MODES, GRADES, MATURITIES, SEARCH_KINDS, TRANSFER_MODES,
  type Achievement, type Demand, type Expert, type FacetCount, type ListResponse, type SearchItem, type SearchKind, type SearchResponse, type Segment,
} from './types';
import './market.css';

const PAGE_SIZE = 10;
const LISTED: Partial<Record<SearchKind, string>> = { achievement: '/api/v1/achievements', demand: '/api/v1/demands', expert: '/api/v1/experts' };
/** Filters of each listed kind: URL key = API key. */
const FILTERS: Partial<Record<SearchKind, string[]>> = {
  achievement: ['discipline', 'industry', 'maturity', 'transferMode'],
  demand: ['industry', 'discipline', 'district', 'cooperationMode'],
  expert: ['field', 'techManagerGrade', 'commissioner', 'consulting'],
};
const ALL_FILTERS = [...new Set(Object.values(FILTERS).flat())];
/** ?org= (from an organization's page): one organization's listings, kept across the tabs; its API key per kind. */
const ORG_KEY: Partial<Record<SearchKind, string>> = { achievement: 'owner', demand: 'owner', expert: 'affiliation' };

type ListItem = (Achievement | Demand | Expert) & { highlight?: { title?: Segment[]; snippet?: Segment[] } };
interface Loaded { key: string; kind: SearchKind; search: SearchResponse | null; list: ListResponse<ListItem> | null }

export default function SearchPage() {
  const { t } = useTranslation();
  const names = useNames();
  const fields = useTechFields();
  const money = useMoney();
  const { user } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const q = sp.get('q') ?? '';
  const wantedKind = (SEARCH_KINDS as string[]).includes(sp.get('kind') ?? '') ? (sp.get('kind') as SearchKind) : null;
  const page = Number(sp.get('page') ?? 1) || 1;
  const filters = useMemo(() => Object.fromEntries(ALL_FILTERS.map((k) => [k, sp.get(k) ?? ''])), [sp]);
  const org = /^\d+$/.test(sp.get('org') ?? '') ? sp.get('org')! : '';
  const [orgName, setOrgName] = useState<string | null>(null);
  useEffect(() => {
    setOrgName(null);
    if (org) api<{ name: string }>(`/api/v1/orgs/${org}`).then((o) => setOrgName(o.name)).catch(() => setOrgName(null));
  }, [org]);
  const [qInput, setQInput] = useState(q);
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [myExpert, setMyExpert] = useState<{ id: number } | null>(null);
  useTitle(q ? t('mk.search.titleQ', { q }) : t('mk.search.title'));
  useEffect(() => {
    setMyExpert(null);
    if (!user || user.role === 'admin') return;
    // { expert: Expert | null } (a bare expert is accepted too)
    api<{ id?: number; expert?: { id: number } | null } | null>('/api/v1/experts/me')
      .then((r) => { const e = r?.expert ?? r; setMyExpert(e && typeof e.id === 'number' ? { id: e.id } : null); })
      .catch(() => setMyExpert(null));
  }, [user]);
  useEffect(() => setQInput(q), [q]);

  const wantedKey = `${q}|${wantedKind ?? ''}|${page}|${qs(filters)}|${org}`;
  useEffect(() => {
    let stale = false;
    setLoading(true);
    (async () => {
      const search = q ? await api<SearchResponse>(`/api/v1/search?${qs({ q, kind: wantedKind ?? undefined, page, pageSize: PAGE_SIZE })}`) : null;
      const kind: SearchKind = wantedKind ?? search?.kind ?? 'achievement';
      const base = LISTED[kind];
      const own = Object.fromEntries((FILTERS[kind] ?? []).map((k) => [k, filters[k]]));
      const byOrg = org && ORG_KEY[kind] ? { [ORG_KEY[kind]!]: org } : {};
      const list = base ? await api<ListResponse<ListItem>>(`${base}?${qs({ q, ...own, ...byOrg, page, pageSize: PAGE_SIZE })}`) : null;
      return { key: wantedKey, kind, search, list };
    })()
      .then((d) => { if (!stale) { setData(d); setError(null); } })
      .catch((e) => { if (!stale) setError(e.message); })
      .finally(() => { if (!stale) setLoading(false); });
    return () => { stale = true; };
  }, [wantedKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const update = useCallback((patch: Record<string, string | number | undefined>) => {
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k); else next.set(k, String(v));
      }
      if (!('page' in patch)) next.delete('page');
      return next;
    });
  }, [setSp]);

  const kind: SearchKind = data?.kind ?? wantedKind ?? 'achievement';
  const counts = data?.search?.counts;
  const fuzzy = !!(data?.search?.fuzzy || data?.list?.fuzzy);
  const total = data?.list ? data.list.total : data?.search ? data.search.total : 0;
  // more than a thousand matches: the server estimates the total and the facet counts
  const approximate = !!(data?.list ? (data.list as { approximate?: boolean }).approximate : (data?.search as { approximate?: string[] } | undefined)?.approximate?.includes(kind));
  const approxKinds = new Set((data?.search as { approximate?: string[] } | undefined)?.approximate ?? []);
  const facets = data?.list?.facets ?? {};
  const canPost = !!user && (user.role === 'admin' || !!user.orgId);

  const label = (key: string, code: string): string => {
    switch (key) {
      case 'discipline': case 'industry': case 'field': return fields.name(code);
      case 'maturity': return t(`mk.maturity.${code}`, { defaultValue: code });
      case 'transferMode': case 'cooperationMode': return t(`mk.mode.${code}`, { defaultValue: code });
      case 'district': return names.district(code);
      case 'techManagerGrade': return t(`mk.grade.${code}`, { defaultValue: code });
      default: return code;
    }
  };
  const choices = (key: string): string[] => {
    switch (key) {
      case 'discipline': return fields.disciplines.map((o) => o.value);
      case 'industry': return fields.industries.map((o) => o.value);
      case 'field': return fields.all.map((o) => o.value);
      case 'maturity': return MATURITIES;
      case 'transferMode': return TRANSFER_MODES;
      case 'cooperationMode': return COOPERATION_MODES;
      case 'district': return names.currentDivisions.map((d) => d.code);
      case 'techManagerGrade': return [...GRADES];
      default: return [];
    }
  };

  const filterPanel = FILTERS[kind] ? (
    <Card size="small" title={<h2 className="kft-card-title">{t('mk.search.filters')}</h2>} data-testid="market-filters">
      <Space orientation="vertical" style={{ width: '100%' }} size={10}>
        {FILTERS[kind]!.map((key) => {
          if (key === 'commissioner' || key === 'consulting') {
            return (
              <Select key={key} aria-label={t(`mk.filter.${key}`)} style={{ width: '100%' }} value={filters[key]} onChange={(v) => update({ [key]: v })}
                options={[{ value: '', label: t(`mk.filter.${key}Any`) }, { value: 'true', label: t(`mk.filter.${key}Yes`) }]} />
            );
          }
          const counts = new Map(((facets[key] ?? []) as FacetCount[]).map((f) => [f.code, f.count]));
          const codes = counts.size ? [...new Set([...counts.keys(), ...choices(key)])] : choices(key);
          const opts = codes.map((c) => ({ value: c, label: counts.size ? `${label(key, c)} (${counts.get(c) ?? 0})` : label(key, c), n: counts.get(c) ?? 0 }));
          if (counts.size && key !== 'maturity') opts.sort((a, b) => b.n - a.n);
          return (
            <div key={key} className="kft-field">
              <span id={`f-${key}`}>{t(`mk.filter.${key}`)}</span>
              <Select aria-labelledby={`f-${key}`} data-testid={`filter-${key}`} style={{ width: '100%' }} value={filters[key]} showSearch={{ optionFilterProp: 'label' }}
                onChange={(v) => update({ [key]: v })}
                options={[{ value: '', label: t('mk.filter.any') }, ...opts.map(({ value, label }) => ({ value, label }))]} />
            </div>
          );
        })}
        {FILTERS[kind]!.some((k) => filters[k]) && (
          <Button block onClick={() => update(Object.fromEntries(ALL_FILTERS.map((k) => [k, undefined])))}>{t('common.clearFilters')}</Button>
        )}
      </Space>
    </Card>
  ) : null;

  const items = data?.list ? data.list.items : data?.search?.items ?? [];
  const loadedFor = data?.key ?? '';

  return (
    <div>
      <div className="kft-toolbar">
        <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 0 }}>{t('mk.search.title')}</Typography.Title>
        {canPost && (
          <Space wrap size={8}>
            {user?.role === 'admin' && <Button onClick={() => navigate('/workbench/market')} data-testid="market-workbench">{t('mk.workbench.entryAdmin')}</Button>}
            {user?.orgId && user.role !== 'admin' && <Button onClick={() => navigate('/workbench/market')} data-testid="my-listings">{t('mk.workbench.entryMember')}</Button>}
            {user?.role === 'admin' && <Button onClick={() => navigate('/deals')} data-testid="all-deals">{t('mk.deals.all')}</Button>}
            <Button onClick={() => navigate('/demands/new')} data-testid="new-demand">{t('mk.demand.new')}</Button>
            <Button onClick={() => navigate('/achievements/new')} data-testid="new-achievement">{t('mk.achievement.new')}</Button>
            {myExpert
              ? <Button onClick={() => navigate(`/experts/${myExpert.id}`)} data-testid="my-expert">{t('mk.expert.mine')}</Button>
              : <Button onClick={() => navigate('/experts/new')} data-testid="new-expert">{t('mk.expert.new')}</Button>}
          </Space>
        )}
      </div>
      <form role="search" onSubmit={(e) => { e.preventDefault(); update({ q: qInput.trim() }); }} style={{ margin: '12px 0' }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input type="search" allowClear size="large" name="q" aria-label={t('mk.search.label')} placeholder={t('mk.search.placeholder')}
            value={qInput} onChange={(e) => setQInput(e.target.value)} data-testid="search-input" />
          <Button type="primary" htmlType="submit" size="large" data-testid="search-submit">{t('common.search')}</Button>
        </Space.Compact>
      </form>
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
              {counts && <span className="kft-tab-count" data-testid={`tab-count-${k}`}>{approxKinds.has(k) ? t('mk.search.approxCount', { count: counts[k] ?? 0 }) : (counts[k] ?? 0)}</span>}
            </span>
          ),
        }))}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {fuzzy && total > 0 && <Alert type="info" showIcon data-testid="fuzzy-note" style={{ marginBottom: 12 }} title={t('mk.search.fuzzy', { q })} />}
      <Row gutter={[16, 16]}>
        {filterPanel && (
          <Col xs={24} md={8} lg={6}>
            {screens.md === false
              ? <Collapse size="small" items={[{ key: 'f', label: `${t('mk.search.filters')}${FILTERS[kind]!.some((k) => filters[k]) ? ' ●' : ''}`, children: filterPanel }]} />
              : filterPanel}
          </Col>
        )}
        <Col xs={24} md={filterPanel ? 16 : 24} lg={filterPanel ? 18 : 24}>
          <div className="kft-toolbar">
            {org && ORG_KEY[kind] && (
              <Tag closable onClose={() => update({ org: undefined })} closeIcon={<span aria-label={t('mk.search.clearOrg')}>×</span>} data-testid="org-filter">
                {t('mk.search.org')}{t('common.sep')}{orgName ?? `#${org}`}
              </Tag>
            )}
            <strong data-testid="result-total" aria-live="polite">{data ? (approximate ? t('mk.search.approxTotal', { count: total }) : t('mk.search.total', { count: total })) : ''}</strong>
          </div>
          <Spin spinning={loading}>
            <section aria-label={t('common.results')} data-testid="search-results" data-loading={loading ? 'true' : 'false'} data-loaded-for={loadedFor} data-wanted={wantedKey}>
              {data && items.length === 0 && (
                <Empty description={!q && !LISTED[kind] ? t('mk.search.typeToSearch') : t('mk.search.empty')} />
              )}
              {data?.list && (data.list.items as ListItem[]).map((it) => (
                <ListCard key={it.id} kind={kind} item={it} label={label} money={money} />
              ))}
              {!data?.list && (data?.search?.items ?? []).map((it) => <SearchCard key={`${it.kind}-${it.id}`} item={it} />)}
            </section>
          </Spin>
          {data && total > PAGE_SIZE && (
            <Pagination style={{ marginTop: 12 }} current={page} pageSize={PAGE_SIZE} total={total} showSizeChanger={false} simple={!screens.sm} size="small"
              onChange={(p) => { update({ page: p }); window.scrollTo({ top: 0 }); }} />
          )}
        </Col>
      </Row>
    </div>
  );
}

function ListCard({ kind, item, label, money }: { kind: SearchKind; item: ListItem; label: (k: string, c: string) => string; money: ReturnType<typeof useMoney> }) {
  const { t } = useTranslation();
  const names = useNames();
  const hl = item.highlight;
  let title: string;
  let snippet: string | null;
  let tags: React.ReactNode;
  let sub: React.ReactNode = null;
  if (kind === 'achievement') {
    const a = item as Achievement;
    title = a.title; snippet = a.abstract;
    sub = <Link to={`/orgs/${a.ownerOrgId}`} className="kft-meta-link">{a.ownerName}</Link>;
    tags = <>
      <Tag color="blue">{t(`mk.maturity.${a.maturity}`)}{a.trl ? ` · TRL ${a.trl}` : ''}</Tag>
      {a.industryCode && <Tag>{label('industry', a.industryCode)}</Tag>}
      {a.disciplineCode && <Tag>{label('discipline', a.disciplineCode)}</Tag>}
      <span className="kft-price" data-testid="result-price">{money.range(a.priceNegotiable, a.priceMinFen, a.priceMaxFen)}</span>
    </>;
  } else if (kind === 'demand') {
    const d = item as Demand;
    title = d.title; snippet = d.description;
    sub = <span>{d.orgName}</span>;
    tags = <>
      {d.industryCode && <Tag color="blue">{label('industry', d.industryCode)}</Tag>}
      {d.maturityNeeded && <Tag>{t('mk.demand.maturityNeededTag', { x: t(`mk.maturity.${d.maturityNeeded}`) })}</Tag>}
      {d.districtCode && <Tag>{names.district(d.districtCode)}</Tag>}
      {d.deadline && <Tag>{t('mk.demand.deadlineTag', { date: d.deadline })}</Tag>}
      <span className="kft-price">{t('mk.demand.budget')}{t('common.sep')}{d.budgetFen !== null && d.budgetFen !== undefined ? money.range(d.budgetNegotiable, null, d.budgetFen) : t('mk.negotiable')}</span>
    </>;
  } else {
    const e = item as Expert;
    title = e.name; snippet = e.biography;
    sub = <span>{[e.title, e.affiliation].filter(Boolean).join(' · ')}</span>;
    tags = <>
      {e.fields.map((f) => <Tag key={f} color="blue">{label('field', f)}</Tag>)}
      {e.consulting && <Tag color="green">{t('mk.expert.consulting')}</Tag>}
      {e.commissioner && <Tag color="purple">{t('mk.expert.commissioner')}</Tag>}
      {e.techManagerGrade && <Tag color="cyan">{t(`mk.grade.${e.techManagerGrade}`)}{t('mk.expert.techManagerShort')}</Tag>}
    </>;
  }
  const status = (item as { status?: string }).status;
  return (
    <Card size="small" className="kft-result" data-testid="result-card" data-kind={kind} data-id={item.id}>
      <h3 style={{ margin: '0 0 4px' }}>
        <Link to={hrefOf(kind, item.id)} className="kft-result-name" data-testid="result-title"><Highlight segments={hl?.title} fallback={title} /></Link>
        {status && status !== 'published' && status !== 'active' && <> <StatusTag status={status} /></>}
      </h3>
      {sub && <div className="kft-meta" style={{ marginBottom: 4 }}>{sub}</div>}
      {(hl?.snippet?.length || snippet) && (
        <p className="kft-snippet" data-testid="result-snippet">{hl?.snippet?.length ? <Highlight segments={hl.snippet} /> : snippet}</p>
      )}
      <div className="kft-tags kft-result-tags">{tags}</div>
    </Card>
  );
}

/** An organization or instrument result of /search: title, snippet and whatever short facts `meta` carries. */
function SearchCard({ item }: { item: SearchItem }) {
  const { t } = useTranslation();
  const names = useNames();
  const classes = useClasses();
  const meta = item.meta ?? {};
  const facts: string[] = [];
  const str = (k: string) => (typeof meta[k] === 'string' && meta[k] ? String(meta[k]) : null);
  const cls = str('classCode');
  if (cls) facts.push(classes.name(cls, str('className')));
  for (const k of ['model', 'owner', 'ownerName', 'orgName', 'affiliation']) { const v = str(k); if (v) facts.push(v); }
  const district = str('districtCode');
  if (district) facts.push(names.district(district));
  const cats = [
    ...(Array.isArray(meta.kinds) ? (meta.kinds as string[]).map((c) => names.kind(c)) : []),
    ...(Array.isArray(meta.categories) ? (meta.categories as string[]).map((c) => names.category(c)) : []),
  ];
  return (
    <Card size="small" className="kft-result" data-testid="result-card" data-kind={item.kind} data-id={item.id}>
      <h3 style={{ margin: '0 0 4px' }}>
        <Link to={hrefOf(item.kind, item.id)} className="kft-result-name" data-testid="result-title"><Highlight segments={item.title} /></Link>
      </h3>
      {item.snippet?.length > 0 && <p className="kft-snippet" data-testid="result-snippet"><Highlight segments={item.snippet} /></p>}
      <div className="kft-tags kft-result-tags">
        <Tag>{t(`mk.kindOne.${item.kind}`)}</Tag>
        {cats.map((c) => <Tag key={c} color="blue">{c}</Tag>)}
        {facts.length > 0 && <span className="kft-meta">{facts.join(' · ')}</span>}
      </div>
    </Card>
  );
}
