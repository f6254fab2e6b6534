/**
 * /workbench/market — the technology market's workbench.
 * Organization members: their organization's achievements and demands in every status, drafts included, with
 * 编辑 / 发布 / 关闭 as the status allows. City admins: the review queue (approve, or return with a reason) and the
 * synonym list the search expands queries with.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Form, Input, Pagination, Popconfirm, Result, Segmented, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, qs } from '../../api/client';
import { useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { StatusTag, fmtDate, fmtDateTime } from './shared';
import type { Achievement, Demand, ItemStatus, ListResponse } from './types';
import './market.css';

type Kind = 'achievement' | 'demand';
type Listing = Achievement | Demand;
type TabKey = 'achievements' | 'demands' | 'review' | 'synonyms';
interface SynonymGroup { id: number; terms: string[] }

const BASE: Record<Kind, string> = { achievement: '/api/v1/achievements', demand: '/api/v1/demands' };
const PAGE: Record<Kind, string> = { achievement: '/achievements', demand: '/demands' };
const STATUSES: ItemStatus[] = ['draft', 'in_review', 'published', 'closed'];
const PAGE_SIZE = 100;
const TERM_SEPARATORS = [',', '，', '、', ';', '；'];

const orgOf = (x: Listing) => ('ownerName' in x ? x.ownerName : x.orgName);
const textOf = (x: Listing) => ('abstract' in x ? x.abstract : x.description);
const stamp = (x: Listing) => x.updatedAt ?? x.createdAt ?? x.publishedAt ?? '';

/** What the API said: the field messages when there are any, else the message. */
function errorText(e: unknown, sep: string) {
  if (e instanceof ApiError) return e.fields.length ? e.fields.map((f) => f.message).join(sep) : e.message;
  return e instanceof Error ? e.message : String(e);
}

interface Loaded<T> { data: T | null; error: string | null; loading: boolean; reload: () => void }
function useLoad<T>(url: string | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!url) { setData(null); return; }
    let stale = false;
    setLoading(true);
    api<T>(url)
      .then((r) => { if (!stale) { setData(r); setError(null); } })
      .catch((e) => { if (!stale) setError((e as Error).message); })
      .finally(() => { if (!stale) setLoading(false); });
    return () => { stale = true; };
  }, [url, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data, error, loading, reload };
}

function Loading() { return <div className="kft-center"><Spin /></div>; }
function Count({ n }: { n: number | null | undefined }) { return n === null || n === undefined ? null : <span className="kft-tab-count">{n}</span>; }

// ------------------------------------------------------------------ my organization's achievements / demands

