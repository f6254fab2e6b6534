import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Collapse, Empty, Grid, Input, Pagination, Row, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { qs } from '../../api/client';
import { useLoadedFor } from '../../lib/loadedFor';
import { orgListQuery } from './api';
import { useNames, useTitle } from '../../shell/context';
import DistrictMap from './components/DistrictMap';
import DirectoryFilters from './components/DirectoryFilters';
import OrgResultCard from './components/OrgResultCard';
import { filtersFromParams, LIST_KEYS, ORDERS, SORTS, type UpdateParams } from './directoryQuery';

export default function DirectoryPage() {
  const { t } = useTranslation();
  const names = useNames();
  const screens = Grid.useBreakpoint();
  useTitle(t('dir.title'));
  const [sp, setSp] = useSearchParams();
  const f = useMemo(() => filtersFromParams(sp), [sp]);
  const [qInput, setQInput] = useState(f.q);
  const pageSize = 20;

  useEffect(() => setQInput(f.q), [f.q]);

  const filters = useMemo(
    () => ({ q: f.q, category: f.category, district: f.district, cluster: f.cluster, kind: f.kind, recognition: f.recognition, sort: f.sort, order: f.order }),
    [f],
  );
  const filterQuery = useMemo(() => qs(filters), [filters]);
  const list = useQuery(orgListQuery({ ...filters, sort: SORTS.find((s) => s === f.sort), order: ORDERS.find((o) => o === f.order), page: f.page, pageSize }));
  const data = list.data ?? null;
  const error = list.error?.message ?? null;
  const loading = list.isFetching;
  const wanted = `${filterQuery}#${f.page}`;
  const loadedFor = useLoadedFor(wanted, list);

  const update = useCallback(
    (patch: Parameters<UpdateParams>[0]) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          const s = Array.isArray(v) ? v.join(',') : v === undefined ? '' : String(v);
          if (s) next.set(k, s);
          else next.delete(k);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setSp],
  );

  const effectiveCode = useCallback(
    (code: string) => {
      const d = names.division(code);
      return d?.validTo && d.successorCode ? d.successorCode : code;
    },
    [names],
  );

  const toggleDistrict = useCallback(
    (code: string) => {
      const eff = effectiveCode(code);
      const cur = filtersFromParams(new URLSearchParams(window.location.search)).district;
      update({ district: cur.includes(eff) ? cur.filter((c) => c !== eff) : [...cur, eff] });
    },
    [effectiveCode, update],
  );

  // A district chosen elsewhere (on the map) is scrolled into view in the district list's own scrolling box,
  // not the page: the list is 260 px high and the districts with few organizations sit far down.
  const districtBox = useRef<HTMLFieldSetElement>(null);
  const shownDistricts = useRef<string[]>(f.district);
  const [reveal, setReveal] = useState<string | null>(f.district[0] ?? null);
  useEffect(() => {
    const added = f.district.filter((c) => !shownDistricts.current.includes(c));
    shownDistricts.current = f.district;
    if (added.length) setReveal(added[added.length - 1]);
  }, [f.district]);
  useEffect(() => {
    const box = districtBox.current;
    const item = reveal ? box?.querySelector(`input[value="${reveal}"]`)?.closest('label') : null;
    // not before the list is drawn (from the divisions) and ordered by the counts, nor while it is folded away (narrow screens)
    if (!data || !names.currentDivisions.length || !box || !item || !box.clientHeight) return;
    const b = box.getBoundingClientRect(),
      r = item.getBoundingClientRect();
    if (r.top < b.top) box.scrollTop -= b.top - r.top;
    else if (r.bottom > b.bottom) box.scrollTop += r.bottom - b.bottom;
    setReveal(null);
  }, [reveal, names.currentDivisions, data]);

  const hasFilters = LIST_KEYS.some((k) => k !== 'sort' && k !== 'order' && sp.get(k));
  const nameOf = useCallback((c: string) => names.district(c), [names]);
  const countLabel = useCallback((n: number) => t('dir.total', { count: n }), [t]);
  const rangeLabel = useCallback((range: string) => t('dir.mapRange', { range }), [t]);

  const filterPanel = (
    <DirectoryFilters
      f={f}
      facets={data?.facets}
      hasFilters={hasFilters}
      update={update}
      onClear={() => setSp(new URLSearchParams())}
      districtBox={districtBox}
    />
  );

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('dir.title')}
      </Typography.Title>
      <search>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: qInput.trim() });
          }}
          style={{ marginBottom: 12 }}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Input
              type="search"
              allowClear
              aria-label={t('dir.searchLabel')}
              placeholder={t('dir.search')}
              value={qInput}
              onChange={(e) => {
                setQInput(e.target.value);
                if (!e.target.value && f.q) update({ q: '' });
              }}
              size="large"
              name="q"
            />
            <Button type="primary" htmlType="submit" size="large">
              {t('common.search')}
            </Button>
          </Space.Compact>
        </form>
      </search>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8} lg={7}>
          {screens.md === false ? (
            <Collapse size="small" items={[{ key: 'f', label: `${t('common.filters')}${hasFilters ? ' ●' : ''}`, children: filterPanel }]} />
          ) : (
            filterPanel
          )}
        </Col>
        <Col xs={24} md={16} lg={17}>
          <Card
            size="small"
            title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('dir.map')}</h2>}
            extra={screens.sm ? <span className="kft-meta">{t('dir.mapHint')}</span> : null}
            style={{ marginBottom: 12 }}
          >
            <DistrictMap
              facets={data?.facets.district ?? []}
              selected={f.district}
              effectiveCode={effectiveCode}
              nameOf={nameOf}
              onToggle={toggleDistrict}
              label={t('dir.mapLabel')}
              countLabel={countLabel}
              legendTitle={t('dir.mapLegend')}
              rangeLabel={rangeLabel}
              multiple
            />
          </Card>
          <div className="kft-toolbar">
            <strong data-testid="result-total" aria-live="polite">
              {data ? t(data.approximate ? 'dir.approxTotal' : 'dir.total', { count: data.total }) : ''}
            </strong>
            <Space wrap>
              <Select
                aria-label={t('common.sort')}
                style={{ width: 130 }}
                value={f.sort || (f.q ? 'relevance' : 'updated')}
                onChange={(v) => update({ sort: v })}
                options={SORTS.map((s) => ({ value: s, label: t(`dir.sortBy.${s}`) }))}
              />
              <Select
                aria-label={t('dir.order')}
                style={{ width: 140 }}
                value={f.order || ''}
                onChange={(v) => update({ order: v })}
                options={[{ value: '', label: t('dir.orderDefault') }, ...ORDERS.map((o) => ({ value: o, label: t(`dir.${o}`) }))]}
              />
              <Button href={`/api/v1/orgs/export?format=xlsx${filterQuery ? `&${filterQuery}` : ''}`} download data-testid="export-xlsx">
                {t('dir.exportXlsx')}
              </Button>
              <Button href={`/api/v1/orgs/export?format=csv${filterQuery ? `&${filterQuery}` : ''}`} download data-testid="export-csv">
                {t('dir.exportCsv')}
              </Button>
            </Space>
          </div>
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
          {data && (data.approximate || data.facetsApproximate) && (
            <Typography.Paragraph type="secondary" data-testid="approx-hint" style={{ marginBottom: 8 }}>
              {t('dir.approxHint')}
            </Typography.Paragraph>
          )}
          {data?.fuzzy && data.total > 0 && (
            <Alert type="info" showIcon data-testid="fuzzy-note" style={{ marginBottom: 12 }} title={t('dir.fuzzy', { q: f.q })} />
          )}
          <Spin spinning={loading}>
            <section
              aria-label={t('common.results')}
              data-testid="results"
              data-loading={loading ? 'true' : 'false'}
              data-loaded-for={loadedFor}
              data-wanted={wanted}
            >
              {data && data.items.length === 0 && <Empty description={t('dir.empty')} />}
              {data?.items.map((o) => (
                <OrgResultCard key={o.id} o={o} />
              ))}
            </section>
          </Spin>
          {data && data.total > 0 && (
            <Pagination
              style={{ marginTop: 12, flexWrap: 'wrap' }}
              current={f.page}
              pageSize={pageSize}
              total={data.total}
              showSizeChanger={false}
              simple={!screens.sm}
              size="small"
              showTotal={screens.sm ? (n) => t('dir.total', { count: n }) : undefined}
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
