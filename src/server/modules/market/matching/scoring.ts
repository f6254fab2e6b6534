/**
 * Explainable matching between demands and supply, in stages, because a demand is long text and an
 * OR over all its words would rank most of the table:
 *
 * 1. Key terms: the demand's words (and their synonyms), weighted by where they occur (title counts
 *    double), how often, and how rare they are among achievements (idf from achievement_term_df).
 *    The heaviest dozen are kept, skipping words so common that they would bring in a large part of
 *    the table, and words the demand side has marked as misleading through feedback.
 * 2. Candidates: for each key term its own index lookup (one GIN probe per word, LATERAL), summed
 *    per record: a weighted overlap, of at most the few hundred best.
 * 3. Ranking: each candidate's score breakdown (shared terms, field, maturity vs need, district,
 *    price vs budget, feedback), the reasons in words, and the order.
 */
import { fold } from '../../../platform/text/fold.ts';
import { documentTerms } from '../../../platform/text/segment.ts';
import { MATURITIES, type MatchResultKind, type Maturity, type Verdict } from '../schemas.ts';

export interface WeightedTerm {
  term: string;
  weight: number;
  df: number;
  /** rare enough to look records up by (an index probe); the others only score the records found */
  probe: boolean;
  /** not the text's own word: one the best first-pass results use (pseudo-relevance feedback) */
  related?: boolean;
}

export interface Reason {
  key: string;
  params?: Record<string, unknown>;
}

export interface Match {
  kind: MatchResultKind;
  id: number;
  title: string;
  subtitle: string | null;
  score: number;
  breakdown: Record<string, number>;
  sharedTerms: string[];
  reasons: Reason[];
  feedback: Verdict | null;
}

/**
 * The constants of ranking achievements for a demand, tuned on the CSL dev split with
 * `npm run eval:search` (docs/SEARCH.md); one object so that the evaluation can vary them.
 */
export const TUNING = {
  /** key terms kept of a demand */
  maxTerms: 40,
  /** full term points for the weight of this many of the heaviest own terms */
  normTerms: 6,
  /** full topic points for the weight of this many of the heaviest related terms */
  normRelated: 4,
  /** first-pass results the demand is expanded from */
  feedbackDocs: 10,
  /** related terms added */
  maxRelated: 30,
  /** the heaviest related term's weight against the demand's heaviest own word */
  beta: 1,
  /** most points for related terms */
  topicPoints: 40,
  /** field points in the inferred discipline */
  likelyField: 30,
  /**
   * When more than this share of the ranked records are in the inferred discipline, it tells them apart less
   * and its points shrink towards those of a field-less demand (5), to none when all are (a corpus of one
   * discipline, like the demo data); 1: all of likelyField however many share it
   */
  likelyShare: 0.6,
  /** share of a word's weight when it is only in the abstract */
  abstract: 0.6,
  /** related terms from the first results' abstracts count this much (0: titles and keywords only) */
  relatedAbstract: 0.3,
  /** records the first pass finds and scores (its best feedbackDocs expand the demand; all are the second pass's pool) */
  firstPass: 150,
  /** records the related terms may bring in beside the first pass's (the second pass is bounded) */
  extraCandidates: 100,
  /**
   * rows a demand's own probe words may read in all (each row is a heap visit, ~5–10 µs at 200,000
   * achievements: the probes were most of a match's time); 8,000 before the related terms came
   */
  probeBudget: 4_000,
  /** rows the related terms' probes may read in all, and each at most */
  relatedProbeBudget: 1_500,
  relatedPerProbe: 300,
  /**
   * Closeness in meaning, when an embedding model is configured (semantic.ts): most points, for a cosine of 1,
   * none at or below semanticFloor (unrelated texts of common models score 0.3–0.5); from semanticReason on,
   * the result says it is close in meaning. Not tuned: the CSL split here has no model server to run against,
   * so a city tunes them on its model with `npm run eval:search` and EMBEDDINGS_URL set.
   */
  semanticPoints: 30,
  semanticFloor: 0.5,
  semanticReason: 0.7,
};
/** A word in more achievements than this is not probed: it would bring in a large part of the table. */
const PROBE_MAX_DF = 3_000;

