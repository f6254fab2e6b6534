import { describe, expect, it } from 'vitest';
import { highlight, keyTerms, parseMarketQuery } from '../../src/server/modules/market/vocabulary/text.ts';
import {
  feedbackTermWeights,
  maturityPoints,
  pricePoints,
  sortMatches,
  termPoints,
  total,
  type Match,
} from '../../src/server/modules/market/matching/scoring.ts';

const groups = [
  ['人工智能', 'ai'],
  ['新能源汽车', '电动汽车'],
  ['汽车', '轿车'],
];

describe('query expansion with synonyms', () => {
  it('expands a group member found in the folded query, longest member first', () => {
    const q = parseMarketQuery('新能源汽车 電池', groups)!;
    expect(q.tsquery).toContain('电池');
    expect(q.tsquery).toMatch(/\('新能源' & '汽车'\)|'新能源汽车'/);
    expect(q.tsquery).toMatch(/'电动汽车'|\('电动' & '汽车'\)/);
    // 汽车 inside 新能源汽车 does not also pull in the 汽车 = 轿车 group
    expect(q.tsquery).not.toContain('轿车');
    expect(q.marks).toEqual(expect.arrayContaining(['新能源汽车', '电动汽车', '电池']));
  });

  it('matches a Latin member only as a whole word, folded from full width', () => {
    expect(parseMarketQuery('ＡＩ 医疗', groups)!.tsquery).toBe("'医疗' & ('人工智能' | 'ai':*)");
    expect(parseMarketQuery('maintain', groups)!.tsquery).not.toContain('人工');
  });

  it('returns null for a query of nothing but spaces', () => {
    expect(parseMarketQuery('   ', groups)).toBeNull();
  });
});

describe('highlight', () => {
  it('marks the record’s own characters for a query in the other script', () => {
    const segs = highlight('電池健康狀態預測', ['电池', '预测']);
    expect(segs).toEqual([
      { text: '電池', hit: true },
      { text: '健康狀態', hit: false },
      { text: '預測', hit: true },
    ]);
  });

  it('cuts long text to a window around the first mark', () => {
    const text = `${'甲'.repeat(200)}固态电解质${'乙'.repeat(200)}`;
    const segs = highlight(text, ['电解质'], 40);
    expect(segs[0]).toEqual({ text: '…', hit: false });
    expect(segs.find((s) => s.hit)?.text).toBe('电解质');
    expect(segs.map((s) => s.text).join('').length).toBeLessThanOrEqual(42);
  });
});

describe('key terms', () => {
  it('keeps words of two or more characters and drops bare numbers', () => {
    const terms = keyTerms('锂电池 2023 固态电解质 的 x');
    expect(terms).toEqual(expect.arrayContaining(['锂电池', '电解质']));
    expect(terms).not.toContain('2023');
    expect(terms).not.toContain('x');
  });
});

describe('score parts', () => {
  it('scores maturity against the need', () => {
    expect(maturityPoints('industrial', 'pilot').points).toBe(10);
    expect(maturityPoints('small_pilot', 'pilot').points).toBe(5);
    expect(maturityPoints('research', 'pilot').points).toBe(0);
    expect(maturityPoints('research', null)).toEqual({ points: 5, reason: null });
  });

  it('scores price against budget, with 面议 in between', () => {
    expect(pricePoints({ negotiable: false, minFen: 100 }, { negotiable: false, fen: 100 }).points).toBe(10);
    expect(pricePoints({ negotiable: false, minFen: 101 }, { negotiable: false, fen: 100 }).points).toBe(0);
    expect(pricePoints({ negotiable: true, minFen: null }, { negotiable: false, fen: 100 })).toEqual({
      points: 5,
      reason: { key: 'match.reason.priceNegotiable' },
    });
    expect(pricePoints({ negotiable: false, minFen: 3_000_000_00 }, { negotiable: false, fen: 8_000_000_00 }).reason?.params).toEqual({
      price: '300',
      budget: '800',
      priceEn: '¥3M',
      budgetEn: '¥8M',
    });
  });

  it('gives term points as the share of the six heaviest terms', () => {
    const terms = [10, 5, 5, 5, 5, 5, 100].map((weight, i) => ({ term: `t${i}`, weight, df: 1, probe: true }));
    // the six heaviest: 100 + 10 + 4 × 5 = 130
    expect(termPoints(130, terms)).toBe(60);
    expect(termPoints(200, terms)).toBe(60); // capped
    expect(termPoints(65, terms)).toBe(30);
    expect(termPoints(0, [])).toBe(0);
  });

  it('reweights words from feedback: up for relevant, down for words only in not-relevant results', () => {
    const w = feedbackTermWeights([
      { verdict: 'relevant', terms: ['电池', '阻燃'] },
      { verdict: 'not_relevant', terms: ['电池', '正极'] },
      { verdict: 'not_relevant', terms: ['正极'] },
    ]);
    expect(w.get('阻燃')).toBe(1.5);
    expect(w.get('电池')).toBe(1.5); // also in a relevant result: not pushed down
    expect(w.get('正极')).toBeCloseTo(0.2);
  });

  it('clamps the total to 0–100 and hides results sharing only a passing word', () => {
    expect(total({ terms: 60, field: 10, maturity: 10, district: 10, price: 10, feedback: 20 })).toBe(100);
    expect(total({ terms: 5, feedback: -60 })).toBe(0);
    const m = (id: number, terms: number, feedback: Match['feedback'] = null): Match => ({
      kind: 'achievement',
      id,
      title: '',
      subtitle: null,
      score: terms,
      breakdown: { terms },
      sharedTerms: [],
      reasons: [],
      feedback,
    });
    expect(sortMatches([m(1, 7), m(2, 30), m(3, 5, 'not_relevant')]).map((x) => x.id)).toEqual([2, 3]);
  });
});
