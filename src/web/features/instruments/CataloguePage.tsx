/**
 * /instruments — the shared-instrument catalogue: text search (traditional or simplified), facets by class and
 * district, kind / sharing mode / price filters, and "free between" (date, time range, minimum hours), which
 * shows each instrument's free stretches and lets the user put one straight into the cart.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Empty,
  Grid,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { qs } from '../../api/client';
import { useLoadedFor } from '../../lib/loadedFor';
import { INSTRUMENT_KINDS, instrumentListQuery, SHARING_MODES, type InstrumentQuery, type InstrumentSummary } from './api';
import { useAuth, useNames, useTitle } from '../../shell/context';
import BookingForm from '../bookings/components/BookingForm';
import { useClasses, usePrice } from './shared';
import { addDays, fmtSpan, num, shInstant, todaySh, toFen } from '../../lib/time';

/** The sort choices, in the order the select lists them (a runtime list of the query's generated `sort`) */
const SORTS = ['relevance', 'name', 'price', 'value', 'updated'] as const satisfies readonly NonNullable<InstrumentQuery['sort']>[];
const PAGE_SIZE = 20;

function read(sp: URLSearchParams) {
  const list = (k: string) => (sp.get(k) ? sp.get(k)!.split(',').filter(Boolean) : []);
  const n = (k: string) => (sp.get(k) !== null && sp.get(k) !== '' && !Number.isNaN(Number(sp.get(k))) ? Number(sp.get(k)) : null);
  return {
    q: sp.get('q') ?? '',
    classes: list('class'),
    districts: list('district'),
    kind: sp.get('kind') ?? '',
    mode: sp.get('sharingMode') ?? '',
    priceMin: n('priceMin'),
    priceMax: n('priceMax'),
    date: sp.get('date') ?? '',
    from: sp.get('from') ?? '',
    to: sp.get('to') ?? '',
    minHours: n('minHours'),
    owner: sp.get('owner') ?? '',
    sort: sp.get('sort') ?? '',
    page: Number(sp.get('page') ?? 1) || 1,
  };
}

