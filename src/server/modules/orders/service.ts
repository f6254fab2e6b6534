/**
 * Service orders (服务订单): a buyer requests a catalogue service, the provider quotes, the buyer
 * confirms, the provider delivers (again after a dispute), the buyer accepts and pays; both rate.
 * Every step goes through `step()`: the order locked, the reader checked (404), the side (403), the
 * state (409, naming the current state), then the change with its history, audit entry and outbox
 * event in the same transaction. The steps themselves are in steps.ts; the vouchers' face in face.ts.
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { listHistory, recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { actorOf, isOffice, type AuthService, type CurrentUser } from '../auth/index.ts';
import { notify } from '../notifications/index.ts';
import { mayOrder, mayReadOrder, orderScope, orderSide, sideMayTake, stateAllows, STEPS, type OrderStep } from './policy.ts';
import { type OrderChange, OrderRepository } from './repository.ts';
import type { Order, OrderInput, OrderSide, OrderStatus, ServiceLookup } from './schemas.ts';

/** The Beijing calendar day of a moment (UTC+8 all year). */
export const beijingDay = (d = new Date()): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A user id for a foreign key: the demo's synthetic actors have none. */
export const userRef = (user: CurrentUser): number | null => (user.id > 0 ? user.id : null);

export interface StepOutcome {
  change: OrderChange;
  /** what history keeps after the step (the status is added) */
  after?: Record<string, unknown>;
  /** the outbox event's type, when the step is one others react to */
  event?: string;
  detail?: Record<string, unknown>;
}

export class OrderCore {
  readonly repo: OrderRepository;

  constructor(
    readonly db: Database,
    readonly services: ServiceLookup,
    /** the members of an organization, who hear of the other side's steps; none in the demo's seeding */
    readonly auth: Pick<AuthService, 'orgMemberIds'> | null,
  ) {
    this.repo = new OrderRepository(db);
  }