const CJK = /[\u3400-\u9fff]/;
/**
 * Words every demand and every achievement uses to talk about itself ("我公司寻求…技术", "本成果提出一种
 * 方法"): they say nothing about the subject. Rarity (idf) discounts them in a large corpus; this list
 * keeps them out in a small one too.
 */
const GENERIC = new Set(
  '需求 技术 公司 我公司 本公司 企业 寻求 要求 需要 提供 合作 开发 合作开发 项目 完成 一种 方法 提出 成果 本成果 研究 实现 进行 用于 应用 具有 提高 基于 可以 能够 相关 解决 问题 目前 通过 以及 主要 领域 生产 产品 条件 达到 显著 有效 技术许可 许可 转让 验证 方案 超过 不超过 不少于 希望 现有 引入 降低 提升 改造 设备 系统 预算 万元 高校 科研院所 院所 遇到 从事 瓶颈 科研 工作 长期 主持 参与 负责 团队'.split(
    ' ',
  ),
);

/** Number words (百分之三 segments into 百分, 百分之, 之三): common in abstracts, never a topic. */
const NUMBER_WORD = /^(百分之?|千分之?|之[一二三四五六七八九十]|[〇零一二两三四五六七八九十百千万亿]+)$/;

/** N and the document frequency of each word among achievements (the repository reads achievement_term_df). */
export type TermFrequencies = (terms: string[]) => Promise<{ n: number; df: Map<string, number> }>;

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * The weighted key terms of a text: title words count double, repeated words a little more
 * (log tf), rare words much more (idf). Synonyms of a word the text uses join with its weight.
 * Feedback multiplies a word's weight (a word shared with results marked relevant counts more, one
 * shared with results marked not relevant less).
 */
export async function keyTermsOf(
  frequencies: TermFrequencies,
  text: { title: string; body: string },
  synonyms: string[][],
  feedback: Map<string, number> = new Map(),
): Promise<WeightedTerm[]> {
  const title = fold(text.title);
  const body = fold(text.body);
  const all = `${title}\n${body}`;
  const candidates = new Map<string, number>(); // term → boost
  const add = (terms: string[], boost: number) => {
    for (const t of terms) {
      if (GENERIC.has(t) || (CJK.test(t) ? [...t].length < 2 : t.length < 2 || /^\d+$/.test(t))) continue;
      candidates.set(t, Math.max(candidates.get(t) ?? 0, boost));
    }
  };
  add(documentTerms(title), 2);
  add(documentTerms(body), 1);
  for (const group of synonyms) {
    const used = group.find((m) => all.includes(m));
    if (used) for (const m of group) if (m !== used) add(documentTerms(m), 1);
  }
  const { n, df } = await frequencies([...candidates.keys()]);
  const weighted = [...candidates].map(([term, boost]) => {
    const d = df.get(term) ?? 0;
    const tf = Math.max(1, occurrences(all, term));
    // (1 + …) keeps every used word above ln 2, even when all achievements use it; a word no
    // achievement uses is no evidence either way and weighs less than any of them
    const idf = d > 0 ? Math.log(1 + (n + 1) / (d + 0.5)) : 0.5;
    return { term, df: d, weight: boost * (1 + Math.log(tf)) * Math.max(0.05, idf) * (feedback.get(term) ?? 1) };
  });
  // a longer word that contains a shorter chosen one says the same thing more precisely: keep both,
  // but let sub-words of a kept word count half (segmentation yields 新能源汽车 and 新能源, 汽车)
  weighted.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  const kept: WeightedTerm[] = [];
  let budget = 0;
  for (const w of weighted.slice(0, TUNING.maxTerms)) {
    const probe = w.df > 0 && w.df <= PROBE_MAX_DF && budget + w.df <= TUNING.probeBudget;
    if (probe) budget += w.df;
    const inside = kept.some((k) => k.term.length > w.term.length && k.term.includes(w.term));
    kept.push({ ...w, weight: inside ? w.weight / 2 : w.weight, probe });
  }
  return kept;
}

