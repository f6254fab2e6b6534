/**
 * Claims (兑付): once the order is accepted and paid, the provider submits a claim that is assembled from the order
 * (contract, invoice, proof of payment, deliverables) — nothing is typed again. The holder's district office (or
 * the city) reviews it: returns it with a reason, or approves it, which moves the share reserved → redeemed and
 * opens the public notice (公示). Anyone may object during the notice; an upheld objection rejects the claim and
 * gives the money back to the budget. Claims whose notice ended go into a payment batch (xlsx for the finance
 * office); settling the batch moves them redeemed → paid.
 */
import type { Database } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actsFor, isAdmin, isDistrictAdmin, type CurrentUser } from '../../auth/index.ts';
import type { DirectoryFace } from '../facts.ts';
import type { ClaimEvidence, OrdersFace } from '../orders-face.ts';
import { mayBatch, mayReviewClaim, maySeeClaim } from '../policy.ts';
import type { VoucherRepository } from '../repository.ts';
import type { UseRepository } from '../checkout/repository.ts';
import { backdateNotice, type Batch, type Claim, ClaimRepository } from './repository.ts';

const DAY_MS = 86400_000;
/** How long a notice whose period ended stays on the public page (labelled 公示期满). */
export const NOTICE_KEPT_DAYS = 30;

/**
 * A claim's co-funding split: the city pays its percentage of the amount (rounded to the fen), the district the rest,
 * so the two always add up to the amount exactly. RULES.md names no split: it is the scheme's citySharePct.
 */
export function splitShares(amountFen: number, citySharePct: number): { cityFen: number; districtFen: number } {
  const cityFen = Math.round((amountFen * citySharePct) / 100);
  return { cityFen, districtFen: amountFen - cityFen };
}

/** What a claim must carry; the keys name the missing parts in the refusal. */
export function missingEvidence(e: ClaimEvidence): string[] {
  const missing: string[] = [];
  if (!e.contract) missing.push('contract');
  if (!e.invoiceNo) missing.push('invoice');
  if (!e.paymentProof) missing.push('paymentProof');
  if (!e.deliverables.length) missing.push('deliverables');
  return missing;
}

export class ClaimService {
  readonly repo: ClaimRepository;

  constructor(
    private readonly db: Database,
    private readonly vouchers: VoucherRepository,
    private readonly uses: UseRepository,
    private readonly orders: OrdersFace,
    private readonly directory: DirectoryFace,
  ) {
    this.repo = new ClaimRepository(db);
  }

  private async assemble(orderId: number, user: CurrentUser) {
    const order = await this.orders.get(orderId);
    if (!order) throw notFound('voucher.orderNotFound');
    if (!actsFor(user, order.providerOrgId)) throw forbidden('voucher.providerOnly');
    if (order.status !== 'paid') throw conflict('voucher.claimOrderNotPaid');
    const use = await this.uses.forOrder(orderId);
    if (!use) throw conflict('voucher.orderHasNoVoucher');
    const evidence = await this.orders.claimEvidence(orderId);
    if (!evidence) throw notFound('voucher.orderNotFound');
    const missing = missingEvidence(evidence);
    if (missing.length) {
      // each missing part is named as a field of the order, so the page can point at it
      throw new AppError(
        409,
        'claim_incomplete',
        'voucher.claimIncomplete',
        {},
        missing.map((m) => ({ path: m, key: `voucher.evidence.${m}` })),
      );
    }
    return { order, use, evidence: { ...evidence, title: order.title } };
  }

  async submit(orderId: number, user: CurrentUser): Promise<Claim> {
    const { order, use, evidence } = await this.assemble(orderId, user);
    const voucher = (await this.vouchers.voucher(use.voucherId))!;
    const holder = await this.directory.orgs.get(order.buyerOrgId);
    const id = await this.db.transaction(async (tx) => {
      const id = await this.repo.with(tx).insert({
        useId: use.id,
        voucherId: use.voucherId,
        schemeId: voucher.schemeId,
        orderId,
        providerOrgId: order.providerOrgId,
        holderOrgId: order.buyerOrgId,
        districtCode: holder.districtCode ?? null,
        amountFen: use.shareFen,
        evidence,
      });
      if (id == null) throw conflict('voucher.claimExists');
      await recordAudit(tx, {
        type: 'voucher.claim_submitted',
        actor: user,
        districtCode: holder.districtCode,
        subject: { type: 'voucher_claim', id },
        detail: { orderId, amountFen: use.shareFen },
      });
      await publishEvent(tx, { type: 'voucher.claim_submitted', aggregateType: 'voucher_claim', aggregateId: id, payload: { id, orderId }, actorId: user.id });
      return id;
    });
    return (await this.repo.find(id))!;
  }