  /** A new order for the caller's organization: the service's title, category and restriction are copied. */
  async create(input: OrderInput, user: CurrentUser): Promise<number> {
    if (!mayOrder(user)) throw forbidden('order.membersOnly');
    const service = await this.services.get(input.serviceId);
    if (!service) throw notFound('order.serviceNotFound');
    if (service.status !== 'published') throw conflict('order.serviceNotAvailable', { title: service.title });
    if (service.providerOrgId === user.orgId) throw conflict('order.ownService');
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const orderNo = await repo.nextOrderNo(beijingDay());
      const id = await repo.insert({
        orderNo,
        serviceId: service.id,
        buyerOrgId: user.orgId!,
        providerOrgId: service.providerOrgId,
        districtCode: service.districtCode,
        title: service.title,
        categoryCode: service.categoryCode,
        restrictedKind: service.restrictedKind,
        requirement: input.requirement,
        createdBy: userRef(user),
      });
      const after = { status: 'requested', orderNo, serviceId: service.id, title: service.title };
      await recordHistory(tx, { entityType: 'order', entityId: id, action: 'request', actor: actorOf(user), before: null, after });
      await recordAudit(tx, {
        type: 'order.request',
        actor: user.id > 0 ? user : null,
        districtCode: service.districtCode,
        subject: { type: 'order', id },
        detail: { orderNo, serviceId: service.id, providerOrgId: service.providerOrgId },
      });
      await this.tellOther(tx, { id, orderNo, title: service.title, buyerOrgId: user.orgId!, providerOrgId: service.providerOrgId }, 'buyer', 'request');
      await publishEvent(tx, {
        type: 'order.requested',
        aggregateType: 'order',
        aggregateId: id,
        payload: { id, orderNo, serviceId: service.id, buyerOrgId: user.orgId, providerOrgId: service.providerOrgId },
        actorId: userRef(user),
      });
      return id;
    });
  }

  /** The order for one who may read it; 404 for everyone else. */
  async read(id: number, user: CurrentUser | null, db: Queryable = this.db): Promise<Order> {
    const o = await this.repo.with(db).find(id);
    if (!o || !mayReadOrder(user, o)) throw notFound('order.notFound');
    return o;
  }

  /** The order with its files, milestones and deliveries. */
  async detail(id: number, user: CurrentUser | null) {
    const order = await this.read(id, user);
    const [files, milestones, deliverables] = await Promise.all([this.repo.files(id), this.repo.milestones(id), this.repo.deliverables(id)]);
    return { order, files, milestones, deliverables };
  }

  /** A stored file of the order, for one who may read the order. */
  async file(id: number, fileId: number, user: CurrentUser | null) {
    await this.read(id, user);
    const f = await this.repo.fileContent(id, fileId);
    if (!f) throw notFound('order.fileNotFound');
    return f;
  }

  async list(user: CurrentUser, q: { role?: OrderSide; status?: OrderStatus[]; page: number; pageSize: number }) {
    const { items, total } = await this.repo.list(orderScope(user, q.role), q.status, q.page, q.pageSize);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async history(id: number, user: CurrentUser) {
    await this.read(id, user);
    return listHistory(this.db, 'order', id);
  }

  /** The checks every step shares: readable (404), the right side (403), the right state (409). */
  check(o: Order | null, user: CurrentUser, step: OrderStep): { order: Order; side: OrderSide } {
    if (!o || !mayReadOrder(user, o)) throw notFound('order.notFound');
    const side = orderSide(o, user);
    if (!side) throw forbidden(isOffice(user) ? 'order.partiesOnly' : 'order.notFound');
    if (!sideMayTake(step, side))
      throw forbidden(STEPS[step].side === 'provider' ? 'order.providerStep' : 'order.buyerStep', { stepKey: `order.step.${step}` });
    if (!stateAllows(step, o.status)) throw conflict('order.wrongState', { statusKey: `order.status.${o.status}`, stepKey: `order.step.${step}` });
    return { order: o, side };
  }

  /** One step of the order, all or nothing. */
  async step(id: number, user: CurrentUser, step: OrderStep, run: (o: Order, side: OrderSide, tx: Queryable) => Promise<StepOutcome>): Promise<Order> {
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const { order: o, side } = this.check(await repo.find(id, true), user, step);
      const out = await run(o, side, tx);
      await repo.update(id, out.change);
      const status = out.change.status ?? o.status;
      await recordHistory(tx, {
        entityType: 'order',
        entityId: id,
        action: step,
        actor: actorOf(user),
        before: { status: o.status },
        after: { status, ...out.after },
      });
      await recordAudit(tx, {
        type: `order.${step}`,
        actor: user.id > 0 ? user : null,
        districtCode: o.districtCode,
        subject: { type: 'order', id },
        detail: { orderNo: o.orderNo, side, from: o.status, to: status, ...out.detail },
      });
      await this.tellOther(tx, o, side, step);
      if (out.event) {
        await publishEvent(tx, {
          type: out.event,
          aggregateType: 'order',
          aggregateId: id,
          payload: { id, orderNo: o.orderNo, buyerOrgId: o.buyerOrgId, providerOrgId: o.providerOrgId, status, ...out.after },
          actorId: userRef(user),
        });
      }
    });
    return this.read(id, user);
  }

  /** The other side's members hear of a step (in-app; email through the notifications module when SMTP is set). */
  async tellOther(
    tx: Queryable,
    o: Pick<Order, 'id' | 'orderNo' | 'title' | 'buyerOrgId' | 'providerOrgId'>,
    side: OrderSide,
    step: string,
    kind: 'order.step' | 'order.message' = 'order.step',
  ): Promise<void> {
    if (!this.auth) return;
    const other = side === 'buyer' ? o.providerOrgId : o.buyerOrgId;
    await notify(
      tx,
      await this.auth.orgMemberIds(other, tx),
      kind,
      null,
      { orderNo: o.orderNo, title: o.title, stepKey: `order.step.${step}` },
      `/orders/${o.id}`,
    );
  }
}
