/**
 * From the outbox to the subscribers. The `webhooks` consumer turns each event into delivery rows for the
 * active subscriptions whose owner may see it, in the event's delivery transaction (so an event becomes
 * deliveries exactly once, however many processes run). The worker then sends due deliveries outside any
 * transaction (an HTTP call must not hold the database: PGlite has one connection), claiming them first so
 * no two processes send one delivery; each attempt is logged, failures are retried with backoff, and a
 * subscriber that keeps failing is paused and its owner told (in-app, and by email through the mailer).
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import type { DomainEvent, EventBus } from '../../../platform/events/outbox.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { notify } from '../../notifications/index.ts';
import type { AuthService } from '../../auth/index.ts';
import { EVENT_TYPES, ownerMaySee } from '../policy.ts';
import { WebhookRepository, type ClaimedDelivery, type SubscriptionRow } from '../repository.ts';
import { sendDelivery, type AttemptResult } from './sender.ts';

export interface DeliverySettings {
  allowHttp: boolean;
  maxAttempts: number;
  backoffSeconds: number[];
  pauseAfterFailures: number;
  timeoutMs: number;
}

const BATCH = 10;

export class DeliveryWorker {
  private readonly repo: WebhookRepository;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly settings: DeliverySettings,
  ) {
    this.repo = new WebhookRepository(db);
  }

  subscribe(events: EventBus): void {
    events.subscribe('webhooks', EVENT_TYPES, (event, tx) => this.enqueue(event, tx));
  }

  private async enqueue(event: DomainEvent, tx: Queryable): Promise<void> {
    const repo = this.repo.with(tx);
    const subscribers = (await repo.activeFor(event.type)).filter((s) => ownerMaySee({ orgId: s.org_id }, event.type, event.payload));
    const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.payload });
    await repo.insertDeliveries(
      subscribers.map((s) => s.id),
      event,
      body,
    );
  }

  start(intervalMs = 5000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.deliverDue().catch(() => {}), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends every delivery due now (one round: a retry due later waits for a later call); the number sent. */
  deliverDue(): Promise<number> {
    if (!this.running) {
      this.running = this.round().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async round(): Promise<number> {
    // the claim's lease outlasts a send's timeout, so a claimed row is not due again while it is in flight
    const lease = Math.ceil(this.settings.timeoutMs / 1000) + 60;
    let sent = 0;
    const seen = new Set<number>();
    for (;;) {
      // a delivery retried at once (a zero backoff) waits for the next round, so a round always ends
      const claimed = await this.repo.claimDue(BATCH, lease, [...seen]);
      if (!claimed.length) return sent;
      for (const d of claimed) seen.add(d.id);
      await Promise.all(claimed.map((d) => this.attempt(d)));
      sent += claimed.length;
    }
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const result = await sendDelivery(
      { url: d.url, secret: d.secret },
      { id: d.id, eventType: d.event_type, body: d.body },
      { timeoutMs: this.settings.timeoutMs, allowHttp: this.settings.allowHttp },
    );
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.recordAttempt(d.id, result);
      if (result.ok) {
        await repo.settle(d.id, 'succeeded', 0, result.statusCode, null);
        await repo.resetFailures(d.subscription_id);
        return;
      }
      await this.failed(tx, repo, d, result);
    });
  }

  private async failed(tx: Queryable, repo: WebhookRepository, d: ClaimedDelivery, result: AttemptResult): Promise<void> {
    const { maxAttempts, backoffSeconds, pauseAfterFailures } = this.settings;
    const exhausted = d.attempts >= maxAttempts;
    const wait = backoffSeconds[Math.min(d.attempts - 1, backoffSeconds.length - 1)];
    await repo.settle(d.id, exhausted ? 'failed' : 'pending', exhausted ? 0 : wait, result.statusCode, result.error);
    const failures = await repo.countFailure(d.subscription_id);
    if (!exhausted && failures < pauseAfterFailures) return;
    const paused = await repo.pause(d.subscription_id, exhausted ? 'exhausted' : 'failures');
    if (paused) await this.tell(tx, paused, { attempts: d.attempts, failures });
  }

  /** The owner hears of the pause: an organization's members, or the administrator who subscribed. */
  private async tell(tx: Queryable, s: SubscriptionRow, counts: { attempts: number; failures: number }): Promise<void> {
    const recipients = s.org_id == null ? [Number(s.created_by)] : await this.auth.orgMemberIds(Number(s.org_id), tx);
    await notify(tx, recipients, 'webhook.paused', null, { url: s.url, reasonKey: `webhooks.paused.${s.paused_reason}` }, '/webhooks');
    await recordAudit(tx, {
      type: 'webhooks.subscription_paused',
      actor: null,
      subject: { type: 'webhook', id: s.id },
      districtCode: null,
      detail: { url: s.url, eventTypes: s.event_types, reason: s.paused_reason, ...counts },
    });
  }
}
