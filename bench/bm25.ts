/**
 * The baseline the related-work evaluation compares matching with: Okapi BM25 over character
 * bigrams (no segmentation, no synonyms, no feedback), query-term weighted (a bigram the query
 * repeats counts as often as it occurs). k1 = 1.2, b = 0.75.
 */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const cs = [...run];
    if (cs.length === 1) out.push(cs[0]);
    for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
  }
  return out;
}

export class Bm25 {
  private readonly docs: { id: number; tf: Map<string, number>; len: number }[] = [];
  private readonly df = new Map<string, number>();
  private avgdl = 0;

  constructor(
    records: { id: number; text: string }[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    for (const r of records) {
      const grams = bigrams(r.text);
      const tf = new Map<string, number>();
      for (const g of grams) tf.set(g, (tf.get(g) ?? 0) + 1);
      for (const g of tf.keys()) this.df.set(g, (this.df.get(g) ?? 0) + 1);
      this.docs.push({ id: r.id, tf, len: grams.length });
    }
    this.avgdl = this.docs.reduce((s, d) => s + d.len, 0) / Math.max(1, this.docs.length);
  }

  /** Record ids, best first. */
  search(query: string, limit: number): number[] {
    const qtf = new Map<string, number>();
    for (const g of bigrams(query)) qtf.set(g, (qtf.get(g) ?? 0) + 1);
    const n = this.docs.length;
    const scored: [number, number][] = [];
    for (const d of this.docs) {
      let s = 0;
      for (const [g, q] of qtf) {
        const f = d.tf.get(g);
        if (!f) continue;
        const df = this.df.get(g) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        s += q * idf * ((f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * d.len) / this.avgdl)));
      }
      if (s > 0) scored.push([d.id, s]);
    }
    return scored
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([id]) => id);
  }
}
