/**
 * Stage 3 of matching, for each kind of result: the candidates found by their key terms (stage 2,
 * repository.ts), each with its score breakdown by the rules of scoring.ts, the reasons in words
 * (message keys) and the order. The connection is the pool or an event handler's transaction.
 */
import type { Achievement } from '../achievements/schemas.ts';
import type { Demand } from '../demands/schemas.ts';
import type { MatchKind, Verdict } from '../schemas.ts';
import { type Candidate, type MatchRepository, SOURCES } from './repository.ts';
import {
  TUNING,
  inferDiscipline,
  relatedTerms,
  topicPoints,
  topicReason,
  districtPoints,
  feedbackPoints,
  fieldPoints,
  maturityPoints,
  pricePoints,
  providerCategoriesFor,
  sortMatches,
  termPoints,
  semanticPoints,
  termReason,
  total,
  withFeedback,
  type Match,
  type Reason,
  type WeightedTerm,
} from './scoring.ts';

const LIMIT = 20;
type VerdictOf = (kind: MatchKind, id: number) => Verdict | null;

const rank = (matches: Match[], limit = LIMIT): Match[] => sortMatches(matches).slice(0, limit);

/**
 * What a demand's first pass found and taught: the records its own words found, the related words of
 * the best of them and its likely discipline. The service keeps it per demand (ExpansionCache): it is
 * most of the work and changes only when the demand's words or the corpus do.
 */
export interface Expansion {
  firstIds: number[];
  related: WeightedTerm[];
  likely: string | null;
}

export interface ExpansionMemo {
  get(): Expansion | undefined;
  set(expansion: Expansion): void;
}

/**
 * Published achievements for a demand: shared terms, related terms, field, maturity vs need, district,
 * price vs budget. Two passes: the demand's own words find the first results; the titles and keywords
 * of the best of them expand the demand with related words (pseudo-relevance feedback) and tell its
 * likely discipline when it gave none; then a bounded second pass ranks the first pass's records and at
 * most TUNING.extraCandidates more that the related words find, with own and related words together.
 */
