/**
 * Subscriptions: who may subscribe to what (policy.ts), the URL check against SSRF (delivery/address.ts),
 * the secret generated here and shown once, and the audit trail of every change (never the secret).
 */
import crypto from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { translate, type Locale } from '../../platform/http/i18n.ts';
import type { CurrentUser } from '../auth/index.ts';
import { targetProblem } from './delivery/address.ts';
import { mayManage, mayUseWebhooks, ownerFor, visibleEventTypes } from './policy.ts';
import { WebhookRepository, type SubscriptionRow } from './repository.ts';
import type { WebhookInput, WebhookPatch } from './schemas.ts';

const newSecret = () => `whsec_${crypto.randomBytes(24).toString('base64url')}`;

export class WebhookService {
  private readonly repo: WebhookRepository;

  constructor(
    private readonly db: Database,
    private readonly opts: { allowHttp: boolean },
  ) {
    this.repo = new WebhookRepository(db);
  }

  eventTypes(user: CurrentUser): string[] {
    this.assertMayUse(user);
    return visibleEventTypes(user);
  }

  async list(user: CurrentUser): Promise<SubscriptionRow[]> {
    this.assertMayUse(user);
    return this.repo.list(user.role === 'admin' ? undefined : user.orgId);
  }

  async create(input: WebhookInput, user: CurrentUser, locale: Locale): Promise<{ row: SubscriptionRow; secret: string }> {
    this.assertMayUse(user);
    this.assertTypes(user, input.eventTypes, locale);
    await this.assertTarget(input.url);
    const secret = newSecret();
    const eventTypes = [...new Set(input.eventTypes)];
    const row = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const id = await repo.insert({ orgId: ownerFor(user).orgId, url: input.url, secret, eventTypes, createdBy: user.id });
      await this.audit(tx, 'webhooks.subscription_created', user, id, { url: input.url, eventTypes });
      return (await repo.find(id))!;
    });
    return { row, secret };
  }

  async update(id: number, patch: WebhookPatch, user: CurrentUser, locale: Locale): Promise<SubscriptionRow> {
    this.assertMayUse(user);
    if (patch.eventTypes) this.assertTypes(user, patch.eventTypes, locale);
    if (patch.url) await this.assertTarget(patch.url);
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await this.lockOwned(repo, id, user);
      const next = {
        url: patch.url ?? before.url,
        eventTypes: patch.eventTypes ? [...new Set(patch.eventTypes)] : before.event_types,
        status: patch.status ?? before.status,
        pausedReason: patch.status === 'paused' && before.status !== 'paused' ? 'manual' : before.paused_reason,
      };
      await repo.update(id, next);
      await this.audit(tx, 'webhooks.subscription_updated', user, id, { url: next.url, eventTypes: next.eventTypes, status: next.status });
      return (await repo.find(id))!;
    });
  }

  async remove(id: number, user: CurrentUser): Promise<void> {
    this.assertMayUse(user);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await this.lockOwned(repo, id, user);
      await repo.remove(id);
      await this.audit(tx, 'webhooks.subscription_deleted', user, id, { url: before.url, eventTypes: before.event_types });
    });
  }

  async rotateSecret(id: number, user: CurrentUser): Promise<string> {
    this.assertMayUse(user);
    const secret = newSecret();
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await this.lockOwned(repo, id, user);
      await repo.setSecret(id, secret);
      await this.audit(tx, 'webhooks.secret_rotated', user, id, { url: before.url, eventTypes: before.event_types });
    });
    return secret;
  }

  /** The subscription's latest deliveries with their attempts, newest first. */
  async deliveries(id: number, user: CurrentUser) {
    await this.owned(id, user);
    const deliveries = await this.repo.deliveries(id);
    const attempts = await this.repo.attemptsOf(deliveries.map((d) => d.id));
    return deliveries.map((d) => ({ delivery: d, attempts: attempts.filter((a) => a.delivery_id === d.id) }));
  }

  async redeliver(id: number, deliveryId: number, user: CurrentUser) {
    await this.owned(id, user);
    if (!(await this.repo.requeue(id, deliveryId))) throw notFound('webhooks.deliveryNotFound');
    return (await this.deliveries(id, user)).find((d) => d.delivery.id === deliveryId)!;
  }

  private async owned(id: number, user: CurrentUser): Promise<SubscriptionRow> {
    this.assertMayUse(user);
    const row = await this.repo.find(id);
    if (!row || !mayManage(user, { orgId: row.org_id })) throw notFound('webhooks.notFound');
    return row;
  }

  private async lockOwned(repo: WebhookRepository, id: number, user: CurrentUser): Promise<SubscriptionRow> {
    const row = await repo.find(id, true);
    // another organization's subscription is not found, rather than forbidden: its existence is not told
    if (!row || !mayManage(user, { orgId: row.org_id })) throw notFound('webhooks.notFound');
    return row;
  }

  private assertMayUse(user: CurrentUser): void {
    if (!mayUseWebhooks(user)) throw forbidden('webhooks.notAllowed');
  }

  private assertTypes(user: CurrentUser, types: string[], locale: Locale): void {
    const visible = new Set(visibleEventTypes(user));
    const hidden = types.find((t) => !visible.has(t));
    if (hidden) {
      const params = { type: hidden, name: translate(locale, `webhooks.event.${hidden}`) };
      throw new AppError(403, 'forbidden', 'webhooks.eventNotVisible', params, [{ path: 'eventTypes', key: 'webhooks.eventNotVisible', params }]);
    }
  }

  private async assertTarget(url: string): Promise<void> {
    const problem = await targetProblem(url, this.opts.allowHttp);
    if (problem) throw invalid([{ path: 'url', key: `webhooks.url.${problem.problem}`, params: { host: problem.host } }]);
  }

  private audit(tx: Queryable, type: string, user: CurrentUser, id: number, detail: Record<string, unknown>) {
    return recordAudit(tx, {
      type,
      actor: { id: user.id, username: user.username, role: user.role },
      subject: { type: 'webhook', id },
      districtCode: null,
      detail,
    });
  }
}
