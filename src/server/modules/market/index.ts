/**
 * The technology market (技术供需) as app.ts and other modules see it: achievements, demands, experts,
 * the search across kinds, matching and deals, wired together; the event handler that alerts demand
 * owners; and the exports the bench and the demo data use.
 */
import './listings/messages.ts';
import './vocabulary/messages.ts';
import './achievements/messages.ts';
import './demands/messages.ts';
import './experts/messages.ts';
import './deals/messages.ts';
import './search/messages.ts';
import './matching/messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/outbox.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { ReferenceService } from '../reference/index.ts';
import type { AuthService, CurrentUser } from '../auth/index.ts';
import { MARKET_TABLES } from './tables.ts';
import { AchievementListQuery, type Achievement } from './achievements/schemas.ts';
import { DemandListQuery, type Demand } from './demands/schemas.ts';
import { VocabularyService } from './vocabulary/service.ts';
import { AchievementService } from './achievements/service.ts';
import { DemandService } from './demands/service.ts';
import { ExpertService } from './experts/service.ts';
import { DealService } from './deals/service.ts';
import { SearchService } from './search/service.ts';
import { MatchService } from './matching/service.ts';
import { SemanticRanker } from './matching/semantic.ts';
import type { EmbeddingProvider } from '../../platform/text/embeddings.ts';
import { MatchPresenter } from './matching/presenter.ts';
import { vocabularyRoutes } from './vocabulary/routes.ts';
import { achievementRoutes } from './achievements/routes.ts';
import { demandRoutes } from './demands/routes.ts';
import { expertRoutes } from './experts/routes.ts';
import { dealRoutes } from './deals/routes.ts';
import { searchRoutes } from './search/routes.ts';
import { matchRoutes } from './matching/routes.ts';

export { seedDemoMarket } from './demo-seed.ts';
export { achievementSearchColumns } from './achievements/repository.ts';
export { demandSearchColumns } from './demands/repository.ts';
export { expertSearchColumns } from './experts/repository.ts';
export { COOPERATION_MODES, TRANSFER_MODES, MATURITIES, LISTING_STATUSES, type Maturity } from './schemas.ts';
export type { TechField } from './vocabulary/schemas.ts';
export type { Achievement } from './achievements/schemas.ts';
export type { Demand } from './demands/schemas.ts';
export type { Expert } from './experts/schemas.ts';

/** What a technology contract's draft takes from a deal (the contracts module): seller, buyer, subject, price, IP. */
export interface DealTerms {
  id: number;
  status: string;
  subjectTitle: string;
  sellerOrgId: number;
  buyerOrgId: number;
  /** the achievement's upper price, or the demand's budget; null when negotiable */
  priceFen: number | null;
  ipTypes: string[];
  transferModes: string[];
}

export class Market implements ModuleFace {
  readonly name = 'market';
  readonly tables = MARKET_TABLES;
  readonly reference: VocabularyService;
  readonly achievements: AchievementService;
  readonly demands: DemandService;
  readonly experts: ExpertService;
  readonly matches: MatchService;
  readonly search: SearchService;
  readonly deals: DealService;
  readonly presenter: MatchPresenter;

  constructor(
    db: Database,
    places: ReferenceService,
    auth: AuthService,
    opts: {
      reviewRequired: boolean;
      /** the city's embedding model server (EMBEDDINGS_URL), which matching then also ranks by; unset: none */
      embeddings?: EmbeddingProvider | null;
      /** where a model server that fails is reported (the server's log) */
      warn?: (message: string) => void;
    },
  ) {
    this.reference = new VocabularyService(db);
    this.achievements = new AchievementService(db, this.reference, opts.reviewRequired);
    this.demands = new DemandService(db, this.reference, places, opts.reviewRequired);
    this.experts = new ExpertService(db, this.reference, auth);
    const semantic = opts.embeddings ? new SemanticRanker(opts.embeddings, opts.warn ?? ((m) => console.warn(m))) : null;
    this.matches = new MatchService(db, this.reference, this.demands, this.achievements, auth, semantic);
    this.search = new SearchService(db, this.reference);
    this.deals = new DealService(db, auth);
    this.presenter = new MatchPresenter(this.reference, places);
  }

  /**
   * A deal's terms for one of its two sides (null for anyone else, or no such deal). On an inquiry the
   * achievement's owner (the counterpart) sells; on an offer the initiator sells to the demand's owner.
   */
  async dealTerms(id: number, user: CurrentUser): Promise<DealTerms | null> {
    const found = await this.deals.get(id, user).catch(() => null);
    if (!found) return null;
    const { deal } = found;
    const achievement = deal.achievementId ? await this.achievements.get(deal.achievementId, user).catch(() => null) : null;
    const demand = deal.demandId ? await this.demands.get(deal.demandId, user).catch(() => null) : null;
    const inquiry = deal.kind === 'inquiry';
    return {
      id: deal.id,
      status: deal.status,
      subjectTitle: deal.subjectTitle,
      sellerOrgId: inquiry ? deal.counterpartOrgId : deal.initiatorOrgId,
      buyerOrgId: inquiry ? deal.initiatorOrgId : deal.counterpartOrgId,
      priceFen: achievement ? (achievement.priceMaxFen ?? achievement.priceMinFen) : (demand?.budgetFen ?? null),
      ipTypes: achievement?.ip.map((i) => i.type) ?? [],
      transferModes: achievement?.transferModes ?? [],
    };
  }

  /**
   * The newest published achievements and demands (the portal's front page): the lists' own query, newest first, as
   * an anonymous visitor sees them.
   */
  async newest(n: number): Promise<{ achievements: Achievement[]; demands: Demand[] }> {
    const [a, d] = await Promise.all([
      this.achievements.list(AchievementListQuery.parse({ sort: 'newest', pageSize: String(n) }), null),
      this.demands.list(DemandListQuery.parse({ sort: 'newest', pageSize: String(n) }), null),
    ]);
    return { achievements: a.items, demands: d.items };
  }

  /** A newly published achievement is matched against open demands; their organizations hear of good fits. */
  subscribe(events: EventBus): void {
    events.subscribe('market-match-alerts', ['achievement.published'], async (event, tx) => {
      await this.matches.alertDemands(tx, Number((event.payload as { id: number }).id));
    });
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(achievementRoutes, { achievements: this.achievements });
    await app.register(demandRoutes, { demands: this.demands });
    await app.register(matchRoutes, { matches: this.matches, presenter: this.presenter });
    await app.register(expertRoutes, { experts: this.experts });
    await app.register(dealRoutes, { deals: this.deals });
    await app.register(searchRoutes, { search: this.search });
    await app.register(vocabularyRoutes, { vocabulary: this.reference });
  }
}
