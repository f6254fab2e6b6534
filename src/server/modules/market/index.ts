/**
 * The technology market (技术供需) as app.ts sees it: achievements, demands, experts, search,
 * matching and deals, wired together, and the event handler that alerts demand owners.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/outbox.ts';
import type { ReferenceService } from '../reference/index.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { MARKET_TABLES } from './tables.ts';
import { MarketReference } from './reference.ts';
import { AchievementService } from './achievements.ts';
import { DemandService } from './demands.ts';
import { ExpertService } from './experts.ts';
import { MatchService } from './match-service.ts';
import { MatchPresenter } from './match-presenter.ts';
import { SearchService } from './search.ts';
import { DealService } from './deals.ts';
import { listingRoutes } from './listing-routes.ts';
import { expertRoutes } from './expert-routes.ts';
import { dealRoutes } from './deal-routes.ts';
import { searchRoutes } from './search-routes.ts';

export { seedDemoMarket } from './demo-seed.ts';

export class Market implements ModuleFace {
  readonly name = 'market';
  readonly tables = MARKET_TABLES;
  readonly reference: MarketReference;
  readonly achievements: AchievementService;
  readonly demands: DemandService;
  readonly experts: ExpertService;
  readonly matches: MatchService;
  readonly search: SearchService;
  readonly deals: DealService;
  readonly presenter: MatchPresenter;

  constructor(db: Database, places: ReferenceService, opts: { reviewRequired: boolean }) {
    this.reference = new MarketReference(db);
    this.achievements = new AchievementService(db, this.reference, opts.reviewRequired);
    this.demands = new DemandService(db, this.reference, places, opts.reviewRequired);
    this.experts = new ExpertService(db, this.reference);
    this.matches = new MatchService(db, this.reference, this.demands, this.achievements);
    this.search = new SearchService(db, this.reference);
    this.deals = new DealService(db);
    this.presenter = new MatchPresenter(this.reference, places);
  }

  /** A newly published achievement is matched against open demands; their organizations hear of good fits. */
  subscribe(events: EventBus): void {
    events.subscribe('market-match-alerts', ['achievement.published'], async (event, tx) => {
      await this.matches.alertDemands(tx, Number((event.payload as { id: number }).id));
    });
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(listingRoutes, { achievements: this.achievements, demands: this.demands, matches: this.matches, presenter: this.presenter });
    await app.register(expertRoutes, { experts: this.experts });
    await app.register(dealRoutes, { deals: this.deals });
    await app.register(searchRoutes, { search: this.search, matches: this.matches, presenter: this.presenter, reference: this.reference });
  }
}