/** Points for shared key terms (0–60): the share of the weight of the best six terms a record carries. */
export function termPoints(textScore: number, terms: WeightedTerm[]): number {
  const norm = terms
    .map((t) => t.weight)
    .sort((a, b) => b - a)
    .slice(0, TUNING.normTerms)
    .reduce((s, w) => s + w, 0);
  return norm > 0 ? Math.round(60 * Math.min(1, textScore / norm) * 10) / 10 : 0;
}

export function maturityRank(m: Maturity | null | undefined): number {
  return m ? MATURITIES.indexOf(m) : -1;
}

/** Maturity vs need (0–10): ready enough scores full, one stage short half, further short nothing. */
export function maturityPoints(offered: Maturity, needed: Maturity | null): { points: number; reason: Reason | null } {
  if (!needed) return { points: 5, reason: null };
  const gap = maturityRank(needed) - maturityRank(offered);
  if (gap <= 0)
    return {
      points: 10,
      reason: { key: 'match.reason.maturityOk', params: { offeredKey: `market.maturity.${offered}`, neededKey: `market.maturity.${needed}` } },
    };
  if (gap === 1)
    return {
      points: 5,
      reason: { key: 'match.reason.maturityClose', params: { offeredKey: `market.maturity.${offered}`, neededKey: `market.maturity.${needed}` } },
    };
  return {
    points: 0,
    reason: { key: 'match.reason.maturityShort', params: { offeredKey: `market.maturity.${offered}`, neededKey: `market.maturity.${needed}` } },
  };
}

/** Price vs budget (0–10): a price within the budget scores full, either side 面议 half, over budget nothing. */
export function pricePoints(
  price: { negotiable: boolean; minFen: number | null },
  budget: { negotiable: boolean; fen: number | null },
): { points: number; reason: Reason | null } {
  if (budget.fen == null || price.minFen == null)
    return { points: 5, reason: price.negotiable || price.minFen == null ? { key: 'match.reason.priceNegotiable' } : null };
  const params = { price: wan(price.minFen), budget: wan(budget.fen), priceEn: yuan(price.minFen), budgetEn: yuan(budget.fen) };
  if (price.minFen <= budget.fen) return { points: 10, reason: { key: 'match.reason.priceFits', params } };
  return { points: 0, reason: { key: 'match.reason.priceOver', params } };
}

/** Yuan for English readers: ¥800k, ¥1.5M. */
export function yuan(fen: number): string {
  const y = fen / 100;
  const short = (n: number) => String(Math.round(n * 100) / 100);
  return y >= 1e6 ? `¥${short(y / 1e6)}M` : y >= 1e3 ? `¥${short(y / 1e3)}k` : `¥${short(y)}`;
}

/** 万元 with up to two decimals. */
export function wan(fen: number): string {
  return String(Math.round(fen / 100 / 100) / 100);
}

/** Feedback on this very result: contacted and relevant lift it, not relevant sinks it. */
export function feedbackPoints(verdict: Verdict | null): number {
  return verdict === 'contacted' ? 20 : verdict === 'relevant' ? 15 : verdict === 'not_relevant' ? -60 : 0;
}

/**
 * How feedback reweights a demand's words: words shared with results marked relevant or contacted
 * count more, words shared only with results marked not relevant less (Rocchio-style relevance
 * feedback, per demand).
 */
