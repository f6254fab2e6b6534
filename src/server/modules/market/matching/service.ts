/**
 * Matching as the demand side and the supply side use it: a demand's achievements, experts,
 * service providers and instruments; an achievement's demands and enterprises; feedback; and the
 * alert a demand's organization gets when a newly published achievement fits it.
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { recordHistory } from '../../../platform/history.ts';
import { actorOf, type AuthService, type CurrentUser } from '../../auth/index.ts';
import { notify } from '../../notifications/index.ts';
import type { VocabularyService } from '../vocabulary/service.ts';
import type { DemandService } from '../demands/service.ts';
import type { Demand } from '../demands/schemas.ts';
import type { AchievementService } from '../achievements/service.ts';
import { mayRateMatches, maySeeMatches } from '../policy.ts';
import { MATCH_KINDS, type MatchKind } from '../schemas.ts';
import { MatchRepository } from './repository.ts';
import { feedbackTermWeights, keyTermsOf, type Match, type WeightedTerm } from './scoring.ts';
import { achievementsFor, demandsFor, enterprisesFor, expertsFor, instrumentsFor, providersFor } from './rank.ts';
import type { FeedbackInput } from './schemas.ts';
import { ExpansionCache } from './expansion-cache.ts';
import type { SemanticRanker } from './semantic.ts';

/** A newly published achievement is announced to a demand's organization from this score on. */
export const ALERT_SCORE = 45;
/** Key terms experts, providers, instruments, demands and enterprises are matched by. */
const OTHER_KINDS_TERMS = 12;

export interface DemandMatches {
  terms: WeightedTerm[];
  achievements: Match[];
  experts: Match[];
  providers: Match[];
  instruments: Match[];
}

export interface AchievementMatches {
  terms: WeightedTerm[];
  demands: Match[];
  enterprises: Match[];
}

export class MatchService {
  private readonly repo: MatchRepository;
  /** each demand's first pass of achievement matching (expansion-cache.ts) */
  readonly expansions = new ExpansionCache();

  constructor(
    private readonly db: Database,
    private readonly vocabulary: VocabularyService,
    private readonly demands: DemandService,
    private readonly achievements: AchievementService,
    private readonly auth: AuthService,
    /** closeness in meaning from the city's embedding model (EMBEDDINGS_URL); null: the built-in matching only */
    private readonly semantic: SemanticRanker | null = null,
  ) {
    this.repo = new MatchRepository(db);
  }

  /**
   * Achievements inserted as published (a bulk SQL load; the application itself saves drafts and publishes
   * them by an update) wait beside the word lists until 8,000 do (migration 0039); the server moves them every
   * few seconds, and matching finds them by their rare words from then on. Safe in every process (one at a
   * time, the others skip).
   */
  mergeWaitingPostings(): Promise<number> {
    return this.repo.mergeWaitingPostings();
  }

  /** Matches of a demand, for members of its organization and admins. */
  async forDemand(demandId: number, user: CurrentUser, kinds: readonly MatchKind[] = MATCH_KINDS): Promise<DemandMatches> {
    const demand = await this.demands.get(demandId, user);
    if (!maySeeMatches(user, demand.orgId)) throw forbidden('market.matchesOwnerOnly');
    return this.computeForDemand(this.db, demand, kinds);
  }

  /** `db` is the connection to read through: the pool, or an event handler's transaction; `limit` (20) how many achievements (the evaluation asks for 50). */
  async computeForDemand(db: Queryable, demand: Demand, kinds: readonly MatchKind[], options: { limit?: number } = {}): Promise<DemandMatches> {
    const repo = this.repo.with(db);
    const feedback = await repo.feedbackOf(demand.id);
    const termFeedback = feedbackTermWeights([...feedback.values()].flatMap((f) => (f.terms.length ? [f] : [])));
    const synonyms = await this.vocabulary.synonymGroups(db === this.db ? undefined : db);
    let n = 1; // the number of achievements, read with the words' frequencies (related terms weigh by it)
    const frequencies = async (t: string[]) => {
      const f = await repo.documentFrequencies(t);
      n = f.n;
      return f;
    };
    const terms = await keyTermsOf(frequencies, { title: demand.title, body: demand.description }, synonyms, termFeedback);
    const verdict = (kind: MatchKind, id: number) => feedback.get(`${kind}:${id}`)?.verdict ?? null;
    // achievements are ranked with all kept words (tuned on the CSL evaluation); the other tables,
    // where a word no achievement uses is probed too, with the heaviest dozen as before
    const heaviest = terms.slice(0, OTHER_KINDS_TERMS);
    const ranker = this.semantic;
    const semantic = ranker
      ? async (ids: number[]) => ranker.similarities(`${demand.title}\n${demand.description ?? ''}`, await repo.achievementTexts(ids))
      : undefined;
    const [achievements, experts, providers, instruments] = await Promise.all([
      kinds.includes('achievement')
        ? achievementsFor(repo, demand, terms, verdict, { limit: options.limit, memo: this.expansions.memo(demand, terms), n, semantic })
        : [],
      kinds.includes('expert') ? expertsFor(repo, demand, heaviest, verdict) : [],
      kinds.includes('provider') ? providersFor(repo, demand, heaviest, verdict) : [],
      kinds.includes('instrument') ? instrumentsFor(repo, demand, heaviest, verdict) : [],
    ]);
    return { terms, achievements, experts, providers, instruments };
  }

