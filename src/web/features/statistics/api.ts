/** 统计监测 on the web: the indicator system (every target and baseline, latest values, progress) and entering a figure. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type Indicator = Schemas['Indicator'];
export type Progress = Schemas['IndicatorProgress'];
export type ProgressStatus = Progress['status'];

export const statisticsKeys = { indicators: ['statistics', 'indicators'] as const };

export const indicatorsQuery = queryOptions({
  queryKey: statisticsKeys.indicators,
  queryFn: async () => (await unwrap(api.GET('/api/v1/indicators'))).items,
});

export const enterValue = (id: number, body: { period: string; value: number; note?: string | null }) =>
  unwrap(api.POST('/api/v1/indicators/{id}/values', { params: { path: { id } }, body }));

export type Dashboard = Schemas['Dashboard'];
export type DashboardIndicator = Schemas['DashboardIndicator'];

/** A dashboard in one request (the city: chongqing, a district: district:<code>, a cluster: cluster:<id>). */
export const dashboardQuery = (scope: string) =>
  queryOptions({
    queryKey: ['statistics', 'dashboard', scope],
    queryFn: () => unwrap(api.GET('/api/v1/dashboards/{scope}', { params: { path: { scope } } })),
  });

/** The dashboard's workbook (every view, one sheet each). */
export const dashboardXlsxUrl = (scope: string) => `/api/v1/dashboards/${encodeURIComponent(scope)}/xlsx`;
