/** SQL on subscriptions, deliveries and attempts: the only place the webhooks module writes SQL. */
import type { Queryable } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';

export interface SubscriptionRow {
  id: number;
  org_id: number | null;
  url: string;
  secret: string;
  event_types: string[];
  status: 'active' | 'paused';
  paused_reason: string | null;
  paused_at: Date | null;
  consecutive_failures: number;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export interface DeliveryRow {
  id: number;
  subscription_id: number;
  event_id: number;
  event_type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRow {
  id: number;
  delivery_id: number;
  attempted_at: Date;
  status_code: number | null;
  response_excerpt: string | null;
  duration_ms: number;
  error: string | null;
}

/** A delivery claimed for sending, with what is needed to send it. */
export interface ClaimedDelivery {
  id: number;
  subscription_id: number;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

const num = <T extends { id: number }>(r: T): T => ({ ...r, id: Number(r.id) });

export class WebhookRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): WebhookRepository {
    return new WebhookRepository(tx);
  }

  async insert(s: { orgId: number | null; url: string; secret: string; eventTypes: string[]; createdBy: number }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO webhook_subscriptions (org_id, url, secret, event_types, created_by)
      VALUES (${s.orgId}, ${s.url}, ${s.secret}, ${s.eventTypes}::text[], ${s.createdBy}) RETURNING id`);
    return Number(rows[0].id);
  }

  async find(id: number, lock = false): Promise<SubscriptionRow | null> {
    const { rows } = await this.db.query<SubscriptionRow>(sql`SELECT * FROM webhook_subscriptions WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
    return rows[0] ? num(rows[0]) : null;
  }

  /** orgId undefined: every subscription (administrators); else that owner's (null: the platform's). */
  async list(orgId?: number | null): Promise<SubscriptionRow[]> {
    const where = orgId === undefined ? sql`` : orgId === null ? sql`WHERE org_id IS NULL` : sql`WHERE org_id = ${orgId}`;
    const { rows } = await this.db.query<SubscriptionRow>(sql`SELECT * FROM webhook_subscriptions ${where} ORDER BY id DESC`);
    return rows.map(num);
  }

  async update(id: number, s: { url: string; eventTypes: string[]; status: 'active' | 'paused'; pausedReason: string | null }): Promise<void> {
    await this.db.query(sql`
      UPDATE webhook_subscriptions SET url = ${s.url}, event_types = ${s.eventTypes}::text[], status = ${s.status},
        paused_reason = ${s.status === 'paused' ? s.pausedReason : null},
        paused_at = CASE WHEN ${s.status} = 'paused' THEN coalesce(paused_at, now()) END,
        consecutive_failures = CASE WHEN ${s.status} = 'active' AND status = 'paused' THEN 0 ELSE consecutive_failures END,
        updated_at = now()
      WHERE id = ${id}`);
  }

  async setSecret(id: number, secret: string): Promise<void> {
    await this.db.query(sql`UPDATE webhook_subscriptions SET secret = ${secret}, updated_at = now() WHERE id = ${id}`);
  }

  async remove(id: number): Promise<void> {
    await this.db.query(sql`DELETE FROM webhook_subscriptions WHERE id = ${id}`);
  }

  async activeFor(eventType: string): Promise<{ id: number; org_id: number | null }[]> {
    const { rows } = await this.db.query<{ id: number; org_id: number | null }>(sql`
      SELECT id, org_id FROM webhook_subscriptions WHERE status = 'active' AND event_types @> ARRAY[${eventType}]::text[]`);
    return rows.map((r) => ({ id: Number(r.id), org_id: r.org_id == null ? null : Number(r.org_id) }));
  }

  /** One delivery per (subscription, event): an event handled again (never, but) adds nothing. */
  async insertDeliveries(subscriptionIds: number[], event: { id: number; type: string }, body: string): Promise<void> {
    if (!subscriptionIds.length) return;
    await this.db.query(sql`
      INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, body)
      SELECT s, ${event.id}, ${event.type}, ${body} FROM unnest(${subscriptionIds}::bigint[]) AS s
      ON CONFLICT (subscription_id, event_id) DO NOTHING`);
  }

  /**
   * Claims due deliveries of active subscriptions: locks them skipping rows another process holds, and moves
   * next_attempt_at past the send's timeout (a lease), so once committed no other process sees them as due.
   */
  async claimDue(limit: number, leaseSeconds: number, exclude: number[] = []): Promise<ClaimedDelivery[]> {
    const { rows } = await this.db.query<ClaimedDelivery>(sql`
      WITH due AS (
        SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.status = 'active' AND d.id <> ALL(${exclude}::bigint[])
        ORDER BY d.next_attempt_at, d.id LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED)
      UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
      FROM due, webhook_subscriptions s WHERE d.id = due.id AND s.id = d.subscription_id
      RETURNING d.id, d.subscription_id, d.event_type, d.body, d.attempts, s.url, s.secret`);
    return rows.map((r) => ({ ...r, id: Number(r.id), subscription_id: Number(r.subscription_id) }));
  }

  async recordAttempt(deliveryId: number, a: { statusCode: number | null; excerpt: string | null; durationMs: number; error: string | null }): Promise<void> {
    await this.db.query(sql`
      INSERT INTO webhook_attempts (delivery_id, status_code, response_excerpt, duration_ms, error)
      VALUES (${deliveryId}, ${a.statusCode}, ${a.excerpt}, ${a.durationMs}, ${a.error})`);
  }

  /** After an attempt: succeeded, failed for good, or pending again after retryInSeconds. */
  async settle(id: number, status: DeliveryRow['status'], retryInSeconds: number, statusCode: number | null, error: string | null): Promise<void> {
    await this.db.query(sql`
      UPDATE webhook_deliveries SET status = ${status}, last_status_code = ${statusCode}, last_error = ${error},
        next_attempt_at = now() + make_interval(secs => ${retryInSeconds}), updated_at = now()
      WHERE id = ${id}`);
  }

  /** Counts a failed attempt against the subscription; the new count of failures in a row. */
  async countFailure(subscriptionId: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(sql`
      UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1 WHERE id = ${subscriptionId} RETURNING consecutive_failures AS n`);
    return rows[0]?.n ?? 0;
  }

  async resetFailures(subscriptionId: number): Promise<void> {
    await this.db.query(sql`UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = ${subscriptionId} AND consecutive_failures <> 0`);
  }

  /** Pauses an active subscription; null when it was not active (already paused or deleted). */
  async pause(subscriptionId: number, reason: string): Promise<SubscriptionRow | null> {
    const { rows } = await this.db.query<SubscriptionRow>(sql`
      UPDATE webhook_subscriptions SET status = 'paused', paused_reason = ${reason}, paused_at = now(), updated_at = now()
      WHERE id = ${subscriptionId} AND status = 'active' RETURNING *`);
    return rows[0] ? num(rows[0]) : null;
  }

  async deliveries(subscriptionId: number, limit = 50): Promise<DeliveryRow[]> {
    const { rows } = await this.db.query<DeliveryRow>(sql`
      SELECT id, subscription_id, event_id, event_type, status, attempts, next_attempt_at, last_status_code, last_error, created_at, updated_at
      FROM webhook_deliveries WHERE subscription_id = ${subscriptionId} ORDER BY id DESC LIMIT ${limit}`);
    return rows.map((r) => ({ ...num(r), event_id: Number(r.event_id) }));
  }

  async attemptsOf(deliveryIds: number[]): Promise<AttemptRow[]> {
    if (!deliveryIds.length) return [];
    const { rows } = await this.db.query<AttemptRow>(sql`
      SELECT * FROM webhook_attempts WHERE delivery_id = ANY(${deliveryIds}::bigint[]) ORDER BY id DESC`);
    return rows.map((r) => ({ ...num(r), delivery_id: Number(r.delivery_id) }));
  }

  /** Queues a delivery again, due now, with a fresh count of attempts. */
  async requeue(subscriptionId: number, deliveryId: number): Promise<boolean> {
    const r = await this.db.query(sql`
      UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
      WHERE id = ${deliveryId} AND subscription_id = ${subscriptionId}`);
    return r.rowCount > 0;
  }
}