export async function achievementsFor(
  repo: MatchRepository,
  d: Demand,
  terms: WeightedTerm[],
  verdict: VerdictOf,
  {
    limit = LIMIT,
    memo,
    n,
    semantic,
  }: {
    limit?: number;
    memo?: ExpansionMemo;
    n?: number;
    /** closeness in meaning of each candidate to the demand (an embedding model, semantic.ts); null: none now */
    semantic?: (ids: number[]) => Promise<Map<number, number> | null>;
  } = {},
): Promise<Match[]> {
  const own = terms.filter((t) => t.df > 0);
  const source = SOURCES.achievements();
  let expansion = memo?.get();
  let first: Candidate[] | null = null;
  if (!expansion) {
    first = await repo.candidatesByTerms(own, source, TUNING.firstPass);
    const top = first.slice(0, TUNING.feedbackDocs).map((c) => ({ id: c.id, weight: c.textScore }));
    const [words, count, topFacts] = top.length
      ? await Promise.all([
          repo.topicWords(top, TUNING.relatedAbstract > 0),
          n ?? repo.documentFrequencies([]).then((f) => f.n),
          repo.achievementFacts(top.map((t) => t.id)),
        ])
      : [[], 1, new Map()];
    expansion = {
      firstIds: first.map((c) => c.id),
      related: relatedTerms(own, words, count),
      likely:
        d.industryCode || d.disciplineCode ? null : inferDiscipline(top.map((t) => ({ discipline: topFacts.get(t.id)?.discipline ?? null, weight: t.weight }))),
    };
    memo?.set(expansion);
  }
  const { firstIds, related, likely } = expansion;
  if (!firstIds.length) return [];
  // the second pass is bounded: the first pass's records scored again with the related words too, and at most
  // TUNING.extraCandidates new ones that the related words find (the own words were probed already)
  const found =
    first && !related.length
      ? first
      : await repo.candidatesByTerms([...own.map((t) => ({ ...t, probe: false })), ...related], source, undefined, {
          ids: firstIds,
          extra: related.length ? TUNING.extraCandidates : 0,
          perProbe: TUNING.relatedPerProbe,
        });
  const [facts, similarity] = await Promise.all([repo.achievementFacts(found.map((f) => f.id)), semantic ? semantic(found.map((f) => f.id)) : null]);
  const likelyShare = likely && found.length ? found.filter((c) => facts.get(c.id)?.discipline === likely).length / found.length : 0;
  return rank(
    found.map((c) => {
      const a = facts.get(c.id)!;
      const reasons: Reason[] = c.shared.length ? [termReason(c.shared)] : [];
      if (c.sharedRelated.length) reasons.push(topicReason(c.sharedRelated));
      const closeness = similarity ? semanticPoints(similarity.get(c.id) ?? 0, reasons) : null;
      const terms = termPoints(c.textScore, own);
      const topic = topicPoints(c.relatedScore, related);
      const field = fieldPoints(d, a.industry, a.discipline, reasons, likely, likelyShare);
      const m = maturityPoints(a.maturity, d.maturityNeeded);
      const p = pricePoints({ negotiable: a.negotiable, minFen: a.min == null ? null : Number(a.min) }, { negotiable: d.budgetNegotiable, fen: d.budgetFen });
      const district = districtPoints(d.districtCode, a.district, reasons);
      if (m.reason) reasons.push(m.reason);
      if (p.reason) reasons.push(p.reason);
      const v = verdict('achievement', c.id);
      const breakdown = {
        terms,
        topic,
        field,
        maturity: m.points,
        district,
        price: p.points,
        feedback: feedbackPoints(v),
        // only when a model ranked: without one the breakdown is what it always was
        ...(closeness === null ? {} : { semantic: closeness }),
      };
      return {
        kind: 'achievement' as const,
        id: c.id,
        title: a.title,
        subtitle: a.owner,
        score: total(breakdown),
        breakdown,
        sharedTerms: c.shared,
        reasons: withFeedback(reasons, v),
        feedback: v,
      };
    }),
    limit,
  );
}

/** Active experts for a demand: shared terms, field, availability for consulting, district. */
export async function expertsFor(repo: MatchRepository, d: Demand, terms: WeightedTerm[], verdict: VerdictOf): Promise<Match[]> {
  const found = await repo.candidatesByTerms(terms, SOURCES.experts());
  if (!found.length) return [];
  const facts = await repo.expertFacts(found.map((f) => f.id));
  return rank(
    found.map((c) => {
      const e = facts.get(c.id)!;
      const reasons: Reason[] = [termReason(c.shared)];
      const fieldHit = [d.industryCode, d.disciplineCode].filter((f): f is string => !!f && e.fields.includes(f));
      if (fieldHit.length) reasons.push({ key: 'match.reason.field', params: { fieldKey: `field:${fieldHit[0]}` } });
      if (e.consulting) reasons.push({ key: 'match.reason.consulting' });
      if (e.grade) reasons.push({ key: 'match.reason.techManager', params: { gradeKey: `market.grade.${e.grade}` } });
      if (e.commissioner) reasons.push({ key: 'match.reason.commissioner' });
      const district = districtPoints(d.districtCode, e.district, reasons);
      const v = verdict('expert', c.id);
      const breakdown = {
        terms: termPoints(c.textScore, terms),
        field: fieldHit.length ? 10 : d.industryCode ? 0 : 5,
        availability: e.consulting ? 10 : 0,
        district,
        feedback: feedbackPoints(v),
      };
      return {
        kind: 'expert' as const,
        id: c.id,
        title: e.name,
        subtitle: [e.title, e.affiliation].filter(Boolean).join(' · ') || null,
        score: total(breakdown),
        breakdown,
        sharedTerms: c.shared,
        reasons: withFeedback(reasons, v),
        feedback: v,
      };
    }),
  );
}

