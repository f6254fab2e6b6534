/**
 * The first pass of a demand's achievement matching (its records, related words and likely discipline),
 * kept per demand so that the demand page, its feedback (which ranks before and after the verdict) and
 * a second look cost one bounded pass instead of two. The key holds everything the first pass depends
 * on — the demand, its fields and its weighted key terms — and the weights move with the corpus (idf),
 * the synonyms and the feedback: an edited demand, a verdict or a newly published achievement make a
 * new key, so an entry is never stale in what it was computed from. Entries also expire after
 * EXPANSION_TTL_MS (a closed achievement leaves the pool at once: the second pass filters by status),
 * and at most EXPANSION_ENTRIES are kept, the least recently used dropped first. One process's memory:
 * every app server keeps its own.
 */
import type { Demand } from '../demands/schemas.ts';
import type { Expansion, ExpansionMemo } from './rank.ts';
import type { WeightedTerm } from './scoring.ts';

export const EXPANSION_TTL_MS = 10 * 60_000;
export const EXPANSION_ENTRIES = 1_000;

export class ExpansionCache {
  private readonly entries = new Map<string, { at: number; value: Expansion }>();

  constructor(
    private readonly ttlMs = EXPANSION_TTL_MS,
    private readonly max = EXPANSION_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  /** The memo of one demand with these key terms; none for a demand that is not stored (id 0: the evaluation's). */
  memo(d: Pick<Demand, 'id' | 'industryCode' | 'disciplineCode'>, terms: WeightedTerm[]): ExpansionMemo | undefined {
    if (!(d.id > 0)) return undefined;
    const key = [d.id, d.industryCode ?? '', d.disciplineCode ?? '', ...terms.map((t) => `${t.term}:${t.weight.toFixed(6)}:${t.probe ? 1 : 0}`)].join('|');
    return {
      get: () => {
        const e = this.entries.get(key);
        if (!e) return undefined;
        this.entries.delete(key);
        if (this.now() - e.at > this.ttlMs) return undefined;
        this.entries.set(key, e); // most recently used last
        return e.value;
      },
      set: (value) => {
        this.entries.delete(key);
        this.entries.set(key, { at: this.now(), value });
        while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
      },
    };
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
