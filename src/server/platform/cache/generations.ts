/**
 * The cache scopes' counters (table cache_generations, raised by statement triggers in the same transaction
 * as every change; see migration 0027). A cached answer is valid while the counters it was computed at have
 * not moved.
 *
 * Reading them costs one small query. Under load many requests want them at once, so reads are batched: a
 * request joins the next read that starts after it arrived (never one already in flight, which could have
 * been answered before a change the request's caller already saw committed). With fifty requests in flight
 * that is one query per round trip instead of fifty, and each request still sees every commit before it.
 */
import { sql } from '../db/sql.ts';
import type { Queryable } from '../db/database.ts';

export type Versions = Map<string, number>;

export class Generations {
  private inFlight: Promise<void> | null = null;
  private waiting: { resolve: (v: Versions) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly db: Queryable) {}

  /** Every scope's counter as of a read that started after this call (scopes never changed read as 0). */
  read(): Promise<Versions> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.inFlight) this.next();
    });
  }

  /** One version string for the scopes an answer depends on. */
  static versionOf(all: Versions, scopes: readonly string[]): string {
    return scopes.map((s) => `${s}:${all.get(s) ?? 0}`).join(',');
  }

  private next(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.inFlight = this.db
      .query<{ scope: string; generation: number }>(sql.prepared(sql`SELECT scope, generation FROM cache_generations`))
      .then(
        ({ rows }) => {
          const v: Versions = new Map(rows.map((r) => [r.scope, Number(r.generation)]));
          for (const w of batch) w.resolve(v);
        },
        (err) => {
          for (const w of batch) w.reject(err);
        },
      )
      .finally(() => {
        this.inFlight = null;
        // those who arrived while this read was running get the next one
        if (this.waiting.length) this.next();
      });
  }
}
