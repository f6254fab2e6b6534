/**
 * Where a start spends its time: each phase timed, printed as one line in the start log
 * ("start phases: modules 1.9 s · database 1.2 s · …"), so a slow first start says why.
 * Used by main.ts and bootstrap.ts; `npm run bench:start` reads the same line.
 */
export class StartPhases {
  private readonly phases: { name: string; ms: number; parts: { name: string; ms: number }[] }[] = [];
  private current: { name: string; ms: number; parts: { name: string; ms: number }[] } | null = null;

  /** now: the clock, in ms (a test passes its own). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A phase that happened before this object existed (e.g. loading the modules), in ms. */
  record(name: string, ms: number): void {
    this.phases.push({ name, ms, parts: [] });
  }

  /** Times fn as a phase; inside it, part() times its parts. */
  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const phase = { name, ms: 0, parts: [] as { name: string; ms: number }[] };
    this.phases.push(phase);
    const outer = this.current;
    this.current = phase;
    const t0 = this.now();
    try {
      return await fn();
    } finally {
      phase.ms = this.now() - t0;
      this.current = outer;
    }
  }

  /** Times fn as a part of the running phase (or as a phase of its own when none runs). */
  async part<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const phase = this.current;
    if (!phase) return this.time(name, fn);
    const t0 = this.now();
    try {
      return await fn();
    } finally {
      phase.parts.push({ name, ms: this.now() - t0 });
    }
  }

  /**
   * "modules 1.9 s · database 1.2 s · seed 4.1 s (orgs 0.6, instruments 2.0) · … · cpu 7.0 s" — parts under 50 ms
   * are left out; cpu is the process's CPU time so far (the database runs in it when embedded): far below the
   * sum of the phases, the process waited for a busy machine's cores.
   */
  line(): string {
    const s = (ms: number) => (ms / 1000).toFixed(1);
    const cpu = process.cpuUsage();
    return `${this.phases
      .map((p) => {
        const parts = p.parts.filter((x) => x.ms >= 50).map((x) => `${x.name} ${s(x.ms)}`);
        return `${p.name} ${s(p.ms)} s${parts.length ? ` (${parts.join(', ')})` : ''}`;
      })
      .join(' · ')} · cpu ${s((cpu.user + cpu.system) / 1000)} s`;
  }
}

/** A no-op stand-in for callers that do not time (tests, benchmarks). */
export const untimed: Pick<StartPhases, 'part'> = { part: (_name, fn) => fn() };
