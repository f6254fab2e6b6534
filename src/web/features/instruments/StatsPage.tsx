/**
 * /instrument-stats — the sharing indicators of 大型科研仪器开放共享 for a period (this year by default), grouped by
 * instrument, owner or district; per-instrument-year figures are set against the national averages, drawn as bars,
 * and mapped by district (external service hours). "Export Excel" downloads the same query.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Grid, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { qs } from '../../api/client';
import { GROUP_BYS, statsQuery } from './api';
import { useAuth, useNames, useTitle } from '../../shell/context';
import DistrictMap from '../directory/components/DistrictMap';
import StatsChart from './components/StatsChart';
import StatsPeriodCard from './components/StatsPeriodCard';
import StatsTable from './components/StatsTable';
import StatsTotals from './components/StatsTotals';
import { SignInPrompt } from '../../shell/SignedIn';
import { addDays, num, shInstant, todaySh } from '../../lib/time';
import { presets } from './statsPeriod';

export default function StatsPage() {
  const { t } = useTranslation();
  const names = useNames();
  const { user, ready } = useAuth();
  const screens = Grid.useBreakpoint();
  useTitle(t('stats.title'));
  const [sp, setSp] = useSearchParams();
  const p = presets(todaySh());
  const groupBy = GROUP_BYS.find((g) => g === sp.get('groupBy')) ?? 'instrument';
  const from = sp.get('from') ?? p.thisYear.from;
  const to = sp.get('to') ?? p.thisYear.to;
  const district = sp.get('district') ?? '';
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
      <StatsPeriodCard from={from} to={to} p={p} groupBy={groupBy} district={district} update={update} />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {totals && totals.instruments === 0 && !district && <Alert type="info" showIcon title={t('stats.noInstruments')} style={{ marginBottom: 12 }} />}
        {totals && <StatsTotals totals={totals} years={data!.years} nat={nat} />}
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
        <StatsTable groupBy={groupBy} data={data} nat={nat} />
      </Spin>
    </div>
  );
}
