/**
 * 监测看板: the city's, a district's or a cluster's dashboard in one request — every indicator of the scope with its
 * latest figure, progress to its targets and its trend; the market entities by category and on the district map;
 * the clusters compared. Every view exports to .xlsx (one workbook, a sheet per view). Public, as the indicators
 * are; a district office opens on its own district.
 */
import { useCallback, useMemo } from 'react';
import { Alert, Button, Card, Col, Progress as Bar, Row, Segmented, Select, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { useAuth, useNames, useTitle } from '../../shell/context';
import DistrictMap from '../directory/components/DistrictMap';
import { dashboardQuery, dashboardXlsxUrl, type Dashboard, type DashboardIndicator } from './api';
import { useFigure } from './format';
import ProgressCell from './components/ProgressCell';
import Sparkline from './components/Sparkline';
import './statistics.css';

type Kind = Dashboard['kind'];
const kindOf = (scope: string): Kind => (scope === 'chongqing' ? 'city' : scope.startsWith('cluster:') ? 'cluster' : 'district');

/** /dashboards: the city's for everyone, the district office's own district for a district office. */
export function DashboardHome() {
  const { user } = useAuth();
  const scope = user?.role === 'district_admin' && user.districtCode ? `district:${user.districtCode}` : 'chongqing';
  return <Navigate to={`/dashboards/${scope}`} replace />;
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { scope = 'chongqing' } = useParams();
  const navigate = useNavigate();
  const names = useNames();
  const figure = useFigure();
  const { data, error, isLoading } = useQuery(dashboardQuery(scope));
  const place = data ? (en ? data.nameEn : data.nameZh) : '';
  useTitle(place ? t('dash.titleOf', { place }) : t('dash.title'));
  const kind = kindOf(scope);
  const name = (i: DashboardIndicator) => (en ? i.nameEn : i.nameZh);
  const { user } = useAuth();
  // 区县 opens the district office's own district; for everyone else 渝中区, the district whose plan (004) sets targets
  const ownDistrict = user?.role === 'district_admin' && user.districtCode ? `district:${user.districtCode}` : 'district:500103';

  const districtOptions = useMemo(
    () => names.currentDivisions.map((d) => ({ value: `district:${d.code}`, label: (en ? d.nameEn : null) ?? d.name })),
    [names.currentDivisions, en],
  );
  const clusterOptions = useMemo(() => (names.ref?.clusters ?? []).map((c) => ({ value: `cluster:${c.id}`, label: c.name })), [names.ref]);

  const effectiveCode = useCallback(
    (code: string) => {
      const d = names.division(code);
      return d?.validTo && d.successorCode ? d.successorCode : code;
    },
    [names],
  );
  const nameOf = useCallback((c: string) => names.district(c), [names]);
  const facets = useMemo(() => (data?.districts ?? []).map((d) => ({ code: d.code, count: d.entities })), [data]);

  const columns: ColumnsType<DashboardIndicator> = [
    {
      title: t('stats14.indicator'),
      key: 'name',
      render: (_, i) => (
        <div>
          <span className="kft-ind-name" title={(en ? i.definitionEn : i.definitionZh) || undefined}>
            {name(i)}
          </span>
          {i.source && <div className="kft-meta">{t('stats14.doc', { code: i.source })}</div>}
        </div>
      ),
    },
    {
      title: t('stats14.latest'),
      key: 'latest',
      render: (_, i) =>
        i.latest ? (
          <div data-testid="indicator-latest">
            <strong>{figure(i.latest.value, i.unit)}</strong>
            <div className="kft-meta">
              {t('stats14.period', { period: i.latest.period })} · {t(`stats14.origins.${i.latest.origin}`)}
            </div>
          </div>
        ) : (
          <span className="kft-meta">{t('stats14.noValue')}</span>
        ),
    },
    { title: t('stats14.progress'), key: 'progress', width: 260, render: (_, i) => <ProgressCell indicator={i} showYear /> },
    {
      title: t('dash.trend'),
      key: 'trend',
      render: (_, i) => <Sparkline points={i.trend} label={t('dash.trendOf', { name: name(i), count: i.trend.length })} />,
    },
    {
      key: 'records',
      responsive: ['md'],
      render: (_, i) => i.records && <Link to={i.records}>{t('stats14.records')}</Link>,
    },
  ];

  const statusCount = (status: string) => (data?.indicators ?? []).filter((i) => i.progress.some((p) => p.status === status)).length;
  const maxCategory = Math.max(1, ...(data?.categories ?? []).map((c) => c.entities));

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {place ? t('dash.titleOf', { place }) : t('dash.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('dash.lead')}</Typography.Paragraph>
      <div className="kft-toolbar">
        <Segmented<Kind>
          aria-label={t('stats14.scope')}
          value={kind}
          onChange={(k) => navigate(`/dashboards/${k === 'city' ? 'chongqing' : k === 'district' ? ownDistrict : (clusterOptions[0]?.value ?? 'chongqing')}`)}
          options={(['city', 'district', 'cluster'] as const).map((k) => ({ value: k, label: t(`dash.kinds.${k}`) }))}
        />
        {kind !== 'city' && (
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t(`dash.choose.${kind}`)}
            value={scope}
            style={{ minWidth: 200 }}
            options={kind === 'district' ? districtOptions : clusterOptions}
            onChange={(v) => navigate(`/dashboards/${v}`)}
          />
        )}
        <Button href={dashboardXlsxUrl(scope)} download data-testid="export-xlsx">
          {t('dash.export')}
        </Button>
        <Link to="/statistics">{t('dash.allIndicators')}</Link>
      </div>
      {error && <Alert type="error" showIcon title={String((error as Error).message)} />}
      {isLoading && <Skeleton active />}
      {data && (
        <>
          <Row gutter={[12, 12]} className="kft-dash-cards">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('dash.entities')} value={data.entities ?? '—'} data-testid="dash-entities" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('dash.indicators')} value={data.indicators.length} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('dash.onTrack')} value={statusCount('achieved') + statusCount('on_track')} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('dash.behind')} value={statusCount('behind') + statusCount('missed')} />
              </Card>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" className="kft-meta">
            {t('dash.asOf', { asOf: data.asOf ?? '—' })}
          </Typography.Paragraph>

          <Card title={t('dash.progressTitle')} size="small" className="kft-dash-section">
            {data.indicators.length ? (
              <Table<DashboardIndicator>
                rowKey="id"
                data-testid="dash-indicators"
                columns={columns}
                dataSource={data.indicators}
                pagination={false}
                size="small"
                scroll={{ x: 'max-content' }}
              />
            ) : (
              <Typography.Paragraph type="secondary" data-testid="dash-no-indicators">
                {t('dash.noIndicators')}
              </Typography.Paragraph>
            )}
          </Card>

          <Row gutter={[16, 16]} className="kft-dash-section">
            <Col xs={24} lg={12}>
              <Card title={t('dash.byCategory')} size="small" data-testid="dash-categories">
                {data.categories.map((c) => {
                  const own = data.indicators.filter((i) => c.indicatorIds.includes(i.id));
                  const entitiesTarget = own.find((i) => i.indicator === 'market_entities')?.progress.find((p) => p.year === 2025);
                  return (
                    <div key={c.code} className="kft-dash-bar" data-category={c.code}>
                      <span>{en ? c.nameEn : c.nameZh}</span>
                      <Bar percent={(c.entities / maxCategory) * 100} showInfo={false} size="small" status="normal" />
                      <span>
                        <strong>{figure(c.entities, 'count')}</strong>
                        {entitiesTarget && <span className="kft-meta"> / {t('dash.targetShort', { value: figure(entitiesTarget.target, 'count') })}</span>}
                      </span>
                    </div>
                  );
                })}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('dash.byDistrict')} size="small">
                <DistrictMap
                  facets={facets}
                  selected={kind === 'district' ? [scope.slice('district:'.length)] : []}
                  effectiveCode={effectiveCode}
                  nameOf={nameOf}
                  onToggle={(code) => navigate(`/dashboards/district:${effectiveCode(code)}`)}
                  label={t('dash.mapLabel')}
                  countLabel={(n) => t('dash.mapCount', { count: n })}
                  legendTitle={t('dash.entities')}
                  rangeLabel={(range) => t('dash.mapRange', { range })}
                />
              </Card>
            </Col>
          </Row>

          {data.clusters.length > 0 && (
            <Card title={t('dash.clusters')} size="small" className="kft-dash-section">
              <Table
                rowKey="id"
                data-testid="dash-clusters"
                pagination={false}
                size="small"
                scroll={{ x: 'max-content' }}
                dataSource={data.clusters}
                rowClassName={(c) => (scope === `cluster:${c.id}` ? 'ant-table-row-selected' : '')}
                columns={[
                  { title: t('dash.cluster'), key: 'name', render: (_, c) => <Link to={`/dashboards/cluster:${c.id}`}>{c.name}</Link> },
                  { title: t('dash.entities'), key: 'entities', render: (_, c) => figure(c.entities, 'count') },
                  ...[...new Set(data.clusters.flatMap((c) => c.indicators.map((i) => i.indicator)))].map((code) => ({
                    title: (() => {
                      const i = data.clusters.flatMap((c) => c.indicators).find((x) => x.indicator === code)!;
                      return name(i);
                    })(),
                    key: code,
                    render: (_: unknown, c: Dashboard['clusters'][number]) => {
                      const i = c.indicators.find((x) => x.indicator === code);
                      if (!i) return '—';
                      const p = i.progress[0];
                      return (
                        <div>
                          <div>
                            {i.latest ? figure(i.latest.value, i.unit) : t('stats14.noValue')}
                            {p && <span className="kft-meta"> / {t('dash.targetOf', { year: p.year, value: figure(p.target, i.unit) })}</span>}
                          </div>
                          {p && (
                            <Tag bordered={false} color={p.status === 'behind' || p.status === 'missed' ? 'warning' : undefined}>
                              {t(`stats14.status.${p.status}`)}
                            </Tag>
                          )}
                        </div>
                      );
                    },
                  })),
                ]}
              />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
