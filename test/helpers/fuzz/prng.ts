/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same fuzz cases, so a failure
 * found once is found again. FUZZ_SEED=<number> replays a run; FUZZ_SEED=random picks a new seed (printed).
 */
export const DEFAULT_SEED = 20261201;

export function fuzzSeed(env: string | undefined = process.env.FUZZ_SEED): number {
  if (env === 'random') return Math.floor(Math.random() * 2 ** 31);
  if (env && /^\d+$/.test(env)) return Number(env);
  return DEFAULT_SEED;
}

export class Prng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  /** a float in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** n distinct items of a list, in the list's order */
  sample<T>(items: readonly T[], n: number): T[] {
    if (items.length <= n) return [...items];
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }
}
