/**
 * Dashboards (监测看板) of the city, each district and each cluster: every indicator of the scope with its latest
 * figure, progress and trend, the market entities by category and by district, and the clusters compared. Read from
 * what the statistics keep (indicator values, breakdowns): nothing is counted per view.
 *
 * Public, as the indicators are (GET /api/v1/indicators is public and published statistics are the point): a
 * dashboard holds published figures and counts of public directory entries, no personal data. A district office
 * lands on its own district's dashboard; it is not kept from the others' (docs/STATISTICS.md).
 */
import { notFound } from '../../../platform/http/errors.ts';
import type { IndicatorWithTrend, StatisticsService } from '../service.ts';
import type { DashboardIndicator, DashboardView } from './schemas.ts';

export interface DashboardPlaces {
  divisions(): Promise<{ code: string; name: string; nameEn: string | null; successorCode: string | null }[]>;
  clusters(): Promise<{ id: string; name: string }[]>;
  categories(): Promise<{ code: string; nameZh: string; nameEn: string }[]>;
}

export class DashboardService {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly places: DashboardPlaces,
  ) {}

  async dashboard(scope: string): Promise<DashboardView> {
    const [divisions, clusters, categories] = await Promise.all([this.places.divisions(), this.places.clusters(), this.places.categories()]);
    let kind: DashboardView['kind'];
    let nameZh: string;
    let nameEn: string;
    if (scope === 'chongqing') {
      kind = 'city';
      nameZh = '重庆市';
      nameEn = 'Chongqing';
    } else if (scope.startsWith('district:')) {
      const d = divisions.find((x) => x.code === scope.slice('district:'.length) && !x.successorCode);
      if (!d) throw notFound('dashboard.notFound', { scope });
      kind = 'district';
      nameZh = d.name;
      nameEn = d.nameEn ?? d.name;
    } else {
      const c = clusters.find((x) => `cluster:${x.id}` === scope);
      if (!c) throw notFound('dashboard.notFound', { scope });
      kind = 'cluster';
      nameZh = c.name;
      nameEn = c.name;
    }
    const clusterScopes = clusters.map((c) => `cluster:${c.id}`);
    const scopes = [...new Set([scope, ...(kind === 'district' ? [] : clusterScopes)])];
    const [indicators, breakdowns] = await Promise.all([
      this.statistics.withTrends(scopes),
      this.statistics.breakdowns([...new Set([scope, 'chongqing', ...clusterScopes])]),
    ]);
    const own = indicators.filter((i) => i.scope === scope).map(asDashboardIndicator);
    const of = (s: string, dimension: 'total' | 'category' | 'district') => breakdowns.filter((b) => b.scope === s && b.dimension === dimension);
    const total = of(scope, 'total')[0] ?? null;
    const byCategory = new Map(of(scope, 'category').map((b) => [b.code, b.value]));
    return {
      scope,
      kind,
      nameZh,
      nameEn,
      asOf: (total ?? breakdowns[0])?.asOf ?? null,
      entities: total?.value ?? (kind === 'district' ? 0 : null),
      indicators: own,
      categories: categories.map((c) => ({
        code: c.code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        entities: byCategory.get(c.code) ?? 0,
        indicatorIds: own.filter((i) => i.category === c.code).map((i) => i.id),
      })),
      districts: of(kind === 'district' ? 'chongqing' : scope, 'district').map((b) => ({ code: b.code, entities: b.value })),
      clusters:
        kind === 'district'
          ? []
          : clusters.map((c) => ({
              id: c.id,
              name: c.name,
              entities: of(`cluster:${c.id}`, 'total')[0]?.value ?? 0,
              indicators: indicators.filter((i) => i.scope === `cluster:${c.id}`).map(asDashboardIndicator),
            })),
    };
  }
}

const asDashboardIndicator = (i: IndicatorWithTrend): DashboardIndicator => i;
