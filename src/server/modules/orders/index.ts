/**
 * Service orders (服务订单) as app.ts and other modules see them: the module (routes), and the face
 * the vouchers module uses — `orders.get(id)`, `orders.setVoucherShare(tx, id, share)` in the caller's
 * transaction, `orders.claimEvidence(id)` the claim is assembled from. The catalogue comes in through
 * a ServiceLookup (the services module's `get`), so this module imports no catalogue; instrument bookings
 * through a BookingLookup (the instruments module's `bookings.settlement`): a completed booking settles
 * through an order of kind instrument_booking (booking-settlement.ts).
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database, Queryable } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { AuthService } from '../auth/index.ts';
import { ORDERS_TABLES } from './tables.ts';
import { OrderCore } from './service.ts';
import { OrderSteps } from './steps.ts';
import { OrdersFace, type ClaimEvidence, type OrderSummary } from './face.ts';
import { orderRoutes } from './routes.ts';
import { BookingSettlement } from './booking-settlement.ts';
import type { BookingLookup, ServiceLookup } from './schemas.ts';

export { ORDER_KINDS, ORDER_STATUSES, type BookingLookup, type BookingSummary, type OrderStatus, type ServiceLookup, type ServiceSummary } from './schemas.ts';
export type { ClaimEvidence, OrderSummary } from './face.ts';
export { seedDemoOrders } from './demo.ts';

export class OrdersModule implements ModuleFace {
  readonly name = 'orders';
  readonly tables = ORDERS_TABLES;
  readonly core: OrderCore;
  readonly steps: OrderSteps;
  readonly face: OrdersFace;
  readonly bookingSettlement: BookingSettlement;

  constructor(
    db: Database,
    services: ServiceLookup,
    bookings: BookingLookup,
    auth: AuthService,
    private readonly opts: { pdfFontPath?: string } = {},
  ) {
    this.core = new OrderCore(db, services, auth);
    this.steps = new OrderSteps(this.core);
    this.face = new OrdersFace(this.core.repo);
    this.bookingSettlement = new BookingSettlement(db, this.core.repo, bookings);
  }

  /** An order's summary (buyer, provider, service, category, status, totals, voucher share), or null. */
  get(id: number, tx?: Queryable): Promise<OrderSummary | null> {
    return this.face.get(id, tx);
  }

  /** Sets or clears (null) the voucher's share, in the caller's transaction; refused once paid or cancelled, or above the total. */
  setVoucherShare(tx: Queryable, orderId: number, share: { voucherId: number; voucherFen: number } | null): Promise<OrderSummary> {
    return this.face.setVoucherShare(tx, orderId, share);
  }

  /** What a redemption claim is made of: contract, invoice, payment proof, deliverables, dates and amounts. */
  claimEvidence(orderId: number, tx?: Queryable): Promise<ClaimEvidence | null> {
    return this.face.claimEvidence(orderId, tx);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(orderRoutes, { core: this.core, steps: this.steps, settlement: this.bookingSettlement, pdfFontPath: this.opts.pdfFontPath });
  }
}
