/**
 * Matching as the demand side and the supply side use it: a demand's achievements, experts,
 * service providers and instruments; an achievement's demands and enterprises; feedback; and the
 * alert a demand's organization gets when a newly published achievement fits it.
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { recordHistory } from '../../platform/history.ts';
import type { CurrentUser } from '../auth/index.ts';
import { actorOf } from '../auth/index.ts';
import { notify } from '../notifications/index.ts';
import type { MarketReference } from './reference.ts';
import type { DemandService, Demand } from './demands.ts';
import type { AchievementService } from './achievements.ts';
import { mayEditListing } from './lifecycle.ts';
import type { FeedbackInput, MatchKind, Maturity, Verdict } from './schemas.ts';
import {
  candidatesByTerms,
  feedbackPoints,
  feedbackTermWeights,
  keyTermsOf,
  maturityPoints,
  pricePoints,
  sortMatches,
  termPoints,
  total,
  type Match,
  type Reason,
  type WeightedTerm,
} from './matching.ts';

const LIMIT = 20;
/** A newly published achievement is announced to a demand's organization from this score on. */
export const ALERT_SCORE = 45;

export interface DemandMatches {
  terms: WeightedTerm[];
  achievements: Match[];
  experts: Match[];
  providers: Match[];
  instruments: Match[];
}

function termReason(shared: string[]): Reason {
  return { key: 'match.reason.terms', params: { terms: shared.slice(0, 5).join('、'), count: shared.length } };
}

export class MatchService {
  constructor(
    private readonly db: Database,
    private readonly reference: MarketReference,
    private readonly demands: DemandService,
    private readonly achievements: AchievementService,
  ) {}

  /** Matches of a demand, for members of its organization and admins. */
  async forDemand(demandId: number, user: CurrentUser, kinds: MatchKind[] = ['achievement', 'expert', 'provider', 'instrument']): Promise<DemandMatches> {
    const demand = await this.demands.get(demandId, user);
    if (!mayEditListing(user, demand.orgId)) throw forbidden('market.matchesOwnerOnly');
    return this.computeForDemand(this.db, demand, kinds);
  }

  /** `db` is the connection to read through: the pool, or an event handler's transaction. */
  async computeForDemand(db: Queryable, demand: Demand, kinds: MatchKind[]): Promise<DemandMatches> {
    const feedback = await this.feedbackOf(db, demand.id);
    const termFeedback = feedbackTermWeights([...feedback.values()].flatMap((f) => (f.terms.length ? [f] : [])));
    const terms = await keyTermsOf(db, { title: demand.title, body: demand.description }, await this.reference.synonymGroups(db === this.db ? undefined : db), termFeedback);
    const verdict = (kind: MatchKind, id: number) => feedback.get(`${kind}:${id}`)?.verdict ?? null;
    const [achievements, experts, providers, instruments] = await Promise.all([
      kinds.includes('achievement') ? this.achievementsFor(db, demand, terms, verdict) : [],
      kinds.includes('expert') ? this.expertsFor(db, demand, terms, verdict) : [],
      kinds.includes('provider') ? this.providersFor(db, demand, terms, verdict) : [],
      kinds.includes('instrument') ? this.instrumentsFor(db, demand, terms, verdict) : [],
    ]);
    return { terms, achievements, experts, providers, instruments };
  }

