/**
 * /instrument-stats — the sharing indicators of 大型科研仪器开放共享 for a period (this year by default), grouped by
 * instrument, owner or district; per-instrument-year figures are set against the national averages, drawn as bars,
 * and mapped by district (external service hours). "Export Excel" downloads the same query.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Grid, Input, Progress, Row, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { qs } from '../../api/client';
import { GROUP_BYS, statsQuery, type StatsRow } from './api';
import { useAuth, useNames, useTitle } from '../../shell/context';
import DistrictMap from '../directory/components/DistrictMap';
import StatsChart from './components/StatsChart';
import { SignInPrompt } from '../../shell/SignedIn';
import { addDays, num, shInstant, todaySh, yuan } from '../../lib/time';

/** Rates come as fractions (0.42 = 42 %). */
const pct = (v: number | null | undefined) => (v == null ? '—' : `${num(v * 100, 1)}%`);

function presets(today: string) {
  const y = Number(today.slice(0, 4));
  return {
    thisYear: { from: `${y}-01-01`, to: `${y}-12-31` },
    lastYear: { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
    last12: { from: addDays(today, -364), to: today },
  };
}

function Versus({ value, national }: { value: number; national: number }) {
  const { t } = useTranslation();
  const above = value >= national;
  return (
    <span className="kft-versus">
      {num(value, 0)}
      <Tag color={above ? 'green' : 'orange'} className="kft-versus-tag">
        {above ? '≥' : '<'} {t('stats.national')}
      </Tag>
    </span>
  );
}

export default function StatsPage() {
  const { t } = useTranslation();
  const c = t('common.sep'); // '：' in Chinese, ': ' in English
  const names = useNames();
  const { user, ready } = useAuth();
  const screens = Grid.useBreakpoint();
  const id = useId();
  useTitle(t('stats.title'));
  const [sp, setSp] = useSearchParams();
  const p = presets(todaySh());
  const groupBy = GROUP_BYS.find((g) => g === sp.get('groupBy')) ?? 'instrument';
  const from = sp.get('from') ?? p.thisYear.from;
  const to = sp.get('to') ?? p.thisYear.to;
  const district = sp.get('district') ?? '';
  const [range, setRange] = useState({ from, to });
  useEffect(() => setRange({ from, to }), [from, to]);
  // the period's end date is inclusive for people, exclusive for the API
  const period = useMemo(() => ({ from: shInstant(from, '00:00'), to: shInstant(addDays(to, 1), '00:00') }), [from, to]);
  const query = qs({ groupBy, ...period, district });
  const stats = useQuery({ ...statsQuery({ groupBy, ...period, district: district || undefined }), enabled: !!user });
  const data = stats.error ? null : (stats.data ?? null);
  const error = stats.error?.message ?? null;
  const loading = stats.isFetching;
  // the map always shows every district
  const byDistrict = useQuery({ ...statsQuery({ groupBy: 'district', ...period }), enabled: !!user }).data ?? null;

  const update = useCallback(
    (patch: Record<string, string>) =>
      setSp((prev) => {
        const n = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) n.set(k, v);
          else n.delete(k);
        }
        return n;
      }),
    [setSp],
  );
  const effectiveCode = useCallback(
    (code: string) => {
      const d = names.division(code);
      return d?.validTo && d.successorCode ? d.successorCode : code;
    },
    [names],
  );
  const nameOf = useCallback((c: string) => names.district(c), [names]);
  const mapLabel = useCallback((n: number) => t('stats.mapValue', { n: num(n, 0) }), [t]);
  const mapRange = useCallback((range: string) => t('stats.mapRange', { range }), [t]);
  const facets = useMemo(
    () => (byDistrict?.rows ?? []).filter((r) => r.districtCode || r.key).map((r) => ({ code: r.districtCode ?? r.key, count: Math.round(r.externalHours) })),
    [byDistrict],
  );

  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user) return <SignInPrompt />;

  const nat = data?.national ?? { workHoursPerYear: 1599, externalHoursPerYear: 273 };
  const h = (v: number) => num(v, 0);
  const columns = [
    { title: t(`stats.groupName.${groupBy}`), dataIndex: 'name', width: 200 },
    // owners' rows carry no district (an owner's instruments may stand in several): no column of dashes then
    ...(groupBy === 'instrument' || (groupBy === 'owner' && data?.rows.some((r) => r.districtCode))
      ? [{ title: t('inst.district'), dataIndex: 'districtCode', render: (c: string | null) => names.district(c), width: 90 }]
      : []),
    ...(groupBy !== 'instrument' ? [{ title: t('stats.instruments'), dataIndex: 'instruments', align: 'right' as const, width: 70 }] : []),
    { title: t('stats.openingHours'), dataIndex: 'openingHours', render: h, align: 'right' as const, width: 90 },
    { title: t('stats.bookedHours'), dataIndex: 'bookedHours', render: h, align: 'right' as const, width: 90 },
    { title: t('stats.workHours'), dataIndex: 'workHours', render: h, align: 'right' as const, width: 90 },
    { title: t('stats.externalHours'), dataIndex: 'externalHours', render: h, align: 'right' as const, width: 90 },
    { title: t('stats.utilisation'), dataIndex: 'utilisation', render: pct, align: 'right' as const, width: 80 },
    { title: t('stats.sharingRate'), dataIndex: 'sharingRate', render: pct, align: 'right' as const, width: 80 },
    { title: t('stats.outsideOrgs'), dataIndex: 'outsideOrgs', align: 'right' as const, width: 80 },
    { title: t('stats.income'), dataIndex: 'incomeFen', render: (v: number) => yuan(v), align: 'right' as const, width: 110 },
    {
      title: t('stats.workPerYear'),
      dataIndex: 'workHoursPerInstrumentYear',
      render: (v: number) => <Versus value={v} national={nat.workHoursPerYear} />,
      width: 140,
    },
    {
      title: t('stats.externalPerYear'),
      dataIndex: 'externalHoursPerInstrumentYear',
      render: (v: number) => <Versus value={v} national={nat.externalHoursPerYear} />,
      width: 140,
    },
  ];
  const totals = data?.totals;

  return (
    <div>
      <div className="kft-toolbar">
        <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 0 }}>
          {t('stats.title')}
        </Typography.Title>
        <Button href={`/api/v1/instrument-stats.xlsx?${query}`} download data-testid="stats-xlsx">
          {t('stats.exportXlsx')}
        </Button>
      </div>
      <Card size="small" style={{ margin: '12px 0' }}>
        <form
          className="kft-window"
          aria-label={t('stats.period')}
          onSubmit={(e) => {
            e.preventDefault();
            update(range);
          }}
        >
          <label className="kft-field" htmlFor={`${id}-from`}>
            <span>{t('stats.from')}</span>
            <Input id={`${id}-from`} type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          </label>
          <label className="kft-field" htmlFor={`${id}-to`}>
            <span>{t('stats.to')}</span>
            <Input id={`${id}-to`} type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
          </label>
          <Space wrap className="kft-field-actions">
            <Button type="primary" htmlType="submit">
              {t('stats.apply')}
            </Button>
            {(['thisYear', 'lastYear', 'last12'] as const).map((k) => (
              <Button key={k} onClick={() => update(p[k])}>
                {t(`stats.presets.${k}`)}
              </Button>
            ))}
          </Space>
        </form>
        <Space wrap style={{ marginTop: 10 }}>
          <Segmented
            aria-label={t('stats.groupBy')}
            value={groupBy}
            onChange={(v) => update({ groupBy: String(v) })}
            data-testid="group-by"
            options={GROUP_BYS.map((g) => ({ value: g, label: t(`stats.groupByOptions.${g}`) }))}
          />
          {district && (
            <Tag closable onClose={() => update({ district: '' })}>
              {names.district(district)}
            </Tag>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {totals && totals.instruments === 0 && !district && <Alert type="info" showIcon title={t('stats.noInstruments')} style={{ marginBottom: 12 }} />}
        {totals && (
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="stats-totals">
            {[
              { key: 'work', label: t('stats.workPerYear'), v: totals.workHoursPerInstrumentYear, n: nat.workHoursPerYear },
              { key: 'ext', label: t('stats.externalPerYear'), v: totals.externalHoursPerInstrumentYear, n: nat.externalHoursPerYear },
            ].map((x) => (
              <Col xs={24} md={12} key={x.key}>
                <Card size="small">
                  <div className="kft-meta">{x.label}</div>
                  <div className="kft-big">
                    {num(x.v, 0)} <span className="kft-meta">/ {t('stats.nationalAvg', { n: x.n })}</span>
                  </div>
                  <Progress
                    percent={Math.min(100, Math.round((x.v / x.n) * 100))}
                    format={() => `${num((x.v / x.n) * 100, 0)}%`}
                    aria-label={x.label}
                    strokeColor={x.v >= x.n ? '#389e0d' : '#d46b08'}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={24}>
              <Card size="small">
                <Space wrap size={[24, 8]}>
                  <span>
                    {t('stats.instruments')}
                    {c}
                    <strong>{totals.instruments}</strong>
                  </span>
                  <span>
                    {t('stats.workHours')}
                    {c}
                    <strong>{h(totals.workHours)}</strong>
                  </span>
                  <span>
                    {t('stats.externalHours')}
                    {c}
                    <strong>{h(totals.externalHours)}</strong>
                  </span>
                  <span>
                    {t('stats.utilisation')}
                    {c}
                    <strong>{pct(totals.utilisation)}</strong>
                  </span>
                  <span>
                    {t('stats.sharingRate')}
                    {c}
                    <strong>{pct(totals.sharingRate)}</strong>
                  </span>
                  <span>
                    {t('stats.outsideOrgs')}
                    {c}
                    <strong>{totals.outsideOrgs}</strong>
                  </span>
                  <span>
                    {t('stats.income')}
                    {c}
                    <strong>{yuan(totals.incomeFen)}</strong>
                  </span>
                  <span className="kft-meta">{t('stats.years', { n: num(data!.years, 2) })}</span>
                </Space>
              </Card>
            </Col>
          </Row>
        )}
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={24} lg={14}>
            <Card size="small" title={<h2 className="kft-card-title">{t('stats.chartTitle')}</h2>}>
              {data?.rows.length ? <StatsChart stats={data} compact={!screens.md} /> : <p className="kft-meta">{t('stats.noData')}</p>}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={<h2 className="kft-card-title">{t('stats.mapTitle')}</h2>}>
              <DistrictMap
                facets={facets}
                selected={district ? [district] : []}
                effectiveCode={effectiveCode}
                nameOf={nameOf}
                onToggle={(c) => {
                  const e = effectiveCode(c);
                  update({ district: e === district ? '' : e });
                }}
                label={t('stats.mapLabel')}
                countLabel={mapLabel}
                legendTitle={t('stats.mapLegend')}
                rangeLabel={mapRange}
              />
              <p className="kft-meta" style={{ margin: 0 }}>
                {t('stats.mapHint')}
              </p>
            </Card>
          </Col>
        </Row>
        <Card size="small" title={<h2 className="kft-card-title">{t(`stats.tableTitle.${groupBy}`)}</h2>}>
          {/* the wrapper scrolls (and takes keyboard focus for it) rather than the table's own scroller; the pager sits at
              the start, where it is seen without scrolling the 1300 px wide table sideways */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take keyboard focus to be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable) */}
          <section className="kft-table-wrap" tabIndex={0} aria-label={t(`stats.tableTitle.${groupBy}`)}>
            <Table<StatsRow>
              size="small"
              rowKey="key"
              dataSource={data?.rows ?? []}
              columns={columns}
              style={{ minWidth: 1300 }}
              data-testid="stats-table"
              pagination={{ pageSize: 20, showSizeChanger: false, size: 'small', hideOnSinglePage: true, placement: ['bottomStart'] }}
            />
          </section>
        </Card>
      </Spin>
    </div>
  );
}