export function feedbackTermWeights(rows: { verdict: Verdict; terms: string[] }[]): Map<string, number> {
  const up = new Map<string, number>();
  const down = new Map<string, number>();
  for (const r of rows)
    for (const t of r.terms) (r.verdict === 'not_relevant' ? down : up).set(t, ((r.verdict === 'not_relevant' ? down : up).get(t) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const [t, n] of up) out.set(t, Math.min(3, 1 + 0.5 * n));
  for (const [t, n] of down) if (!up.has(t)) out.set(t, Math.max(0.2, 1 - 0.4 * n));
  return out;
}

export function total(breakdown: Record<string, number>): number {
  return Math.max(0, Math.min(100, Math.round(Object.values(breakdown).reduce((s, v) => s + v, 0) * 10) / 10));
}

/**
 * Below this many term points (own and related words, and closeness in meaning when a model ranks too) a result
 * shares only a passing word: not shown unless the user rated it.
 */
export const MIN_TERM_POINTS = 8;

export function sortMatches<T extends Match>(matches: T[]): T[] {
  return matches
    .filter((m) => (m.breakdown.terms ?? 0) + (m.breakdown.topic ?? 0) + (m.breakdown.semantic ?? 0) >= MIN_TERM_POINTS || m.feedback)
    .sort((a, b) => b.score - a.score || (b.breakdown.terms ?? 0) - (a.breakdown.terms ?? 0) || a.id - b.id);
}

/** The first reason of every match: the key terms it shares. */
export function termReason(shared: string[]): Reason {
  return { key: 'match.reason.terms', params: { terms: shared.slice(0, 5).join('、'), count: shared.length } };
}

/**
 * Field (0–10): the same industry field scores full, the same discipline 6, no field given 5 — or,
 * when the demand's likely discipline was inferred from its best results, up to TUNING.likelyField (30)
 * in it: all of it while at most TUNING.likelyShare of the ranked records (`inferredShare`) are in that
 * discipline, less the more of them are, and only the 5 of a field-less demand when all are.
 */
export function fieldPoints(
  d: { industryCode: string | null; disciplineCode: string | null },
  industry: string | null,
  discipline: string | null,
  reasons: Reason[],
  inferred: string | null = null,
  inferredShare = 0,
): number {
  if (d.industryCode && d.industryCode === industry) {
    reasons.push({ key: 'match.reason.field', params: { fieldKey: `field:${industry}` } });
    return 10;
  }
  if (d.disciplineCode && d.disciplineCode === discipline) {
    reasons.push({ key: 'match.reason.field', params: { fieldKey: `field:${discipline}` } });
    return 6;
  }
  if (d.industryCode || d.disciplineCode) return 0;
  const telling = TUNING.likelyShare < 1 ? Math.min(1, (1 - inferredShare) / (1 - TUNING.likelyShare)) : 1;
  if (inferred && inferred === discipline && telling > 0) {
    reasons.push({ key: 'match.reason.fieldLikely', params: { fieldKey: `field:${discipline}` } });
    return Math.round((5 + (TUNING.likelyField - 5) * telling) * 10) / 10;
  }
  return 5;
}

/** District (0–10): in the demand's own district scores full (Chongqing is large; nearby service counts). */
export function districtPoints(wanted: string | null, actual: string | null, reasons: Reason[]): number {
  if (!wanted || !actual) return 0;
  if (wanted !== actual) return 0;
  reasons.push({ key: 'match.reason.district', params: { districtKey: `district:${actual}` } });
  return 10;
}

/** The reason a verdict adds. */
export function withFeedback(reasons: Reason[], v: Verdict | null): Reason[] {
  return v ? [...reasons, { key: `match.reason.feedback.${v}` }] : reasons;
}

/** What a demand's cooperation modes ask of a service provider (its service categories). */
export function providerCategoriesFor(modes: string[]): Set<string> {
  return new Set(
    modes.flatMap((m) => (m === 'consulting' ? ['info', 'rd'] : m === 'commissioned' || m === 'joint_development' ? ['rd', 'testing'] : ['transfer', 'ip'])),
  );
}

/**
 * Pseudo-relevance feedback (Rocchio on the corpus itself): the words in the titles and keywords of
 * the best first-pass results that the demand did not use, weighted by how much of those results
 * carry them (keywords count double), by rarity, and by `beta` against the demand's own heaviest
 * word. A word only one record uses finds nothing new; a word in more than PROBE_MAX_DF records is
 * not a topic. They become `related` terms: they rank and explain ("similar topic"), they never
 * count as the demand's own words.
 */
export function relatedTerms(
  terms: WeightedTerm[],
  words: { term: string; support: number; field: 'keyword' | 'title' | 'abstract'; df: number }[],
  n: number,
  beta = TUNING.beta,
): WeightedTerm[] {
  if (!terms.length || !words.length) return [];
  const own = new Set(terms.map((t) => t.term));
  const top = Math.max(...terms.map((t) => t.weight));
  const factor = { keyword: 1, title: 0.5, abstract: TUNING.relatedAbstract };
  const supportMax = Math.max(...words.map((w) => w.support * factor[w.field]));
  const scored = words
    .filter((w) => factor[w.field] > 0 && !own.has(w.term) && !GENERIC.has(w.term) && !NUMBER_WORD.test(w.term) && w.df >= 2 && w.df <= PROBE_MAX_DF)
    .filter((w) => (CJK.test(w.term) ? [...w.term].length >= 2 : w.term.length >= 3 && !/^\d+$/.test(w.term)))
    .map((w) => {
      const idf = Math.log(1 + (n + 1) / (w.df + 0.5));
      return { w, value: ((w.support * factor[w.field]) / supportMax) * idf };
    })
    .sort((a, b) => b.value - a.value || a.w.term.localeCompare(b.w.term))
    .slice(0, TUNING.maxRelated);
  if (!scored.length) return [];
  const best = scored[0].value;
  let budget = 0;
  return scored.map(({ w, value }) => {
    const probe = budget + Math.min(w.df, TUNING.relatedPerProbe) <= TUNING.relatedProbeBudget;
    if (probe) budget += Math.min(w.df, TUNING.relatedPerProbe);
    return { term: w.term, df: w.df, weight: (beta * top * value) / best, probe, related: true };
  });
}

/** Points for related words (0–15): the share of the related terms' weight a record carries. */
export function topicPoints(relatedScore: number, related: WeightedTerm[]): number {
  const norm = related
    .map((t) => t.weight)
    .sort((a, b) => b - a)
    .slice(0, TUNING.normRelated)
    .reduce((s, w) => s + w, 0);
  return norm > 0 ? Math.round(TUNING.topicPoints * Math.min(1, relatedScore / norm) * 10) / 10 : 0;
}

/** The reason of a record sharing related words: "similar topic: …" naming them. */
/** Points for closeness in meaning (cosine of the demand's and the record's embeddings), and its reason when close. */
export function semanticPoints(similarity: number, reasons: Reason[]): number {
  if (similarity >= TUNING.semanticReason) reasons.push({ key: 'match.reason.semantic', params: { similarity: similarity.toFixed(2) } });
  const share = (similarity - TUNING.semanticFloor) / (1 - TUNING.semanticFloor);
  return Math.round(TUNING.semanticPoints * Math.max(0, Math.min(1, share)) * 10) / 10;
}

export function topicReason(shared: string[]): Reason {
  return { key: 'match.reason.topic', params: { terms: shared.slice(0, 4).join('、'), count: shared.length } };
}

/**
 * A demand's likely discipline when its owner gave none: the discipline most of the best
 * first-pass results share (by their weight), if they hold at least half of it.
 */
export function inferDiscipline(votes: { discipline: string | null; weight: number }[]): string | null {
  const by = new Map<string, number>();
  let all = 0;
  for (const v of votes) {
    all += v.weight;
    if (v.discipline) by.set(v.discipline, (by.get(v.discipline) ?? 0) + v.weight);
  }
  const [best] = [...by].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return best && all > 0 && best[1] / all >= 0.5 ? best[0] : null;
}