  /** A returned claim goes back to review with the order's evidence as it is now. */
  async resubmit(id: number, user: CurrentUser): Promise<Claim> {
    const claim = await this.get(id, user);
    if (claim.status !== 'returned') throw conflict('voucher.claimNotReturned');
    const { evidence } = await this.assemble(claim.orderId, user);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).update(id, [sql`status = 'submitted'`, sql`evidence = ${JSON.stringify(evidence)}`, sql`submitted_at = now()`]);
      await recordAudit(tx, { type: 'voucher.claim_resubmitted', actor: user, districtCode: claim.districtCode, subject: { type: 'voucher_claim', id } });
    });
    return (await this.repo.find(id))!;
  }

  async get(id: number, user: CurrentUser): Promise<Claim> {
    const c = await this.repo.find(id);
    if (!c || !maySeeClaim(user, c)) throw notFound('voucher.claimNotFound');
    return c;
  }

  list(
    user: CurrentUser,
    q: { status?: string; schemeId?: number; batchId?: number; orderId?: number; side?: 'holder' | 'provider'; page: number; pageSize: number },
  ) {
    const where: Sql[] = [];
    // a member sees its organization's side of each claim: as the holder whose voucher paid, or as the provider who filed
    if (user.role === 'org_member') {
      if (q.side === 'holder') where.push(sql`c.holder_org_id = ${user.orgId}`);
      else if (q.side === 'provider') where.push(sql`c.provider_org_id = ${user.orgId}`);
      else where.push(sql`(c.provider_org_id = ${user.orgId} OR c.holder_org_id = ${user.orgId})`);
    } else if (isDistrictAdmin(user)) where.push(sql`c.district_code = ${user.districtCode}`);
    else if (!isAdmin(user)) throw forbidden();
    if (q.status) where.push(sql`c.status = ${q.status}`);
    if (q.schemeId) where.push(sql`c.scheme_id = ${q.schemeId}`);
    if (q.batchId) where.push(sql`c.batch_id = ${q.batchId}`);
    if (q.orderId) where.push(sql`c.order_id = ${q.orderId}`);
    return this.repo.list(where, q.page, q.pageSize);
  }

  async review(id: number, input: { decision: 'approve' | 'return'; reason?: string | null }, user: CurrentUser, now = new Date()): Promise<Claim> {
    const claim = await this.get(id, user);
    if (!mayReviewClaim(user, claim)) throw forbidden('voucher.reviewForbidden');
    const scheme = (await this.vouchers.scheme(claim.schemeId))!;
    await this.db.transaction(async (tx) => {
      const locked = await this.repo.with(tx).find(id, true);
      if (locked?.status !== 'submitted') throw conflict('voucher.claimNotSubmitted');
      if (input.decision === 'return') {
        await this.repo.with(tx).update(id, [sql`status = 'returned'`, sql`return_reason = ${input.reason ?? null}`, sql`decided_at = now()`]);
      } else {
        const until = new Date(now.getTime() + scheme.noticeDays * DAY_MS);
        const moved = await this.vouchers.with(tx).move({
          schemeId: claim.schemeId,
          from: 'reserved',
          to: 'redeemed',
          amountFen: claim.amountFen,
          voucherId: claim.voucherId,
          orderId: claim.orderId,
          claimId: id,
          reason: 'claim_approved',
          actorId: user.id,
        });
        if (!moved) throw conflict('voucher.ledgerMismatch');
        await this.uses.with(tx).setStatus(claim.useId, 'redeemed');
        await this.repo.with(tx).update(id, [sql`status = 'in_notice'`, sql`notice_until = ${until}`, sql`decided_at = now()`, sql`return_reason = NULL`]);
        await publishEvent(tx, {
          type: 'voucher.redeemed',
          aggregateType: 'voucher_claim',
          aggregateId: id,
          payload: { id, schemeId: claim.schemeId, amountFen: claim.amountFen, districtCode: claim.districtCode },
          actorId: user.id,
        });
      }
      await recordAudit(tx, {
        type: input.decision === 'approve' ? 'voucher.claim_approved' : 'voucher.claim_returned',
        actor: user,
        districtCode: claim.districtCode,
        subject: { type: 'voucher_claim', id },
        detail: { amountFen: claim.amountFen, reason: input.reason ?? null },
      });
    });
    return (await this.repo.find(id))!;
  }

  /** An objection during the public notice (anyone; its contact is shown to the offices only). */
  async object(id: number, input: { name: string; contact: string; reason: string }, now = new Date()): Promise<void> {
    const claim = await this.repo.find(id);
    if (claim?.status !== 'in_notice') throw notFound('voucher.noticeNotFound');
    if (claim.noticeUntil && claim.noticeUntil <= now) throw conflict('voucher.noticeEnded');
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).addObjection(id, input);
      await recordAudit(tx, { type: 'voucher.claim_objected', actor: null, districtCode: claim.districtCode, subject: { type: 'voucher_claim', id } });
    });
  }

  /** An upheld objection: the claim is rejected and its amount goes back to the scheme's budget. */
  async reject(id: number, reason: string, user: CurrentUser): Promise<Claim> {
    const claim = await this.get(id, user);
    if (!mayReviewClaim(user, claim)) throw forbidden('voucher.reviewForbidden');
    await this.db.transaction(async (tx) => {
      const locked = await this.repo.with(tx).find(id, true);
      if (locked?.status !== 'in_notice') throw conflict('voucher.claimNotInNotice');
      await this.vouchers.with(tx).move({
        schemeId: claim.schemeId,
        from: 'redeemed',
        to: 'available',
        amountFen: claim.amountFen,
        voucherId: claim.voucherId,
        claimId: id,
        reason: 'claim_rejected',
        actorId: user.id,
      });
      await this.uses.with(tx).setStatus(claim.useId, 'released');
      await this.repo.with(tx).update(id, [sql`status = 'rejected'`, sql`return_reason = ${reason}`, sql`decided_at = now()`]);
      await recordAudit(tx, {
        type: 'voucher.claim_rejected',
        actor: user,
        districtCode: claim.districtCode,
        subject: { type: 'voucher_claim', id },
        detail: { reason },
      });
    });
    return (await this.repo.find(id))!;
  }

  /**
   * The public notice (no personal data: organizations, amounts, the service): claims in notice now, and for
   * NOTICE_KEPT_DAYS those whose period ended — labelled as ended, no longer open to objections.
   */
  notices(now = new Date()): Promise<Claim[]> {
    return this.repo.notices(now, NOTICE_KEPT_DAYS);
  }

  /** The objections to a claim, with the objector's contact: the offices that review it, nobody else. */
  async objections(id: number, user: CurrentUser) {
    const claim = await this.get(id, user);
    if (!mayReviewClaim(user, claim)) throw forbidden('voucher.objectionsOfficesOnly');
    return this.repo.objections(id);
  }

  async createBatch(user: CurrentUser, schemeId?: number, now = new Date()): Promise<Batch> {
    if (!mayBatch(user)) throw forbidden('voucher.batchForbidden');
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const due = await repo.dueForBatch(now, schemeId);
      if (!due.length) throw conflict('voucher.nothingToBatch');
      const id = await repo.insertBatch(user.id);
      const total = due.reduce((s, c) => s + c.amountFen, 0);
      // the split is fixed as the claim joins the batch: a later change of the scheme does not rewrite the list
      for (const c of due) {
        const { cityFen, districtFen } = splitShares(c.amountFen, c.schemeCitySharePct);
        await repo.update(c.id, [sql`status = 'batched'`, sql`batch_id = ${id}`, sql`city_fen = ${cityFen}`, sql`district_fen = ${districtFen}`]);
      }
      await repo.setBatch(id, [sql`total_fen = ${total}`]);
      await recordAudit(tx, {
        type: 'voucher.batch_created',
        actor: user,
        subject: { type: 'voucher_batch', id },
        detail: { claims: due.length, totalFen: total },
      });
      return id;
    });
    return (await this.repo.batch(id))!;
  }

  async markPaid(batchId: number, user: CurrentUser): Promise<Batch> {
    if (!mayBatch(user)) throw forbidden('voucher.batchForbidden');
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const batch = await repo.batch(batchId, true);
      if (!batch) throw notFound('voucher.batchNotFound');
      if (batch.status !== 'open') throw conflict('voucher.batchPaid');
      for (const c of await repo.batchClaims(batchId)) {
        const moved = await this.vouchers.with(tx).move({
          schemeId: c.schemeId,
          from: 'redeemed',
          to: 'paid',
          amountFen: c.amountFen,
          voucherId: c.voucherId,
          claimId: c.id,
          reason: 'paid',
          actorId: user.id,
        });
        if (!moved) throw conflict('voucher.ledgerMismatch');
        await this.uses.with(tx).setStatus(c.useId, 'paid');
        await repo.update(c.id, [sql`status = 'paid'`, sql`paid_at = now()`]);
      }
      await repo.setBatch(batchId, [sql`status = 'paid'`, sql`paid_at = now()`]);
      await recordAudit(tx, { type: 'voucher.batch_paid', actor: user, subject: { type: 'voucher_batch', id: batchId }, detail: { totalFen: batch.totalFen } });
    });
    return (await this.repo.batch(batchId))!;
  }

  async batch(id: number, user: CurrentUser): Promise<{ batch: Batch; claims: Claim[] }> {
    if (!mayBatch(user)) throw forbidden('voucher.batchForbidden');
    const batch = await this.repo.batch(id);
    if (!batch) throw notFound('voucher.batchNotFound');
    return { batch, claims: await this.repo.batchClaims(id) };
  }

  batches(user: CurrentUser): Promise<Batch[]> {
    if (!mayBatch(user)) throw forbidden('voucher.batchForbidden');
    return this.repo.batches();
  }

  /** Demo data only: ends a claim's notice now, so the demo's console has a batch to make on its first day. */
  endNoticeForDemo(id: number, until: Date): Promise<void> {
    return backdateNotice(this.db, id, until);
  }
}