export default function CataloguePage() {
  const { t } = useTranslation();
  const c = t('common.sep'); // '：' in Chinese, ': ' in English
  const names = useNames();
  const cls = useClasses();
  const price = usePrice();
  const { user } = useAuth();
  const screens = Grid.useBreakpoint();
  const id = useId();
  useTitle(t('inst.title'));
  const [sp, setSp] = useSearchParams();
  const f = useMemo(() => read(sp), [sp]);
  const [qInput, setQInput] = useState(f.q);
  const [priceIn, setPriceIn] = useState<[number | null, number | null]>([f.priceMin, f.priceMax]);
  const [win, setWin] = useState({ date: f.date || addDays(todaySh(), 1), from: f.from || '09:00', to: f.to || '12:00', minHours: f.minHours });
  const [adding, setAdding] = useState<InstrumentSummary | null>(null);

  useEffect(() => setQInput(f.q), [f.q]);
  useEffect(() => setPriceIn([f.priceMin, f.priceMax]), [f.priceMin, f.priceMax]);

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
    (patch: Record<string, string | string[] | number | null | undefined>) => {
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

  const classCounts = new Map(data?.facets.class.map((x) => [x.code, x.count]) ?? []);
  const districtCounts = new Map(data?.facets.district.map((x) => [x.code, x.count]) ?? []);
  // the free-time window has its own card and reset button, so it does not count here
  const hasFilters = ['q', 'class', 'district', 'owner', 'kind', 'sharingMode', 'priceMin', 'priceMax'].some((k) => sp.get(k));
  const ownerName = f.owner ? (data?.items.find((i) => String(i.ownerOrgId) === f.owner)?.ownerName ?? `#${f.owner}`) : '';
  const windowBad = win.to <= win.from && win.to !== '24:00' ? t('inst.windowOrder') : null;

  const filters = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <h2 className="kft-card-title" id="facet-class">
            {t('inst.class')}
          </h2>
        }
      >
        <fieldset className="kft-fieldset kft-facet" aria-labelledby="facet-class" data-testid="class-facet">
          <Checkbox.Group
            value={f.classes}
            onChange={(v) => update({ class: v as string[] })}
            options={cls.classes.map((c) => ({ value: c.code, label: `${cls.name(c.code)} (${classCounts.get(c.code) ?? 0})` }))}
          />
        </fieldset>
      </Card>
      <Card
        size="small"
        title={
          <h2 className="kft-card-title" id="facet-idist">
            {t('common.districts')}
          </h2>
        }
      >
        <fieldset className="kft-fieldset kft-facet" aria-labelledby="facet-idist">
          <Checkbox.Group
            value={f.districts}
            onChange={(v) => update({ district: v as string[] })}
            options={names.currentDivisions
              .map((d) => ({ value: d.code, label: `${names.district(d.code)} (${districtCounts.get(d.code) ?? 0})`, count: districtCounts.get(d.code) ?? 0 }))
              .filter((d) => d.count > 0 || f.districts.includes(d.value))
              .sort((a, b) => b.count - a.count)
              .map(({ value, label }) => ({ value, label }))}
          />
        </fieldset>
      </Card>
      <Card size="small" title={<h2 className="kft-card-title">{t('common.filters')}</h2>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            aria-label={t('inst.kind')}
            style={{ width: '100%' }}
            value={f.kind}
            onChange={(v) => update({ kind: v })}
            options={[{ value: '', label: t('inst.anyKind') }, ...INSTRUMENT_KINDS.map((k) => ({ value: k, label: t(`inst.kinds.${k}`) }))]}
          />
          <Select
            aria-label={t('inst.sharingMode')}
            style={{ width: '100%' }}
            value={f.mode}
            onChange={(v) => update({ sharingMode: v })}
            options={[{ value: '', label: t('inst.anyMode') }, ...SHARING_MODES.map((k) => ({ value: k, label: t(`inst.modes.${k}`) }))]}
          />
          <fieldset className="kft-fieldset">
            <legend className="kft-meta">{t('inst.priceRange')}</legend>
            <Space.Compact style={{ width: '100%' }}>
              <InputNumber
                aria-label={t('inst.priceMin')}
                placeholder={t('inst.priceMin')}
                min={0}
                precision={2}
                value={priceIn[0]}
                onChange={(v) => setPriceIn([v, priceIn[1]])}
                style={{ width: '50%' }}
              />
              <InputNumber
                aria-label={t('inst.priceMax')}
                placeholder={t('inst.priceMax')}
                min={0}
                precision={2}
                value={priceIn[1]}
                onChange={(v) => setPriceIn([priceIn[0], v])}
                style={{ width: '50%' }}
              />
            </Space.Compact>
            <Button size="small" style={{ marginTop: 6 }} onClick={() => update({ priceMin: priceIn[0], priceMax: priceIn[1] })}>
              {t('inst.applyPrice')}
            </Button>
          </fieldset>
          {hasFilters && (
            <Button block onClick={() => setSp(new URLSearchParams())}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );

  const availability = (
    <Card size="small" className="kft-result" title={<h2 className="kft-card-title">{t('inst.freeBetween')}</h2>}>
      <form
        className="kft-window"
        aria-label={t('inst.freeBetween')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!windowBad) update({ date: win.date, from: win.from, to: win.to, minHours: win.minHours });
        }}
      >
        <label className="kft-field" htmlFor={`${id}-date`}>
          <span>{t('inst.date')}</span>
          <Input id={`${id}-date`} type="date" value={win.date} onChange={(e) => setWin({ ...win, date: e.target.value })} data-testid="free-date" />
        </label>
        <label className="kft-field" htmlFor={`${id}-from`}>
          <span>{t('inst.fromTime')}</span>
          <Input id={`${id}-from`} type="time" step={900} value={win.from} onChange={(e) => setWin({ ...win, from: e.target.value })} data-testid="free-from" />
        </label>
        <label className="kft-field" htmlFor={`${id}-to`}>
          <span>{t('inst.toTime')}</span>
          <Input id={`${id}-to`} type="time" step={900} value={win.to} onChange={(e) => setWin({ ...win, to: e.target.value })} data-testid="free-to" />
        </label>
        <label className="kft-field" htmlFor={`${id}-hours`}>
          <span>{t('inst.minHours')}</span>
          <InputNumber
            id={`${id}-hours`}
            min={0.25}
            max={24}
            step={0.5}
            value={win.minHours}
            onChange={(v) => setWin({ ...win, minHours: v })}
            placeholder={t('inst.minHoursAny')}
            data-testid="free-min-hours"
            style={{ width: '100%' }}
          />
        </label>
        <Space className="kft-field-actions">
          <Button type="primary" htmlType="submit" disabled={!!windowBad || !win.date} data-testid="free-search">
            {t('inst.findFree')}
          </Button>
          {windowOn && <Button onClick={() => update({ date: '', from: '', to: '', minHours: '' })}>{t('inst.anyTime')}</Button>}
        </Space>
      </form>
      {windowBad && (
        <div className="kft-error-text" role="alert">
          {windowBad}
        </div>
      )}
      <p className="kft-meta" style={{ margin: '6px 0 0' }}>
        {windowOn ? t('inst.windowActive', { span: fmtSpan(shInstant(f.date, f.from), shInstant(f.date, f.to)) }) : t('inst.windowHint')}
      </p>
    </Card>
  );

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
          {availability}
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
                <Card key={i.id} size="small" className="kft-result" data-testid="instrument-card" data-id={i.id} data-owner={i.ownerOrgId}>
                  <div className="kft-result-head">
                    <div className="kft-grow">
                      <h3 style={{ margin: 0 }}>
                        <Link to={`/instruments/${i.id}`} className="kft-result-name" data-testid="instrument-name">
                          {i.name}
                        </Link>
                      </h3>
                      <div className="kft-meta">{[i.model, i.manufacturer].filter(Boolean).join(' · ') || t('common.none')}</div>
                      <div className="kft-meta">
                        {t('inst.owner')}
                        {c}
                        <Link to={`/instruments?owner=${i.ownerOrgId}`} className="kft-meta-link">
                          {i.ownerName}
                        </Link>
                      </div>
                    </div>
                    <div className="kft-price" data-testid="instrument-price">
                      {price(i.priceExternalFen, i.priceUnit)}
                    </div>
                  </div>
                  <div className="kft-tags" style={{ marginTop: 6 }}>
                    <Tag color="blue">{cls.name(i.classCode, i.className)}</Tag>
                    <Tag>{names.district(i.districtCode)}</Tag>
                    <Tag>{t(`inst.kinds.${i.kind}`)}</Tag>
                    <Tag>{t(`inst.modes.${i.sharingMode}`)}</Tag>
                    {i.needsApproval ? <Tag color="orange">{t('inst.needsApproval')}</Tag> : <Tag color="green">{t('inst.instant')}</Tag>}
                    {i.needsTraining && <Tag color="purple">{t('inst.needsTraining')}</Tag>}
                    {i.status && i.status !== 'in_service' && <Tag color="red">{t(`inst.statuses.${i.status}`)}</Tag>}
                  </div>
                  {windowOn && i.freeSlots && (
                    <div className="kft-free" data-testid="free-slots">
                      <span className="kft-meta">
                        {t('inst.freeSlots')}
                        {c}
                      </span>
                      {i.freeSlots.map((s) => (
                        <Tag key={s.start} color="green" className="kft-slot">
                          {fmtSpan(s.start, s.end)}
                        </Tag>
                      ))}
                      {i.longestFreeHours != null && <span className="kft-meta">{t('inst.longest', { h: num(i.longestFreeHours, 1) })}</span>}
                    </div>
                  )}
                  <Space wrap style={{ marginTop: 8 }}>
                    {i.sharingMode === 'members' && i.canBook === false ? (
                      <span className="kft-meta" data-testid="members-only">
                        {t('inst.membersOnlyShort')}
                      </span>
                    ) : (
                      <Button type="primary" size="small" onClick={() => setAdding(i)} data-testid="open-add" aria-label={`${t('bf.add')}${c}${i.name}`}>
                        {t('bf.add')}
                      </Button>
                    )}
                    <Link to={`/instruments/${i.id}`}>{t('inst.details')}</Link>
                  </Space>
                </Card>
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
