import { describe, expect, it } from 'vitest';
import {
  fieldPoints,
  inferDiscipline,
  relatedTerms,
  sortMatches,
  TUNING,
  topicPoints,
  topicReason,
  type Match,
  type Reason,
  type WeightedTerm,
} from '../../src/server/modules/market/matching/scoring.ts';

/** Runs `fn` with some matching constants changed, then restores them. */
function withTuning<T>(change: Partial<typeof TUNING>, fn: () => T): T {
  const saved = { ...TUNING };
  Object.assign(TUNING, change);
  try {
    return fn();
  } finally {
    Object.assign(TUNING, saved);
  }
}

const own: WeightedTerm[] = [
  { term: '锂电池', weight: 6, df: 10, probe: true },
  { term: '电解质', weight: 4, df: 20, probe: true },
];

describe('related terms (pseudo-relevance feedback from the best first results)', () => {
  const words = [
    { term: '锂电池', support: 9, field: 'keyword' as const, df: 10 }, // the demand's own word
    { term: '固态电池', support: 9, field: 'keyword' as const, df: 5 },
    { term: '隔膜', support: 9, field: 'title' as const, df: 5 },
    { term: '离子', support: 3, field: 'keyword' as const, df: 5 },
    { term: '孤词', support: 9, field: 'keyword' as const, df: 1 }, // only the result itself uses it
    { term: '技术', support: 9, field: 'keyword' as const, df: 50 }, // generic
    { term: '正极', support: 9, field: 'abstract' as const, df: 5 }, // an abstract word: counts only when relatedAbstract > 0
    { term: '百分之', support: 9, field: 'keyword' as const, df: 5 }, // a number word, never a topic
    { term: '之三', support: 9, field: 'title' as const, df: 5 },
  ];

  it('adds the words of the best results the demand did not use, keywords before title words, more support first', () => {
    const related = withTuning({ relatedAbstract: 0 }, () => relatedTerms(own, words, 1000));
    expect(related.map((t) => t.term)).toEqual(['固态电池', '隔膜', '离子']);
    expect(related.every((t) => t.related && t.probe)).toBe(true);
    // the heaviest related word weighs beta × the demand's heaviest word; the others less
    expect(related[0].weight).toBeCloseTo(TUNING.beta * 6);
    expect(related[1].weight).toBeLessThan(related[0].weight);
    expect(related[2].weight).toBeLessThan(related[1].weight);
  });

  it('takes abstract words, weighed below title words, only when asked to, and nothing without a demand or words', () => {
    expect(withTuning({ relatedAbstract: 0.3 }, () => relatedTerms(own, words, 1000).map((t) => t.term))).toEqual(['固态电池', '隔膜', '离子', '正极']);
    expect(relatedTerms([], words, 1000)).toEqual([]);
    expect(relatedTerms(own, [], 1000)).toEqual([]);
  });

  it('gives topic points for the share of related weight a record carries, and a reason naming the words', () => {
    const related = withTuning({ relatedAbstract: 0 }, () => relatedTerms(own, words, 1000));
    const all = related.reduce((s, t) => s + t.weight, 0);
    expect(topicPoints(all, related)).toBe(TUNING.topicPoints);
    expect(topicPoints(0, related)).toBe(0);
    expect(topicPoints(related[0].weight, related)).toBeGreaterThan(topicPoints(related[2].weight, related));
    expect(topicReason(['固态电池', '隔膜'])).toEqual({ key: 'match.reason.topic', params: { terms: '固态电池、隔膜', count: 2 } });
  });
});

describe('the likely discipline of a demand that gave none', () => {
  it('is the discipline holding at least half of the best results’ weight', () => {
    expect(
      inferDiscipline([
        { discipline: 'medicine', weight: 5 },
        { discipline: 'medicine', weight: 2 },
        { discipline: 'engineering', weight: 3 },
      ]),
    ).toBe('medicine');
    expect(
      inferDiscipline([
        { discipline: 'medicine', weight: 4 },
        { discipline: 'engineering', weight: 3 },
        { discipline: null, weight: 3 },
      ]),
    ).toBeNull();
    expect(inferDiscipline([])).toBeNull();
  });

  it('scores results in it and says so; a demand with its own field is judged by that field only', () => {
    const none = { industryCode: null, disciplineCode: null };
    const reasons: Reason[] = [];
    expect(fieldPoints(none, null, 'medicine', reasons, 'medicine')).toBe(TUNING.likelyField);
    expect(reasons).toEqual([{ key: 'match.reason.fieldLikely', params: { fieldKey: 'field:medicine' } }]);
    expect(fieldPoints(none, null, 'engineering', [], 'medicine')).toBe(5);
    expect(fieldPoints({ industryCode: null, disciplineCode: 'engineering' }, null, 'medicine', [], 'medicine')).toBe(0);
  });

  it('gives fewer points the more of the ranked records share the discipline, and none beyond a field-less demand’s when all do', () => {
    const none = { industryCode: null, disciplineCode: null };
    withTuning({ likelyField: 30, likelyShare: 0.6 }, () => {
      expect(fieldPoints(none, null, 'medicine', [], 'medicine', 0.3)).toBe(30);
      expect(fieldPoints(none, null, 'medicine', [], 'medicine', 0.6)).toBe(30);
      expect(fieldPoints(none, null, 'medicine', [], 'medicine', 0.8)).toBe(17.5);
      // a corpus of one discipline (the demo data, nearly all 工学): the guess tells nothing, and says nothing
      const reasons: Reason[] = [];
      expect(fieldPoints(none, null, 'engineering', reasons, 'engineering', 1)).toBe(5);
      expect(reasons).toEqual([]);
    });
    withTuning({ likelyShare: 1 }, () => expect(fieldPoints(none, null, 'engineering', [], 'engineering', 1)).toBe(TUNING.likelyField));
  });
});

describe('results found by related words only', () => {
  it('are shown when own and related term points together pass the bar', () => {
    const m = (id: number, terms: number, topic: number): Match => ({
      kind: 'achievement',
      id,
      title: '',
      subtitle: null,
      score: terms + topic,
      breakdown: { terms, topic },
      sharedTerms: [],
      reasons: [],
      feedback: null,
    });
    expect(sortMatches([m(1, 0, 9), m(2, 4, 3), m(3, 20, 0)]).map((x) => x.id)).toEqual([3, 1]);
  });
});
