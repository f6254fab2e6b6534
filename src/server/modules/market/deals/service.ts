/**
 * Deals (技术交易), the start of trading: an organization sends an inquiry on an achievement or an
 * offer on a demand, and the two organizations talk in one thread. inquiry → negotiating (the other
 * side's first reply) → agreed (both sides agreed) | withdrawn (either side, with a reason). Every
 * step keeps its history; contract registration will start from agreed deals.
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../../platform/http/errors.ts';
import { listHistory, recordHistory } from '../../../platform/history.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { notify, type NotificationKind } from '../../notifications/index.ts';
import { actorOf, type AuthService, type CurrentUser } from '../../auth/index.ts';
import { dealReadOnly, dealScope, dealSide, mayOpenDeal, mayReadDeal } from '../policy.ts';
import type { DealSide, DealStatus } from '../schemas.ts';
import { DealRepository } from './repository.ts';
import type { Deal, DealInput, DealMessage } from './schemas.ts';

export class DealService {
  private readonly repo: DealRepository;

  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
  ) {
    this.repo = new DealRepository(db);
  }

  /** Opens a deal, or adds the message to the organization's open thread on the same subject. */
  async open(input: DealInput, user: CurrentUser): Promise<{ id: number; created: boolean }> {
    if (!mayOpenDeal(user)) throw forbidden('deal.membersOnly');
    const orgId = user.orgId!;
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const subject = await repo.subject(input);
      const kind = input.achievementId ? 'inquiry' : 'offer';
      if (subject?.status !== 'published') throw notFound(input.achievementId ? 'market.achievementNotFound' : 'market.demandNotFound');
      if (subject.orgId === orgId) throw conflict('deal.ownSubject');
      const inserted = await repo.insert({
        kind,
        achievementId: input.achievementId ?? null,
        demandId: input.demandId ?? null,
        initiatorOrgId: orgId,
        counterpartOrgId: subject.orgId,
        createdBy: user.id,
      });
      let id: number;
      if (inserted != null) {
        id = inserted;
        await recordHistory(tx, {
          entityType: 'deal',
          entityId: id,
          action: 'open',
          actor: actorOf(user),
          before: null,
          after: { kind, status: 'inquiry', subject: subject.title },
        });
        await publishEvent(tx, {
          type: 'deal.opened',
          aggregateType: 'deal',
          aggregateId: id,
          payload: { id, kind, initiatorOrgId: orgId, counterpartOrgId: subject.orgId },
          actorId: user.id,
        });
        await this.notifyOrg(tx, subject.orgId, 'deal.opened', id, { subject: subject.title, kindKey: `deal.kind.${kind}` });
      } else {
        id = await repo.openThread(orgId, input);
      }
      await this.addMessage(tx, id, input.message, user, 'initiator', inserted == null);
      return { id, created: inserted != null };
    });
  }

  /** The deal with its thread, for its two sides and the city admin. */
  async get(id: number, user: CurrentUser): Promise<{ deal: Deal; messages: DealMessage[] }> {
    const deal = await this.repo.find(id);
    if (!deal || !mayReadDeal(user, deal)) throw notFound('deal.notFound');
    return { deal, messages: await this.repo.messages(id) };
  }

  async list(user: CurrentUser, statuses: DealStatus[] | undefined, page: number, pageSize: number) {
    const { items, total } = await this.repo.list(dealScope(user), statuses, page, pageSize);
    return { items, total, page, pageSize };
  }

  async reply(id: number, body: string, user: CurrentUser) {
    await this.db.transaction(async (tx) => {
      const d = await this.lockForSide(tx, id, user);
      if (d.status === 'agreed' || d.status === 'withdrawn') throw conflict('deal.closed', { statusKey: `deal.status.${d.status}` });
      await this.addMessage(tx, id, body, user, dealSide(d, user)!);
    });
    return this.get(id, user);
  }

  async agree(id: number, user: CurrentUser) {
    await this.db.transaction(async (tx) => {
      const d = await this.lockForSide(tx, id, user);
      const side = dealSide(d, user)!;
      if (d.status === 'inquiry') throw conflict('deal.notNegotiating');
      if (d.status !== 'negotiating') throw conflict('deal.closed', { statusKey: `deal.status.${d.status}` });
      const initiator = d.agreedByInitiator || side === 'initiator';
      const counterpart = d.agreedByCounterpart || side === 'counterpart';
      const status: DealStatus = initiator && counterpart ? 'agreed' : 'negotiating';
      await this.repo.with(tx).setAgreement(id, initiator, counterpart, status);
      await recordHistory(tx, {
        entityType: 'deal',
        entityId: id,
        action: 'agree',
        actor: actorOf(user),
        before: { status: d.status },
        after: { status, side },
      });
      await recordAudit(tx, { type: 'market.deal_agree', actor: user, subject: { type: 'deal', id }, detail: { side, status } });
      const other = side === 'initiator' ? d.counterpartOrgId : d.initiatorOrgId;
      if (status === 'agreed') {
        await publishEvent(tx, {
          type: 'deal.agreed',
          aggregateType: 'deal',
          aggregateId: id,
          payload: { id, initiatorOrgId: d.initiatorOrgId, counterpartOrgId: d.counterpartOrgId, achievementId: d.achievementId, demandId: d.demandId },
          actorId: user.id,
        });
      }
      await this.notifyOrg(tx, other, 'deal.agreed', id, { subject: d.subjectTitle, bothKey: status === 'agreed' ? 'deal.bothAgreed' : 'deal.oneAgreed' });
    });
    return this.get(id, user);
  }

  async withdraw(id: number, reason: string, user: CurrentUser) {
    await this.db.transaction(async (tx) => {
      const d = await this.lockForSide(tx, id, user);
      if (d.status === 'agreed' || d.status === 'withdrawn') throw conflict('deal.closed', { statusKey: `deal.status.${d.status}` });
      await this.repo.with(tx).withdraw(id, reason);
      await recordHistory(tx, {
        entityType: 'deal',
        entityId: id,
        action: 'withdraw',
        actor: actorOf(user),
        before: { status: d.status },
        after: { status: 'withdrawn', reason },
      });
      await recordAudit(tx, { type: 'market.deal_withdraw', actor: user, subject: { type: 'deal', id }, detail: { from: d.status, reason } });
      await publishEvent(tx, { type: 'deal.withdrawn', aggregateType: 'deal', aggregateId: id, payload: { id }, actorId: user.id });
      const other = dealSide(d, user) === 'initiator' ? d.counterpartOrgId : d.initiatorOrgId;
      await this.notifyOrg(tx, other, 'deal.withdrawn', id, { subject: d.subjectTitle, reason });
    });
    return this.get(id, user);
  }

  async history(id: number, user: CurrentUser) {
    await this.get(id, user);
    return listHistory(this.db, 'deal', id);
  }

  /** The deal, locked, when the user speaks for one of its two organizations (the city admin reads only). */
  private async lockForSide(tx: Queryable, id: number, user: CurrentUser): Promise<Deal> {
    const d = await this.repo.with(tx).find(id, true);
    if (!d) throw notFound('deal.notFound');
    if (!dealSide(d, user)) throw dealReadOnly(user) ? forbidden('deal.partiesOnly') : notFound('deal.notFound');
    return d;
  }

  private async addMessage(tx: Queryable, id: number, body: string, user: CurrentUser, side: DealSide, notifyOther = true) {
    const d = await this.repo.with(tx).addMessage(id, { authorId: user.id, authorOrgId: user.orgId, body }, side);
    if (side === 'counterpart' && d.status === 'negotiating') {
      await recordHistory(tx, { entityType: 'deal', entityId: id, action: 'reply', actor: actorOf(user), before: null, after: { status: d.status } });
    }
    if (!notifyOther) return; // the opening message comes with its own notification
    const other = side === 'initiator' ? d.counterpartOrgId : d.initiatorOrgId;
    await this.notifyOrg(tx, other, 'deal.message', id, { subject: d.subjectTitle, from: user.displayName || user.username });
  }

  /** Everyone who acts for the organization hears of it. */
  private async notifyOrg(tx: Queryable, orgId: number, kind: NotificationKind, dealId: number, params: Record<string, unknown>) {
    await notify(tx, await this.auth.orgMemberIds(orgId, tx), kind, null, params, `/deals/${dealId}`);
  }
}