  private async achievementsFor(db: Queryable, d: Demand, terms: WeightedTerm[], verdict: (k: MatchKind, id: number) => Verdict | null): Promise<Match[]> {
    const found = await candidatesByTerms(db, terms.filter((t) => t.df > 0), sql`achievements x`, sql`x.status = 'published'`);
    if (!found.length) return [];
    const { rows } = await db.query<{ id: number; title: string; owner: string; district: string | null; industry: string | null; discipline: string | null; maturity: Maturity; negotiable: boolean; min: number | null }>(sql`
      SELECT a.id, a.title, o.name AS owner, o.district_code AS district, a.industry_code AS industry, a.discipline_code AS discipline, a.maturity,
             a.price_negotiable AS negotiable, a.price_min_fen AS min
      FROM achievements a JOIN orgs o ON o.id = a.owner_org_id WHERE a.id = ANY(${found.map((f) => f.id)}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return this.rank(
      found.map((c) => {
        const a = byId.get(c.id)!;
        const reasons: Reason[] = [termReason(c.shared)];
        const field = fieldPoints(d, a.industry, a.discipline, reasons);
        const m = maturityPoints(a.maturity, d.maturityNeeded);
        const p = pricePoints({ negotiable: a.negotiable, minFen: a.min == null ? null : Number(a.min) }, { negotiable: d.budgetNegotiable, fen: d.budgetFen });
        const district = districtPoints(d.districtCode, a.district, reasons);
        if (m.reason) reasons.push(m.reason);
        if (p.reason) reasons.push(p.reason);
        const v = verdict('achievement', c.id);
        const breakdown = { terms: termPoints(c.textScore, terms), field, maturity: m.points, district, price: p.points, feedback: feedbackPoints(v) };
        return { kind: 'achievement' as const, id: c.id, title: a.title, subtitle: a.owner, score: total(breakdown), breakdown, sharedTerms: c.shared, reasons: withFeedback(reasons, v), feedback: v };
      }),
    );
  }

  private async expertsFor(db: Queryable, d: Demand, terms: WeightedTerm[], verdict: (k: MatchKind, id: number) => Verdict | null): Promise<Match[]> {
    const found = await candidatesByTerms(db, terms, sql`experts x`, sql`x.status = 'active'`, { probeUnseen: true });
    if (!found.length) return [];
    const { rows } = await db.query<{ id: number; name: string; title: string | null; affiliation: string | null; fields: string[]; district: string | null; consulting: boolean; grade: string | null; commissioner: boolean }>(sql`
      SELECT e.id, e.name, e.title, coalesce(e.affiliation, o.name) AS affiliation, e.fields, e.district_code AS district, e.consulting,
             e.tech_manager_grade AS grade, e.commissioner
      FROM experts e LEFT JOIN orgs o ON o.id = e.affiliation_org_id WHERE e.id = ANY(${found.map((f) => f.id)}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return this.rank(
      found.map((c) => {
        const e = byId.get(c.id)!;
        const reasons: Reason[] = [termReason(c.shared)];
        const fieldHit = [d.industryCode, d.disciplineCode].filter((f): f is string => !!f && e.fields.includes(f));
        if (fieldHit.length) reasons.push({ key: 'match.reason.field', params: { fieldKey: `field:${fieldHit[0]}` } });
        if (e.consulting) reasons.push({ key: 'match.reason.consulting' });
        if (e.grade) reasons.push({ key: 'match.reason.techManager', params: { gradeKey: `market.grade.${e.grade}` } });
        if (e.commissioner) reasons.push({ key: 'match.reason.commissioner' });
        const district = districtPoints(d.districtCode, e.district, reasons);
        const v = verdict('expert', c.id);
        const breakdown = { terms: termPoints(c.textScore, terms), field: fieldHit.length ? 10 : d.industryCode ? 0 : 5, availability: e.consulting ? 10 : 0, district, feedback: feedbackPoints(v) };
        return { kind: 'expert' as const, id: c.id, title: e.name, subtitle: [e.title, e.affiliation].filter(Boolean).join(' · ') || null, score: total(breakdown), breakdown, sharedTerms: c.shared, reasons: withFeedback(reasons, v), feedback: v };
      }),
    );
  }

  /** Service providers: directory organizations offering R&D, transfer, testing, IP or information services. */
  private async providersFor(db: Queryable, d: Demand, terms: WeightedTerm[], verdict: (k: MatchKind, id: number) => Verdict | null): Promise<Match[]> {
    const found = await candidatesByTerms(db, terms, sql`orgs x`, sql`x.categories && '{rd,transfer,testing,ip,info}'::text[] AND x.id <> ${d.orgId}`, { probeUnseen: true });
    if (!found.length) return [];
    const { rows } = await db.query<{ id: number; name: string; categories: string[]; district: string | null }>(sql`
      SELECT id, name, categories, district_code AS district FROM orgs WHERE id = ANY(${found.map((f) => f.id)}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    // what the demand's cooperation modes ask of a provider
    const wanted = new Set(d.cooperationModes.flatMap((m) => (m === 'consulting' ? ['info', 'rd'] : m === 'commissioned' || m === 'joint_development' ? ['rd', 'testing'] : ['transfer', 'ip'])));
    return this.rank(
      found.map((c) => {
        const o = byId.get(c.id)!;
        const reasons: Reason[] = [termReason(c.shared)];
        const fit = o.categories.filter((x) => wanted.has(x));
        if (fit.length) reasons.push({ key: 'match.reason.category', params: { categoryKey: `category:${fit[0]}` } });
        const district = districtPoints(d.districtCode, o.district, reasons);
        const v = verdict('provider', c.id);
        const breakdown = { terms: termPoints(c.textScore, terms), field: fit.length ? 10 : 0, district, feedback: feedbackPoints(v) };
        return { kind: 'provider' as const, id: c.id, title: o.name, subtitle: null, score: total(breakdown), breakdown, sharedTerms: c.shared, reasons: withFeedback(reasons, v), feedback: v };
      }),
    );
  }

  private async instrumentsFor(db: Queryable, d: Demand, terms: WeightedTerm[], verdict: (k: MatchKind, id: number) => Verdict | null): Promise<Match[]> {
    const found = await candidatesByTerms(db, terms, sql`instruments x`, sql`x.status = 'in_service' AND x.sharing_mode <> 'members'`, { probeUnseen: true });
    if (!found.length) return [];
    const { rows } = await db.query<{ id: number; name: string; owner: string; district: string | null }>(sql`
      SELECT i.id, i.name, o.name AS owner, i.district_code AS district FROM instruments i JOIN orgs o ON o.id = i.owner_org_id WHERE i.id = ANY(${found.map((f) => f.id)}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return this.rank(
      found.map((c) => {
        const i = byId.get(c.id)!;
        const reasons: Reason[] = [termReason(c.shared)];
        const district = districtPoints(d.districtCode, i.district, reasons);
        const v = verdict('instrument', c.id);
        const breakdown = { terms: termPoints(c.textScore, terms), district, feedback: feedbackPoints(v) };
        return { kind: 'instrument' as const, id: c.id, title: i.name, subtitle: i.owner, score: total(breakdown), breakdown, sharedTerms: c.shared, reasons: withFeedback(reasons, v), feedback: v };
      }),
    );
  }

  /** Demands and enterprises an achievement could serve (for its owner's members and admins). */
  async forAchievement(achievementId: number, user: CurrentUser) {
    const a = await this.achievements.get(achievementId, user);
    if (!mayEditListing(user, a.ownerOrgId)) throw forbidden('market.matchesOwnerOnly');
    return this.computeForAchievement(this.db, achievementId);
  }

  async computeForAchievement(db: Queryable, achievementId: number): Promise<{ terms: WeightedTerm[]; demands: Match[]; enterprises: Match[] }> {
    const a = (await this.achievements.find(achievementId, db))!;
    const terms = await keyTermsOf(db, { title: `${a.title} ${a.keywords.join(' ')}`, body: a.abstract }, await this.reference.synonymGroups(db === this.db ? undefined : db));
    const [demands, enterprises] = await Promise.all([this.demandsFor(db, a, terms), this.enterprisesFor(db, a, terms)]);
    return { terms, demands, enterprises };
  }

  private async demandsFor(db: Queryable, a: NonNullable<Awaited<ReturnType<AchievementService['find']>>>, terms: WeightedTerm[]): Promise<Match[]> {
    const found = await candidatesByTerms(db, terms, sql`demands x`, sql`x.status = 'published' AND x.org_id <> ${a.ownerOrgId}`, { probeUnseen: true });
    if (!found.length) return [];
    const ds = await this.demands.findMany(found.map((f) => f.id), db);
    const byId = new Map(ds.map((d) => [d.id, d]));
    return this.rank(
      found.map((c) => {
        const d = byId.get(c.id)!;
        const reasons: Reason[] = [termReason(c.shared)];
        const field = fieldPoints(d, a.industryCode, a.disciplineCode, reasons);
        const m = maturityPoints(a.maturity, d.maturityNeeded);
        const p = pricePoints({ negotiable: a.priceNegotiable, minFen: a.priceMinFen }, { negotiable: d.budgetNegotiable, fen: d.budgetFen });
        const district = districtPoints(d.districtCode, a.ownerDistrictCode, reasons);
        if (m.reason) reasons.push(m.reason);
        if (p.reason) reasons.push(p.reason);
        const breakdown = { terms: termPoints(c.textScore, terms), field, maturity: m.points, district, price: p.points, feedback: 0 };
        return { kind: 'demand' as const, id: c.id, title: d.title, subtitle: d.orgName, score: total(breakdown), breakdown, sharedTerms: c.shared, reasons, feedback: null };
      }),
    );
  }

  private async enterprisesFor(db: Queryable, a: { ownerOrgId: number; ownerDistrictCode: string | null }, terms: WeightedTerm[]): Promise<Match[]> {
    const found = await candidatesByTerms(db, terms, sql`orgs x`, sql`'enterprise' = ANY(x.kinds) AND x.id <> ${a.ownerOrgId}`, { probeUnseen: true });
    if (!found.length) return [];
    const { rows } = await db.query<{ id: number; name: string; district: string | null }>(sql`SELECT id, name, district_code AS district FROM orgs WHERE id = ANY(${found.map((f) => f.id)}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return this.rank(
      found.map((c) => {
        const o = byId.get(c.id)!;
        const reasons: Reason[] = [termReason(c.shared)];
        const district = districtPoints(a.ownerDistrictCode, o.district, reasons);
        const breakdown = { terms: termPoints(c.textScore, terms), district, feedback: 0 };
        return { kind: 'enterprise' as const, id: c.id, title: o.name, subtitle: null, score: total(breakdown), breakdown, sharedTerms: c.shared, reasons, feedback: null };
      }),
    );
  }

  /** Records (or withdraws) the demand side's verdict on one result, then returns that kind's new ranking. */
  async feedback(input: FeedbackInput, user: CurrentUser): Promise<Match[]> {
    const demand = await this.demands.get(input.demandId, user);
    if (!mayEditListing(user, demand.orgId) || user.role !== 'org_member') throw forbidden('market.feedbackOwnerOnly');
    // the words the demand shares with this result now: what the verdict teaches the ranking
    const current = await this.computeForDemand(this.db, demand, [input.kind]);
    const list = current[`${input.kind}s` as 'achievements'];
    const shown = list.find((m) => m.id === input.targetId);
    if (!shown && input.verdict) {
      const exists = await this.targetExists(input.kind, input.targetId);
      if (!exists) throw notFound('market.matchTargetNotFound');
    }
    await this.db.transaction(async (tx) => {
      if (input.verdict) {
        await tx.query(sql`
          INSERT INTO match_feedback (demand_id, target_kind, target_id, verdict, terms, user_id)
          VALUES (${demand.id}, ${input.kind}, ${input.targetId}, ${input.verdict}, ${shown?.sharedTerms ?? []}::text[], ${user.id})
          ON CONFLICT (demand_id, target_kind, target_id) DO UPDATE SET verdict = excluded.verdict, user_id = excluded.user_id, at = now(),
            terms = CASE WHEN cardinality(excluded.terms) > 0 THEN excluded.terms ELSE match_feedback.terms END`);
      } else {
        await tx.query(sql`DELETE FROM match_feedback WHERE demand_id = ${demand.id} AND target_kind = ${input.kind} AND target_id = ${input.targetId}`);
      }
      await recordHistory(tx, { entityType: 'demand', entityId: demand.id, action: 'match_feedback', actor: actorOf(user), before: null, after: { kind: input.kind, targetId: input.targetId, verdict: input.verdict } });
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
    if (!a || a.status !== 'published') return 0;
    const { demands } = await this.computeForAchievement(tx, achievementId);
    let sent = 0;
    for (const m of demands.filter((x) => x.score >= ALERT_SCORE).slice(0, 50)) {
      const { rows } = await tx.query(sql`
        INSERT INTO match_alerts (demand_id, achievement_id, score) VALUES (${m.id}, ${achievementId}, ${m.score}) ON CONFLICT DO NOTHING RETURNING demand_id`);
      if (!rows.length) continue;
      const { rows: users } = await tx.query<{ id: number }>(sql`
        SELECT u.id FROM users u JOIN demands d ON d.org_id = u.org_id WHERE d.id = ${m.id} AND u.disabled_at IS NULL`);
      await notify(tx, users.map((u) => Number(u.id)), 'market.match', null, { demand: m.title, achievement: a.title, score: Math.round(m.score) }, `/demands/${m.id}?tab=achievement`);
      sent++;
    }
    return sent;
  }

  private async feedbackOf(db: Queryable, demandId: number): Promise<Map<string, { verdict: Verdict; terms: string[] }>> {
    const { rows } = await db.query<{ target_kind: string; target_id: number; verdict: Verdict; terms: string[] }>(sql`
      SELECT target_kind, target_id, verdict, terms FROM match_feedback WHERE demand_id = ${demandId}`);
    return new Map(rows.map((r) => [`${r.target_kind}:${Number(r.target_id)}`, { verdict: r.verdict, terms: r.terms }]));
  }

  private async targetExists(kind: MatchKind, id: number): Promise<boolean> {
    const table = { achievement: 'achievements', expert: 'experts', provider: 'orgs', instrument: 'instruments' }[kind];
    const { rows } = await this.db.query(sql`SELECT 1 FROM ${sql.raw(table)} WHERE id = ${id}`);
    return rows.length > 0;
  }

  private rank(matches: Match[]): Match[] {
    return sortMatches(matches).slice(0, LIMIT);
  }
}

/** Field (0–10): the same industry field scores full, the same discipline 6, no field given 5. */
function fieldPoints(d: { industryCode: string | null; disciplineCode: string | null }, industry: string | null, discipline: string | null, reasons: Reason[]): number {
  if (d.industryCode && d.industryCode === industry) {
    reasons.push({ key: 'match.reason.field', params: { fieldKey: `field:${industry}` } });
    return 10;
  }
  if (d.disciplineCode && d.disciplineCode === discipline) {
    reasons.push({ key: 'match.reason.field', params: { fieldKey: `field:${discipline}` } });
    return 6;
  }
  return d.industryCode || d.disciplineCode ? 0 : 5;
}

/** District (0–10): in the demand's own district scores full (Chongqing is large; nearby service counts). */
function districtPoints(wanted: string | null, actual: string | null, reasons: Reason[]): number {
  if (!wanted || !actual) return 0;
  if (wanted !== actual) return 0;
  reasons.push({ key: 'match.reason.district', params: { districtKey: `district:${actual}` } });
  return 10;
}

function withFeedback(reasons: Reason[], v: Verdict | null): Reason[] {
  return v ? [...reasons, { key: `match.reason.feedback.${v}` }] : reasons;
}