  /** Demands and enterprises an achievement could serve (for its owner's members and admins). */
  async forAchievement(achievementId: number, user: CurrentUser): Promise<AchievementMatches> {
    const a = await this.achievements.get(achievementId, user);
    if (!maySeeMatches(user, a.ownerOrgId)) throw forbidden('market.matchesOwnerOnly');
    return this.computeForAchievement(this.db, achievementId);
  }

  async computeForAchievement(db: Queryable, achievementId: number): Promise<AchievementMatches> {
    const repo = this.repo.with(db);
    const a = (await this.achievements.find(achievementId, db))!;
    const synonyms = await this.vocabulary.synonymGroups(db === this.db ? undefined : db);
    const terms = (await keyTermsOf((t) => repo.documentFrequencies(t), { title: `${a.title} ${a.keywords.join(' ')}`, body: a.abstract }, synonyms)).slice(
      0,
      OTHER_KINDS_TERMS,
    );
    const [demands, enterprises] = await Promise.all([demandsFor(repo, a, terms, (ids) => this.demands.findMany(ids, db)), enterprisesFor(repo, a, terms)]);
    return { terms, demands, enterprises };
  }

  /** Records (or withdraws) the demand side's verdict on one result, then returns that kind's new ranking. */
  async feedback(input: FeedbackInput, user: CurrentUser): Promise<Match[]> {
    const demand = await this.demands.get(input.demandId, user);
    if (!mayRateMatches(user, demand.orgId)) throw forbidden('market.feedbackOwnerOnly');
    // the words the demand shares with this result now: what the verdict teaches the ranking
    const current = await this.computeForDemand(this.db, demand, [input.kind]);
    const shown = current[`${input.kind}s` as 'achievements'].find((m) => m.id === input.targetId);
    if (!shown && input.verdict && !(await this.repo.targetExists(input.kind, input.targetId))) throw notFound('market.matchTargetNotFound');
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (input.verdict)
        await repo.saveFeedback({
          demandId: demand.id,
          kind: input.kind,
          targetId: input.targetId,
          verdict: input.verdict,
          terms: shown?.sharedTerms ?? [],
          userId: user.id,
        });
      else await repo.deleteFeedback(demand.id, input.kind, input.targetId);
      await recordHistory(tx, {
        entityType: 'demand',
        entityId: demand.id,
        action: 'match_feedback',
        actor: actorOf(user),
        before: null,
        after: { kind: input.kind, targetId: input.targetId, verdict: input.verdict },
      });
    });
    const after = await this.computeForDemand(this.db, demand, [input.kind]);
    return after[`${input.kind}s` as 'achievements'];
  }

  /**
   * On publication of an achievement: tell the organizations whose open demands it fits well
   * (score ≥ ALERT_SCORE), once per demand and achievement. Runs in the event handler's transaction.
   */
  async alertDemands(tx: Queryable, achievementId: number): Promise<number> {
    const a = await this.achievements.find(achievementId, tx);
    if (a?.status !== 'published') return 0;
    const { demands } = await this.computeForAchievement(tx, achievementId);
    const good = demands.filter((x) => x.score >= ALERT_SCORE).slice(0, 50);
    const orgOf = new Map(
      (
        await this.demands.findMany(
          good.map((m) => m.id),
          tx,
        )
      ).map((d) => [d.id, d.orgId]),
    );
    const repo = this.repo.with(tx);
    let sent = 0;
    for (const m of good) {
      if (!(await repo.recordAlert(m.id, achievementId, m.score))) continue;
      const members = await this.auth.orgMemberIds(orgOf.get(m.id)!, tx);
      await notify(
        tx,
        members,
        'market.match',
        null,
        { demand: m.title, achievement: a.title, score: Math.round(m.score) },
        `/demands/${m.id}?tab=achievement`,
      );
      sent++;
    }
    return sent;
  }
}
