import { describe, expect, it } from 'vitest';
import { ExpansionCache } from '../../src/server/modules/market/matching/expansion-cache.ts';
import type { Expansion } from '../../src/server/modules/market/matching/rank.ts';
import type { WeightedTerm } from '../../src/server/modules/market/matching/scoring.ts';

const demand = { id: 7, industryCode: null, disciplineCode: null };
const terms: WeightedTerm[] = [
  { term: '固态电解质', weight: 6.5, df: 12, probe: true },
  { term: '锂电池', weight: 3.25, df: 40, probe: true },
];
const expansion = (id: number): Expansion => ({ firstIds: [id], related: [], likely: 'engineering' });

describe('the per-demand cache of the first matching pass', () => {
  it('gives back what was stored for the same demand, fields and weighted terms', () => {
    const cache = new ExpansionCache();
    expect(cache.memo(demand, terms)!.get()).toBeUndefined();
    cache.memo(demand, terms)!.set(expansion(1));
    expect(cache.memo(demand, terms)!.get()).toEqual(expansion(1));
  });

  it('misses when the demand’s words, their weights (corpus, synonyms, feedback) or its fields changed, or for another demand', () => {
    const cache = new ExpansionCache();
    cache.memo(demand, terms)!.set(expansion(1));
    expect(cache.memo(demand, [terms[0]])!.get()).toBeUndefined();
    expect(cache.memo(demand, [{ ...terms[0], weight: 6.6 }, terms[1]])!.get()).toBeUndefined();
    expect(cache.memo({ ...demand, industryCode: 'new_energy' }, terms)!.get()).toBeUndefined();
    expect(cache.memo({ ...demand, id: 8 }, terms)!.get()).toBeUndefined();
  });

  it('keeps nothing for a demand that is not stored (the evaluation’s id 0)', () => {
    expect(new ExpansionCache().memo({ ...demand, id: 0 }, terms)).toBeUndefined();
  });

  it('forgets entries past their time and the least recently used past its size', () => {
    let now = 0;
    const cache = new ExpansionCache(1_000, 2, () => now);
    cache.memo(demand, terms)!.set(expansion(1));
    now = 1_001;
    expect(cache.memo(demand, terms)!.get()).toBeUndefined();
    cache.memo({ ...demand, id: 1 }, terms)!.set(expansion(1));
    cache.memo({ ...demand, id: 2 }, terms)!.set(expansion(2));
    cache.memo({ ...demand, id: 1 }, terms)!.get(); // 1 used last: 2 goes first
    cache.memo({ ...demand, id: 3 }, terms)!.set(expansion(3));
    expect(cache.size).toBe(2);
    expect(cache.memo({ ...demand, id: 2 }, terms)!.get()).toBeUndefined();
    expect(cache.memo({ ...demand, id: 1 }, terms)!.get()).toEqual(expansion(1));
    expect(cache.memo({ ...demand, id: 3 }, terms)!.get()).toEqual(expansion(3));
  });
});