/** Service providers for a demand: shared terms, the service its cooperation modes ask for, district. */
export async function providersFor(repo: MatchRepository, d: Demand, terms: WeightedTerm[], verdict: VerdictOf): Promise<Match[]> {
  const found = await repo.candidatesByTerms(terms, SOURCES.providers(d.orgId));
  if (!found.length) return [];
  const facts = await repo.orgFacts(found.map((f) => f.id));
  const wanted = providerCategoriesFor(d.cooperationModes);
  return rank(
    found.map((c) => {
      const o = facts.get(c.id)!;
      const reasons: Reason[] = [termReason(c.shared)];
      const fit = o.categories.filter((x) => wanted.has(x));
      if (fit.length) reasons.push({ key: 'match.reason.category', params: { categoryKey: `category:${fit[0]}` } });
      const district = districtPoints(d.districtCode, o.district, reasons);
      const v = verdict('provider', c.id);
      const breakdown = { terms: termPoints(c.textScore, terms), field: fit.length ? 10 : 0, district, feedback: feedbackPoints(v) };
      return {
        kind: 'provider' as const,
        id: c.id,
        title: o.name,
        subtitle: null,
        score: total(breakdown),
        breakdown,
        sharedTerms: c.shared,
        reasons: withFeedback(reasons, v),
        feedback: v,
      };
    }),
  );
}

/** Shared instruments open to outsiders, for a demand: shared terms, district. */
export async function instrumentsFor(repo: MatchRepository, d: Demand, terms: WeightedTerm[], verdict: VerdictOf): Promise<Match[]> {
  const found = await repo.candidatesByTerms(terms, SOURCES.instruments());
  if (!found.length) return [];
  const facts = await repo.instrumentFacts(found.map((f) => f.id));
  return rank(
    found.map((c) => {
      const i = facts.get(c.id)!;
      const reasons: Reason[] = [termReason(c.shared)];
      const district = districtPoints(d.districtCode, i.district, reasons);
      const v = verdict('instrument', c.id);
      const breakdown = { terms: termPoints(c.textScore, terms), district, feedback: feedbackPoints(v) };
      return {
        kind: 'instrument' as const,
        id: c.id,
        title: i.name,
        subtitle: i.owner,
        score: total(breakdown),
        breakdown,
        sharedTerms: c.shared,
        reasons: withFeedback(reasons, v),
        feedback: v,
      };
    }),
  );
}

/** Other organizations' published demands an achievement could serve. */
export async function demandsFor(
  repo: MatchRepository,
  a: Achievement,
  terms: WeightedTerm[],
  demands: (ids: number[]) => Promise<Demand[]>,
): Promise<Match[]> {
  const found = await repo.candidatesByTerms(terms, SOURCES.demands(a.ownerOrgId));
  if (!found.length) return [];
  const byId = new Map((await demands(found.map((f) => f.id))).map((d) => [d.id, d]));
  return rank(
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
      return {
        kind: 'demand' as const,
        id: c.id,
        title: d.title,
        subtitle: d.orgName,
        score: total(breakdown),
        breakdown,
        sharedTerms: c.shared,
        reasons,
        feedback: null,
      };
    }),
  );
}

/** Enterprises (other than the owner) an achievement could serve. */
export async function enterprisesFor(repo: MatchRepository, a: Achievement, terms: WeightedTerm[]): Promise<Match[]> {
  const found = await repo.candidatesByTerms(terms, SOURCES.enterprises(a.ownerOrgId));
  if (!found.length) return [];
  const facts = await repo.orgFacts(found.map((f) => f.id));
  return rank(
    found.map((c) => {
      const o = facts.get(c.id)!;
      const reasons: Reason[] = [termReason(c.shared)];
      const district = districtPoints(a.ownerDistrictCode, o.district, reasons);
      const breakdown = { terms: termPoints(c.textScore, terms), district, feedback: 0 };
      return {
        kind: 'enterprise' as const,
        id: c.id,
        title: o.name,
        subtitle: null,
        score: total(breakdown),
        breakdown,
        sharedTerms: c.shared,
        reasons,
        feedback: null,
      };
    }),
  );
}
