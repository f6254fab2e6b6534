/**
 * /instruments — the shared-instrument catalogue: text search (traditional or simplified), facets by class and
 * district, kind / sharing mode / price filters, and "free between" (date, time range, minimum hours), which
 * shows each instrument's free stretches and lets the user put one straight into the cart.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Collapse, Empty, Grid, Input, Modal, Pagination, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { qs } from '../../api/client';
import { useLoadedFor } from '../../lib/loadedFor';
import { instrumentListQuery, type InstrumentQuery, type InstrumentSummary } from './api';
import { useAuth, useTitle } from '../../shell/context';
import BookingForm from '../bookings/components/BookingForm';
import { shInstant, toFen } from '../../lib/time';
import { PAGE_SIZE, read, SORTS, type UpdateParams } from './catalogueQuery';
import CatalogueFilters from './components/CatalogueFilters';
import FreeWindowCard from './components/FreeWindowCard';
import InstrumentResultCard from './components/InstrumentResultCard';

export default function CataloguePage() {
  const { t } = useTranslation();
  const c = t('common.sep'); // '：' in Chinese, ': ' in English
  const { user } = useAuth();
  const screens = Grid.useBreakpoint();
  useTitle(t('inst.title'));
  const [sp, setSp] = useSearchParams();
  const f = useMemo(() => read(sp), [sp]);
  const [qInput, setQInput] = useState(f.q);
  const [adding, setAdding] = useState<InstrumentSummary | null>(null);

  useEffect(() => setQInput(f.q), [f.q]);

  const windowOn = !!(f.date && f.from && f.to);
  const query = useMemo(
    (): InstrumentQuery => ({
      q: f.q,
      class: f.classes.join(','),
      district: f.districts.join(','),
      owner: f.owner ? Number(f.owner) : undefined,
      kind: f.kind,
      sharingMode: f.mode,
      sort: SORTS.find((s) => s === f.sort),
      priceMin: toFen(f.priceMin) ?? undefined,
      priceMax: toFen(f.priceMax) ?? undefined,
      freeFrom: windowOn ? shInstant(f.date, f.from) : undefined,
      freeTo: windowOn ? shInstant(f.date, f.to) : undefined,
      minHours: windowOn ? (f.minHours ?? undefined) : undefined,
    }),
    [f, windowOn],
  );
  const apiQuery = useMemo(() => qs(query as Record<string, unknown>), [query]);
  const list = useQuery(instrumentListQuery({ ...query, page: f.page, pageSize: PAGE_SIZE }));
  const data = list.data ?? null;
  const error = list.error?.message ?? null;
  const loading = list.isFetching;
  const wanted = `${apiQuery}#${f.page}`;
  const loadedFor = useLoadedFor(wanted, list);

  const update = useCallback(
    (patch: Parameters<UpdateParams>[0]) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          const s = Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v);
          if (s) next.set(k, s);
          else next.delete(k);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setSp],
  );

  // the free-time window has its own card and reset button, so it does not count here
  const hasFilters = ['q', 'class', 'district', 'owner', 'kind', 'sharingMode', 'priceMin', 'priceMax'].some((k) => sp.get(k));
  const ownerName = f.owner ? (data?.items.find((i) => String(i.ownerOrgId) === f.owner)?.ownerName ?? `#${f.owner}`) : '';
  const filters = <CatalogueFilters f={f} facets={data?.facets} hasFilters={hasFilters} update={update} onClear={() => setSp(new URLSearchParams())} />;

  return (
    <div>
      <div className="kft-toolbar">
        <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 0 }}>
          {t('inst.title')}
        </Typography.Title>
        {user && (user.role === 'admin' || user.orgId) && <Link to="/instruments/new">+ {t('inst.new')}</Link>}
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
              aria-label={t('inst.searchLabel')}
              placeholder={t('inst.search')}
              value={qInput}
              size="large"
              name="q"
              onChange={(e) => {
                setQInput(e.target.value);
                if (!e.target.value && f.q) update({ q: '' });
              }}
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
            <Collapse size="small" items={[{ key: 'f', label: `${t('common.filters')}${hasFilters ? ' ●' : ''}`, children: filters }]} />
          ) : (
            filters
          )}
        </Col>
        <Col xs={24} md={16} lg={17}>
          <FreeWindowCard f={f} windowOn={windowOn} update={update} />
          <div className="kft-toolbar">
            <Space wrap>
              <strong data-testid="result-total" aria-live="polite">
                {data ? t('inst.total', { count: data.total }) : ''}
              </strong>
              {f.owner && (
                <Tag closable={{ closeIcon: '×', 'aria-label': t('inst.clearOwner') }} onClose={() => update({ owner: '' })} data-testid="owner-filter">
                  {t('inst.owner')}
                  {c}
                  {ownerName}
                </Tag>
              )}
            </Space>
            <Select
              aria-label={t('common.sort')}
              style={{ width: 140 }}
              value={f.sort || (f.q ? 'relevance' : 'updated')}
              onChange={(v) => update({ sort: v })}
              options={SORTS.map((s) => ({ value: s, label: t(`inst.sortBy.${s}`) }))}
            />
          </div>
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} role="alert" />}
          {data?.fuzzy && data.total > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('inst.fuzzy', { q: f.q })} />}
          <Spin spinning={loading}>
            <section
              aria-label={t('common.results')}
              data-testid="results"
              data-loading={loading ? 'true' : 'false'}
              data-loaded-for={loadedFor}
              data-wanted={wanted}
            >
              {data && data.items.length === 0 && <Empty description={windowOn ? t('inst.emptyFree') : t('inst.empty')} />}
              {data?.items.map((i) => (
                <InstrumentResultCard key={i.id} i={i} windowOn={windowOn} onAdd={setAdding} />
              ))}
            </section>
          </Spin>
          {data && data.total > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 12 }}
              current={f.page}
              pageSize={PAGE_SIZE}
              total={data.total}
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
      <Modal
        open={!!adding}
        title={adding ? t('bf.dialogTitle', { name: adding.name }) : ''}
        footer={null}
        onCancel={() => setAdding(null)}
        destroyOnHidden
        width={480}
      >
        {adding && (
          <>
            {!windowOn && (
              <p className="kft-meta">
                {t('bf.noWindowHint')} <Link to={`/instruments/${adding.id}`}>{t('bf.seeCalendar')}</Link>
              </p>
            )}
            <BookingForm
              instrument={adding}
              freeSlots={windowOn ? adding.freeSlots : undefined}
              initial={windowOn ? adding.freeSlots?.[0] : null}
              onAdded={() => setAdding(null)}
            />
          </>
        )}
      </Modal>
    </div>
  );
}
