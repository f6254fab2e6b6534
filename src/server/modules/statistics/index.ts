/**
 * The statistics module's face (科技服务业统计监测): the indicator system of the documents' targets and baselines,
 * figures computed from the platform's own records (sources.ts: the place other modules' figures plug in), figures
 * offices enter, and progress to each target. Built from the reference face (places, category names) and the
 * sources app.ts assembles from the directory, market and instruments faces.
 */
import './messages.ts';
import './dashboards/messages.ts';
import './bulletins/messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/outbox.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { ReferenceService } from '../reference/index.ts';
import { STATISTICS_TABLES } from './tables.ts';
import { StatisticsService } from './service.ts';
import { indicatorRoutes } from './routes.ts';
import type { BreakdownSource, IndicatorSource, SurveyedFigures } from './sources.ts';
import { DashboardService } from './dashboards/service.ts';
import { dashboardRoutes } from './dashboards/routes.ts';
import { BulletinService } from './bulletins/service.ts';
import { bulletinRoutes } from './bulletins/routes.ts';
import type { NumberRule } from './bulletins/numbering.ts';
import { cjkFontPath } from '../../platform/export/pdf.ts';

export { StatisticsService } from './service.ts';
export type { IndicatorWithTrend } from './service.ts';
export type { LatestBulletin } from './bulletins/service.ts';
export { PROGRESS_STATUSES } from './schemas.ts';
export {
  contractSources,
  directoryBreakdowns,
  directorySources,
  expertSources,
  instrumentSources,
  voucherSources,
  type BreakdownSource,
  type IndicatorSource,
  type OrgTally,
  type SurveyedFigures,
} from './sources.ts';

/** Recomputed every hour as well: an edit that publishes no event (or a process that died mid-way) is caught up. */
const SWEEP_MS = 3600_000;

export class StatisticsModule implements ModuleFace {
  readonly name = 'statistics';
  readonly tables = STATISTICS_TABLES;
  readonly service: StatisticsService;
  readonly dashboards: DashboardService;
  /** 统计信息发布: bulletins composed from the indicators, published as numbered immutable versions */
  readonly bulletins: BulletinService;
  private readonly reference: ReferenceService;
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    db: Database,
    reference: ReferenceService,
    sources: IndicatorSource[],
    surveyed: SurveyedFigures | null = null,
    breakdowns: BreakdownSource | null = null,
    options: { pdfFontPath?: string; bulletinNumbers?: NumberRule } = {},
  ) {
    this.reference = reference;
    this.service = new StatisticsService(
      db,
      sources,
      {
        knownScope: async (scope) => {
          if (scope === 'chongqing') return true;
          if (scope.startsWith('district:')) {
            const code = scope.slice('district:'.length);
            return (await reference.divisions()).some((d) => d.code === code && !d.successorCode);
          }
          const id = scope.slice('cluster:'.length);
          return (await reference.clusters()).some((c) => c.id === id);
        },
        categoryName: async (code) => {
          const c = (await reference.categories()).find((x) => x.code === code);
          return c ? { zh: c.nameZh, en: c.nameEn } : null;
        },
      },
      surveyed,
      breakdowns,
    );
    const districtName = async (code: string) => (await reference.divisions()).find((d) => d.code === code && !d.successorCode)?.name ?? null;
    this.bulletins = new BulletinService(db, {
      indicators: (ids) => this.service.byIds(ids),
      districtName,
      fontPath: () => cjkFontPath(options.pdfFontPath),
      numbers: options.bulletinNumbers,
    });
    this.dashboards = new DashboardService(this.service, {
      divisions: () => reference.divisions(),
      clusters: () => reference.clusters(),
      categories: () => reference.categories(),
    });
  }

  subscribe(events: EventBus): void {
    this.service.subscribe(events);
  }

  /** Seeds the indicators (every start), computes every figure, and keeps sweeping. */
  async start(): Promise<void> {
    await this.service.seed();
    await this.service.settled(true);
    this.sweep = setInterval(() => void this.service.settled(true).catch(() => {}), SWEEP_MS);
    this.sweep.unref();
  }

  async mount(app: FastifyInstance): Promise<void> {
    app.addHook('onClose', async () => {
      if (this.sweep) clearInterval(this.sweep);
      await this.service.settled();
    });
    await app.register(indicatorRoutes, { statistics: this.service });
    await app.register(bulletinRoutes, { bulletins: this.bulletins });
    const reference = this.reference;
    await app.register(dashboardRoutes, {
      dashboards: this.dashboards,
      districtName: async (code, en) => {
        const d = (await reference.divisions()).find((x) => x.code === code);
        return d ? (en ? (d.nameEn ?? d.name) : d.name) : code;
      },
    });
  }
}