function ListingCard({ kind, item, onChanged }: { kind: Kind; item: Listing; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<'publish' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const href = `${PAGE[kind]}/${item.id}`;
  const sep = t('common.msgSep');

  async function act(action: 'publish' | 'close') {
    setBusy(action); setError(null);
    try {
      const r = await api<{ status?: string }>(`${BASE[kind]}/${item.id}/${action}`, { method: 'POST', json: {} });
      message.success(action === 'publish' && r?.status === 'in_review' ? t('mk.action.submittedForReview') : t(`mk.action.done.${action}`));
      onChanged();
    } catch (e) {
      setError(action === 'publish' && e instanceof ApiError && e.fields.length ? t('mk.workbench.notPublished', { reasons: errorText(e, sep) }) : errorText(e, sep));
    } finally { setBusy(null); }
  }

  const canPublish = item.status === 'draft' || item.status === 'closed';
  const canClose = item.status === 'published' || item.status === 'in_review';
  return (
    <Card size="small" className="kft-result" data-testid="wb-item" data-kind={kind} data-id={item.id} data-status={item.status}>
      <div className="kft-wb-row">
        <div className="kft-wb-main">
          <div className="kft-title-row">
            <h2 className="kft-wb-title"><Link to={href} data-testid="wb-item-title">{item.title}</Link></h2>
            <StatusTag status={item.status} />
          </div>
          <div className="kft-meta" style={{ marginTop: 2 }}>
            {t('mk.workbench.updated', { date: fmtDate(stamp(item), en) })}
            {item.publishedAt && item.status !== 'draft' && <> · {t('mk.workbench.published', { date: fmtDate(item.publishedAt, en) })}</>}
          </div>
        </div>
        <Space wrap size={8} className="kft-wb-actions">
          <Button onClick={() => navigate(`${href}/edit`)} data-testid="wb-edit">{t('mk.action.edit')}</Button>
          {kind === 'demand' && item.status !== 'closed' && <Button onClick={() => navigate(href)} data-testid="wb-matches">{t('mk.workbench.viewMatches')}</Button>}
          {canPublish && (
            <Button type="primary" loading={busy === 'publish'} onClick={() => act('publish')} data-testid="wb-publish">
              {item.status === 'closed' ? t('mk.workbench.republish') : t('mk.action.publish')}
            </Button>
          )}
          {canClose && (
            <Popconfirm title={t('mk.action.closeConfirm')} okText={t('mk.action.close')} cancelText={t('common.cancel')} onConfirm={() => act('close')}>
              <Button danger loading={busy === 'close'} data-testid="wb-close">{t('mk.action.close')}</Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      {item.reviewNote && item.status === 'draft' && (
        <Alert type="warning" showIcon className="kft-wb-note" data-testid="wb-review-note" title={t('mk.reviewReturned', { note: item.reviewNote })} />
      )}
      {error && <Alert type="error" showIcon className="kft-wb-note" role="alert" data-testid="wb-error" title={error} />}
    </Card>
  );
}

function MyListings({ kind, list, page, setPage }: { kind: Kind; list: Loaded<ListResponse<Listing>>; page: number; setPage: (n: number) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'' | ItemStatus>('');
  const all = useMemo(() => [...(list.data?.items ?? [])].sort((a, b) => stamp(b).localeCompare(stamp(a)) || b.id - a.id), [list.data]);
  const counts = useMemo(() => Object.fromEntries(STATUSES.map((s) => [s, all.filter((x) => x.status === s).length])), [all]);
  const shown = filter ? all.filter((x) => x.status === filter) : all;
  const newLabel = kind === 'achievement' ? t('mk.workbench.newAchievement') : t('mk.workbench.newDemand');
  const create = <Button type="primary" onClick={() => navigate(`${PAGE[kind]}/new`)} data-testid={`wb-new-${kind}`}>{newLabel}</Button>;
  return (
    <div>
      <div className="kft-toolbar">
        <div className="kft-wb-filter">
          <Segmented value={filter} onChange={(v) => setFilter(v as '' | ItemStatus)} aria-label={t('mk.workbench.filter')} data-testid={`wb-filter-${kind}`}
            options={[{ value: '', label: <span>{t('common.all')}<Count n={all.length} /></span> },
              ...STATUSES.map((s) => ({ value: s, label: <span>{t(`mk.status.${s}`)}<Count n={counts[s]} /></span> }))]} />
        </div>
        {create}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      {!list.data && !list.error && <Loading />}
      {list.data && shown.length === 0 && (
        <Empty description={filter ? t('mk.workbench.empty.filtered') : t(`mk.workbench.empty.${kind}`)}>{!filter && create}</Empty>
      )}
      <section data-testid={`wb-list-${kind}`} data-loading={list.loading ? 'true' : 'false'}>
        {shown.map((x) => <ListingCard key={x.id} kind={kind} item={x} onChanged={list.reload} />)}
      </section>
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination align="center" current={page} pageSize={PAGE_SIZE} total={list.data.total} showSizeChanger={false} onChange={setPage} />
      )}
    </div>
  );
}

// ------------------------------------------------------------------ review queue (city admins)

function ReviewCard({ kind, item, onDone }: { kind: Kind; item: Listing; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'approve' | 'return' | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sep = t('common.msgSep');
  const reasonId = `return-reason-${kind}-${item.id}`;

  async function review(approve: boolean) {
    setBusy(approve ? 'approve' : 'return'); setError(null); setReasonError(null);
    try {
      await api(`${BASE[kind]}/${item.id}/review`, { method: 'POST', json: approve ? { approve: true } : { approve: false, reason: reason.trim() } });
      message.success(t(approve ? 'mk.workbench.review.approved' : 'mk.workbench.review.returned', { title: item.title }));
      onDone();
    } catch (e) {
      const own = e instanceof ApiError ? e.fields.filter((f) => f.path === 'reason' || f.path.endsWith('.reason')) : [];
      if (!approve && own.length) setReasonError(own.map((f) => f.message).join(sep));
      else setError(errorText(e, sep));
    } finally { setBusy(null); }
  }

  return (
    <Card size="small" className="kft-result" data-testid="review-item" data-kind={kind} data-id={item.id}>
      <div className="kft-wb-row">
        <div className="kft-wb-main">
          <div className="kft-title-row">
            <Tag color={kind === 'achievement' ? 'blue' : 'orange'}>{t(`mk.kindOne.${kind}`)}</Tag>
            <h3 className="kft-wb-title"><Link to={`${PAGE[kind]}/${item.id}`}>{item.title}</Link></h3>
          </div>
          <div className="kft-meta" style={{ marginTop: 2 }}>{t('mk.workbench.review.submitted', { org: orgOf(item), date: fmtDateTime(stamp(item), en) })}</div>
        </div>
        {!returning && (
          <Space wrap size={8} className="kft-wb-actions">
            <Button type="primary" loading={busy === 'approve'} onClick={() => review(true)} data-testid="review-approve">{t('mk.action.approve')}</Button>
            <Button onClick={() => { setReturning(true); setReasonError(null); }} data-testid="review-return">{t('mk.action.return')}</Button>
          </Space>
        )}
      </div>
      <p className="kft-snippet" style={{ marginTop: 6 }}>{textOf(item)}</p>
      {returning && (
        <Form layout="vertical" component="div" className="kft-wb-return">
          <Form.Item label={t('mk.workbench.review.reason')} htmlFor={reasonId} required validateStatus={reasonError ? 'error' : undefined} help={reasonError ?? undefined} style={{ marginBottom: 8 }}>
            <Input.TextArea id={reasonId} rows={2} maxLength={500} value={reason} autoFocus placeholder={t('mk.workbench.review.reasonPlaceholder')}
              onChange={(e) => { setReason(e.target.value); if (reasonError) setReasonError(null); }} data-testid="review-reason" />
          </Form.Item>
          <Space wrap size={8}>
            <Button type="primary" danger loading={busy === 'return'} onClick={() => review(false)} data-testid="review-return-confirm">{t('mk.workbench.review.confirmReturn')}</Button>
            <Button onClick={() => { setReturning(false); setReasonError(null); }}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {error && <Alert type="error" showIcon className="kft-wb-note" role="alert" title={error} />}
    </Card>
  );
}

function ReviewQueue({ achievements, demands }: { achievements: Loaded<ListResponse<Achievement>>; demands: Loaded<ListResponse<Demand>> }) {
  const { t } = useTranslation();
  const sections: { kind: Kind; list: Loaded<ListResponse<Listing>> }[] = [
    { kind: 'achievement', list: achievements as Loaded<ListResponse<Listing>> },
    { kind: 'demand', list: demands as Loaded<ListResponse<Listing>> },
  ];
  const loaded = !!achievements.data && !!demands.data;
  const none = loaded && achievements.data!.items.length === 0 && demands.data!.items.length === 0;
  return (
    <div>
      <p className="kft-meta" style={{ marginTop: 0 }}>{t('mk.workbench.review.help')}</p>
      {[achievements.error, demands.error].filter(Boolean).map((e, i) => <Alert key={i} type="error" showIcon title={e} style={{ marginBottom: 12 }} />)}
      {!loaded && !achievements.error && !demands.error && <Loading />}
      {none && <Empty description={t('mk.workbench.review.empty')} data-testid="review-empty" />}
      {loaded && !none && sections.map(({ kind, list }) => (
        <section key={kind} data-testid={`review-${kind}`} style={{ marginBottom: 16 }}>
          <h2 className="kft-wb-section">{t(`mk.workbench.review.${kind === 'achievement' ? 'achievements' : 'demands'}`)}<Count n={list.data!.total} /></h2>
          {list.data!.items.length === 0 && <p className="kft-meta">{t('mk.workbench.review.none')}</p>}
          {list.data!.items.map((x) => <ReviewCard key={x.id} kind={kind} item={x} onDone={list.reload} />)}
        </section>
      ))}
    </div>
  );
}

// ------------------------------------------------------------------ synonyms (city admins)

function TermsInput({ id, value, onChange, autoFocus }: { id: string; value: string[]; onChange: (v: string[]) => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Select id={id} mode="tags" open={false} suffixIcon={null} tokenSeparators={TERM_SEPARATORS} value={value} autoFocus={autoFocus}
      onChange={(v: string[]) => onChange(v.map((x) => x.trim()).filter(Boolean))} placeholder={t('mk.workbench.synonyms.termsPlaceholder')} style={{ flex: '1 1 240px', minWidth: 0, width: 'auto' }} />
  );
}

function SynonymRow({ group, flash, onChanged }: { group: SynonymGroup; flash: boolean; onChanged: (id: number | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [terms, setTerms] = useState(group.terms);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sep = t('common.msgSep');
  const label = group.terms.join(t('mk.workbench.synonyms.termSep'));
  const inputId = `synonym-${group.id}`;

  async function save() {
    setBusy(true); setError(null);
    try {
      await api(`/api/v1/synonyms/${group.id}`, { method: 'PUT', json: { terms } });
      message.success(t('mk.workbench.synonyms.saved'));
      setEditing(false);
      onChanged(group.id);
    } catch (e) { setError(errorText(e, sep)); } finally { setBusy(false); }
  }
  async function remove() {
    try {
      await api(`/api/v1/synonyms/${group.id}`, { method: 'DELETE' });
      message.success(t('mk.workbench.synonyms.deleted'));
      onChanged(null);
    } catch (e) { message.error(errorText(e, sep)); }
  }

  return (
    <li className={`kft-syn-group${flash ? ' kft-moved' : ''}`} data-testid="synonym-group" data-id={group.id} data-terms={group.terms.join(',')}>
      {editing ? (
        <Form layout="vertical" component="div" style={{ width: '100%' }}>
          <Form.Item label={t('mk.workbench.synonyms.editLabel', { terms: label })} htmlFor={inputId} validateStatus={error ? 'error' : undefined} help={error ?? undefined} style={{ marginBottom: 0 }}>
            <div className="kft-syn-edit">
              <TermsInput id={inputId} value={terms} onChange={(v) => { setTerms(v); setError(null); }} autoFocus />
              <Space size={8}>
                <Button type="primary" loading={busy} onClick={save} data-testid="synonym-save">{t('common.save')}</Button>
                <Button onClick={() => { setEditing(false); setTerms(group.terms); setError(null); }}>{t('common.cancel')}</Button>
              </Space>
            </div>
          </Form.Item>
        </Form>
      ) : (
        <>
          <div className="kft-tags kft-syn-terms">{group.terms.map((x) => <Tag key={x}>{x}</Tag>)}</div>
          <Space size={4}>
            <Button size="small" onClick={() => { setTerms(group.terms); setEditing(true); }} aria-label={t('mk.workbench.synonyms.editLabel', { terms: label })} data-testid="synonym-edit">{t('mk.action.edit')}</Button>
            <Popconfirm title={t('mk.workbench.synonyms.deleteConfirm')} okText={t('mk.workbench.synonyms.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={remove}>
              <Button size="small" danger aria-label={t('mk.workbench.synonyms.deleteLabel', { terms: label })} data-testid="synonym-delete">{t('mk.workbench.synonyms.delete')}</Button>
            </Popconfirm>
          </Space>
        </>
      )}
    </li>
  );
}

function Synonyms({ list }: { list: Loaded<{ items: SynonymGroup[] }> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [terms, setTerms] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [find, setFind] = useState('');
  const [flash, setFlash] = useState<number | null>(null);
  const sep = t('common.msgSep');
  const groups = list.data?.items ?? [];
  const needle = find.trim().toLowerCase();
  const shown = needle ? groups.filter((g) => g.terms.some((x) => x.toLowerCase().includes(needle))) : groups;

  useEffect(() => {
    if (flash === null) return;
    document.querySelector(`[data-testid="synonym-group"][data-id="${flash}"]`)?.scrollIntoView({ block: 'nearest' });
    const h = setTimeout(() => setFlash(null), 1800);
    return () => clearTimeout(h);
  }, [flash, list.data]);

  async function add() {
    setBusy(true); setError(null);
    try {
      const saved = await api<SynonymGroup>('/api/v1/synonyms', { method: 'POST', json: { terms } });
      message.success(t('mk.workbench.synonyms.added'));
      setTerms([]); setFind('');
      setFlash(saved?.id ?? null);
      list.reload();
    } catch (e) { setError(errorText(e, sep)); } finally { setBusy(false); }
  }
  const changed = (id: number | null) => { setFlash(id); list.reload(); };

  return (
    <div className="kft-syn-page">
      <Alert type="info" showIcon title={t('mk.workbench.synonyms.help')} style={{ marginBottom: 12 }} data-testid="synonym-help" />
      <Card size="small" title={<h2 className="kft-card-title">{t('mk.workbench.synonyms.add')}</h2>} style={{ marginBottom: 12 }}>
        <Form layout="vertical" component="div">
          <Form.Item label={t('mk.workbench.synonyms.terms')} htmlFor="synonym-new" validateStatus={error ? 'error' : undefined}
            help={error ? <span data-testid="synonym-error">{error}</span> : t('mk.workbench.synonyms.termsHelp')} style={{ marginBottom: 0 }}>
            <div className="kft-syn-edit">
              <TermsInput id="synonym-new" value={terms} onChange={(v) => { setTerms(v); setError(null); }} />
              <Button type="primary" loading={busy} onClick={add} data-testid="synonym-add">{t('mk.workbench.synonyms.addButton')}</Button>
            </div>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small"
        title={<h2 className="kft-card-title">{t('mk.workbench.synonyms.list')} <span className="kft-meta" style={{ fontWeight: 'normal' }}>{t('mk.workbench.synonyms.count', { count: groups.length })}</span></h2>}>
        <Input.Search allowClear value={find} onChange={(e) => setFind(e.target.value)} aria-label={t('mk.workbench.synonyms.find')} placeholder={t('mk.workbench.synonyms.find')}
          style={{ maxWidth: 320, marginBottom: 8 }} data-testid="synonym-find" />
        {list.error && <Alert type="error" showIcon title={list.error} />}
        {!list.data && !list.error && <Loading />}
        {list.data && shown.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={needle ? t('mk.workbench.synonyms.noMatch', { q: find.trim() }) : t('mk.workbench.synonyms.empty')} />}
        <ul className="kft-syn-list" data-testid="synonym-list">
          {shown.map((g) => <SynonymRow key={`${g.id}:${g.terms.join(',')}`} group={g} flash={flash === g.id} onChanged={changed} />)}
        </ul>
      </Card>
    </div>
  );
}

// ------------------------------------------------------------------ the page

export default function WorkbenchPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  const [sp, setSp] = useSearchParams();
  const orgId = user?.orgId && (user.role === 'org_member' || user.role === 'admin') ? user.orgId : null;
  const admin = user?.role === 'admin';
  const [pages, setPages] = useState<Record<Kind, number>>({ achievement: 1, demand: 1 });

  const mine = (kind: Kind) => (orgId ? `${BASE[kind]}?${qs({ owner: orgId, status: STATUSES, sort: 'newest', page: pages[kind], pageSize: PAGE_SIZE })}` : null);
  const myAchievements = useLoad<ListResponse<Listing>>(mine('achievement'));
  const myDemands = useLoad<ListResponse<Listing>>(mine('demand'));
  const queue = (kind: Kind) => (admin ? `${BASE[kind]}?${qs({ status: 'in_review', sort: 'newest', pageSize: PAGE_SIZE })}` : null);
  const reviewAchievements = useLoad<ListResponse<Achievement>>(queue('achievement'));
  const reviewDemands = useLoad<ListResponse<Demand>>(queue('demand'));
  const synonyms = useLoad<{ items: SynonymGroup[] }>(admin ? '/api/v1/synonyms' : null);

  const title = orgId ? t('mk.workbench.title') : t('mk.workbench.titleAdmin');
  useTitle(title);

  if (!ready) return <Loading />;
  if (!user) return <SignInPrompt />;
  if (!orgId && !admin) return <Result status="403" title="403" subTitle={t('mk.workbench.forbidden')} extra={<Link to="/search">{t('nav.market')}</Link>} />;

  const reviewCount = reviewAchievements.data && reviewDemands.data ? reviewAchievements.data.total + reviewDemands.data.total : null;
  const tabs: { key: TabKey; label: ReactNode; children: ReactNode }[] = [];
  if (orgId) {
    tabs.push({
      key: 'achievements', label: <span data-testid="wb-tab-achievements">{t('mk.workbench.tabs.achievements')}<Count n={myAchievements.data?.total} /></span>,
      children: <MyListings kind="achievement" list={myAchievements} page={pages.achievement} setPage={(n) => setPages((p) => ({ ...p, achievement: n }))} />,
    });
    tabs.push({
      key: 'demands', label: <span data-testid="wb-tab-demands">{t('mk.workbench.tabs.demands')}<Count n={myDemands.data?.total} /></span>,
      children: <MyListings kind="demand" list={myDemands} page={pages.demand} setPage={(n) => setPages((p) => ({ ...p, demand: n }))} />,
    });
  }
  if (admin) {
    tabs.push({
      key: 'review', label: <span data-testid="wb-tab-review">{t('mk.workbench.tabs.review')}<Count n={reviewCount} /></span>,
      children: <ReviewQueue achievements={reviewAchievements} demands={reviewDemands} />,
    });
    tabs.push({
      key: 'synonyms', label: <span data-testid="wb-tab-synonyms">{t('mk.workbench.tabs.synonyms')}<Count n={synonyms.data?.items.length} /></span>,
      children: <Synonyms list={synonyms} />,
    });
  }
  const wanted = sp.get('tab') as TabKey | null;
  const active = tabs.find((x) => x.key === wanted)?.key ?? tabs[0].key;

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 4 }}>{title}</Typography.Title>
      <p className="kft-meta" style={{ marginTop: 0 }}>{orgId ? t('mk.workbench.help') : t('mk.workbench.helpAdmin')}</p>
      <Tabs activeKey={active} items={tabs} onChange={(k) => setSp((p) => { const n = new URLSearchParams(p); n.set('tab', k); return n; }, { replace: true })} />
    </div>
  );
}
