/**
 * Domain events through a transactional outbox: a module writes its event row in the same
 * transaction as its change (so an event exists exactly when the change committed), and
 * subscribers are called afterwards by a dispatcher that any number of app processes may run.
 *
 * Ordering: bigserial ids are handed out before commit, so a later id can commit first. A consumer
 * therefore reads only events whose transaction id is below the oldest transaction still running
 * (pg_snapshot_xmin), in (txid, id) order, and remembers its position in event_consumers. Every
 * event is delivered once per consumer, in commit-safe order; the consumer row is locked while a
 * batch is handled so two processes never handle the same batch.
 */
import { sql } from '../db/sql.ts';
import type { Database, Queryable } from '../db/database.ts';

export interface DomainEvent<P = Record<string, unknown>> {
  id: number;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  actorId: number | null;
  createdAt: Date;
}

export async function publishEvent(
  tx: Queryable,
  e: { type: string; aggregateType: string; aggregateId: string | number; payload: unknown; actorId?: number | null },
): Promise<void> {
  await tx.query(sql`
    INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, actor_id)
    VALUES (${e.type}, ${e.aggregateType}, ${String(e.aggregateId)}, ${JSON.stringify(e.payload)}::jsonb, ${e.actorId ?? null})`);
}

type Handler = (event: DomainEvent, tx: Queryable) => Promise<void>;

interface Subscription {
  consumer: string;
  types: Set<string> | '*';
  handler: Handler;
}

export class EventBus {
  private subscriptions: Subscription[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly db: Database) {}

  /**
   * Calls handler for every event of the given types, once per consumer name, inside a
   * transaction that also advances the consumer's position (a handler's own writes commit with it).
   */
  subscribe(consumer: string, types: string[] | '*', handler: Handler): void {
    this.subscriptions.push({ consumer, types: types === '*' ? '*' : new Set(types), handler });
  }

  start(intervalMs = 1000): void {
    if (this.timer) return;
    // the timer skips a tick while a drain is under way (drain() itself would queue one more behind it)
    this.timer = setInterval(() => {
      if (!this.running) void this.drain().catch(() => {});
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Delivers everything pending now; tests call it to make delivery deterministic. A drain already under way (the
   * timer's) may have read the outbox before the caller's event was written, so the caller waits for it and then
   * for one more that starts after.
   */
  drain(): Promise<void> {
    if (this.running) return this.running.then(() => this.drain());
    this.running = this.drainAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drainAll(): Promise<void> {
    for (const sub of this.subscriptions) {
      // PGlite is one connection: a batch's transaction holds every request until it commits, so
      // there the batches are small (a match-alert handler takes ~50 ms an event)
      while (await this.deliverBatch(sub, this.db.engine === 'pglite' ? 5 : 200)) {
        /* keep going until the consumer is caught up */
      }
    }
  }

  private async deliverBatch(sub: Subscription, limit: number): Promise<boolean> {
    await this.db.query(sql`INSERT INTO event_consumers (name) VALUES (${sub.consumer}) ON CONFLICT (name) DO NOTHING`);
    return this.db.transaction(async (tx) => {
      const cursor = await tx.query<{ last_txid: string; last_id: number }>(
        sql`SELECT last_txid::text, last_id FROM event_consumers WHERE name = ${sub.consumer} FOR UPDATE SKIP LOCKED`,
      );
      if (!cursor.rows.length) return false; // another process is delivering to this consumer
      const { last_txid, last_id } = cursor.rows[0];
      const { rows } = await tx.query<{
        id: number;
        txid: string;
        type: string;
        aggregate_type: string;
        aggregate_id: string;
        payload: Record<string, unknown>;
        actor_id: number | null;
        created_at: Date;
      }>(sql`
        SELECT id, txid::text, type, aggregate_type, aggregate_id, payload, actor_id, created_at
        FROM outbox_events
        WHERE (txid, id) > (${last_txid}::xid8, ${last_id}::bigint)
          AND txid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY txid, id
        LIMIT ${limit}`);
      if (!rows.length) return false;
      for (const r of rows) {
        if (sub.types !== '*' && !sub.types.has(r.type)) continue;
        await sub.handler(
          {
            id: r.id,
            type: r.type,
            aggregateType: r.aggregate_type,
            aggregateId: r.aggregate_id,
            payload: r.payload,
            actorId: r.actor_id,
            createdAt: r.created_at,
          },
          tx,
        );
      }
      const last = rows[rows.length - 1];
      await tx.query(sql`UPDATE event_consumers SET last_txid = ${last.txid}::xid8, last_id = ${last.id}, updated_at = now() WHERE name = ${sub.consumer}`);
      return rows.length === limit;
    });
  }
}

/** Many events in one statement (imports). */
export async function publishEvents(
  tx: Queryable,
  events: { type: string; aggregateType: string; aggregateId: string | number; payload: unknown; actorId?: number | null }[],
): Promise<void> {
  if (!events.length) return;
  await tx.query(
    sql`INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, actor_id) VALUES ${sql.join(
      events.map((e) => sql`(${e.type}, ${e.aggregateType}, ${String(e.aggregateId)}, ${JSON.stringify(e.payload)}::jsonb, ${e.actorId ?? null})`),
    )}`,
  );
}
