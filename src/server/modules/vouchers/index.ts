/**
 * The vouchers module's face (科技创新券): schemes with their budget ledger, eligibility as rules over the
 * organization profile, applications, issued vouchers, expiry. The checkout on an order and the provider's claim
 * (兑付) build on it.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { ApplicationService } from './applications.ts';
import type { DirectoryFace } from './facts.ts';
import { voucherRoutes } from './routes.ts';
import { CheckoutService } from './checkout/service.ts';
import { checkoutRoutes } from './checkout/routes.ts';
import { ClaimService } from './claims/service.ts';
import { claimRoutes } from './claims/routes.ts';
import { statsRoutes } from './stats/routes.ts';
import { VoucherStatsService } from './stats/service.ts';
import type { OrdersFace } from './orders-face.ts';
import { VoucherService } from './service.ts';
import { VOUCHER_TABLES } from './tables.ts';

export { evaluate, DEFAULT_ELIGIBILITY, type Rule, type OrgFacts, type Verdict } from './eligibility.ts';
export { VOUCHER_EXCLUDED_KINDS, SchemeInput } from './schemas.ts';
export type { VoucherService } from './service.ts';
export type { CheckoutService } from './checkout/service.ts';
export type { ClaimService } from './claims/service.ts';
export type { OrdersFace, OrderSummary, ClaimEvidence } from './orders-face.ts';

/** How often due vouchers are expired (their unused amount back to the budget). */
const EXPIRY_EVERY_MS = 10 * 60_000;

export class VouchersModule implements ModuleFace {
  readonly name = 'vouchers';
  readonly tables = VOUCHER_TABLES;
  readonly vouchers: VoucherService;
  readonly applications: ApplicationService;
  readonly checkout: CheckoutService;
  readonly claims: ClaimService;
  readonly stats: VoucherStatsService;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    directory: DirectoryFace,
    orders: OrdersFace,
  ) {
    this.vouchers = new VoucherService(db, directory);
    this.applications = new ApplicationService(db, this.vouchers.repo, this.vouchers, directory);
    this.checkout = new CheckoutService(db, this.vouchers.repo, orders, directory);
    this.claims = new ClaimService(db, this.vouchers.repo, this.checkout.uses, orders, directory);
    this.stats = new VoucherStatsService(db);
  }

  /** Vouchers issued and redeemed in a (Beijing) year, city-wide, in yuan: the statistics' figures. */
  async yearTotals(year: number): Promise<{ issuedYuan: number; redeemedYuan: number }> {
    const f = await this.stats.figures(year, null);
    const sum = (rows: { amountFen: number }[]) => rows.reduce((t, r) => t + r.amountFen, 0) / 100;
    return { issuedYuan: sum(f.issued.byScheme), redeemedYuan: sum(f.redeemed.byScheme) };
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(voucherRoutes, { vouchers: this.vouchers, applications: this.applications });
    await app.register(checkoutRoutes, { checkout: this.checkout });
    await app.register(claimRoutes, { claims: this.claims });
    await app.register(statsRoutes, { db: this.db });
    this.timer = setInterval(() => {
      this.vouchers.expireDue().catch((err) => app.log.error({ err }, 'voucher expiry failed'));
    }, EXPIRY_EVERY_MS);
    this.timer.unref();
    app.addHook('onClose', async () => {
      if (this.timer) clearInterval(this.timer);
    });
  }
}
