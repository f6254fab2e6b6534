/** Claims (兑付), the public notice and payment batches as the API takes and gives them. */
import { z } from 'zod';
import { Timestamp } from '../../../platform/http/contract.ts';
import { IdParam, queryInt } from '../../../platform/http/fields.ts';
import { labelled as l } from '../../../platform/http/validation.ts';
import { CLAIM_STATUSES } from './repository.ts';

export const ClaimInput = z.object({ orderId: l(z.number().int().positive(), 'voucher.label.orderId') });
export const ReviewInput = z
  .object({
    decision: l(z.enum(['approve', 'return']), 'voucher.label.decision'),
    reason: l(z.string().trim().max(500), 'voucher.label.reason').optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason ?? '').length >= 2, { message: 'voucher.returnReasonRequired', path: ['reason'] });
export const RejectInput = z.object({ reason: l(z.string().trim().min(2, 'voucher.reasonRequired').max(500), 'voucher.label.reason') });
export const ObjectionInput = z.object({
  name: l(z.string().trim().min(2).max(50), 'voucher.label.objectorName'),
  contact: l(z.string().trim().min(5, 'voucher.contactRequired').max(100), 'voucher.label.objectorContact'),
  reason: l(z.string().trim().min(10, 'voucher.objectionShort').max(2000), 'voucher.label.objectionReason'),
});
export const BatchInput = z.object({ schemeId: l(z.number().int().positive(), 'voucher.label.schemeId').optional() });
export const ClaimListQuery = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  schemeId: queryInt(1).optional(),
  batchId: queryInt(1).optional(),
  orderId: queryInt(1).optional(),
  /** a member's organization: the claims on its vouchers (holder) or those it filed (provider); absent: both */
  side: z.enum(['holder', 'provider']).optional(),
  page: queryInt(1, 10_000).default(1),
  pageSize: queryInt(1, 100).default(20),
});
export const BatchParams = z.object({ id: IdParam });

const Doc = z.object({ url: z.string().nullable() }).nullable();
export const ClaimView = z
  .object({
    id: z.number().int(),
    claimNo: z.string(),
    status: z.enum(CLAIM_STATUSES),
    scheme: z.object({ id: z.number().int(), name: z.string() }),
    voucher: z.object({ id: z.number().int(), voucherNo: z.string() }),
    orderId: z.number().int(),
    provider: z.object({ orgId: z.number().int(), name: z.string() }),
    holder: z.object({ orgId: z.number().int(), name: z.string() }),
    districtCode: z.string().nullable(),
    amountFen: z.number().int(),
    /** the co-funding split of amountFen: fixed when the claim joins a payment batch, a preview before */
    shares: z.object({
      cityFen: z.number().int(),
      districtFen: z.number().int(),
      districtCode: z.string().nullable(),
      districtName: z.string().nullable(),
      fixed: z.boolean(),
    }),
    evidence: z.object({
      orderNo: z.string(),
      title: z.string().optional(),
      contract: Doc,
      invoiceNo: z.string().nullable(),
      paymentProof: Doc,
      deliverables: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
      acceptedAt: z.string().nullable(),
      paidAt: z.string().nullable(),
      totalFen: z.number().int(),
      voucherFen: z.number().int(),
    }),
    returnReason: z.string().nullable(),
    noticeUntil: Timestamp.nullable(),
    /** open: in its public notice now; ended: the period is over (公示期满); null: not noticed */
    noticeState: z.enum(['open', 'ended']).nullable(),
    batchId: z.number().int().nullable(),
    objections: z.number().int(),
    submittedAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    paidAt: Timestamp.nullable(),
    can: z.object({ review: z.boolean(), resubmit: z.boolean(), reject: z.boolean(), seeObjections: z.boolean() }),
  })
  .meta({ id: 'VoucherClaim' });
export const ClaimListView = z.object({ items: z.array(ClaimView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const NoticeView = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        claimNo: z.string(),
        schemeName: z.string(),
        holderName: z.string(),
        providerName: z.string(),
        title: z.string(),
        amountFen: z.number().int(),
        noticeUntil: Timestamp,
        /** open: objections are taken until noticeUntil; ended: 公示期满 */
        state: z.enum(['open', 'ended']),
      }),
    ),
  })
  .meta({ id: 'VoucherNotice' });

export const BatchView = z
  .object({
    id: z.number().int(),
    batchNo: z.string(),
    status: z.enum(['open', 'paid']),
    totalFen: z.number().int(),
    /** the city's and the districts' parts of the total */
    cityFen: z.number().int(),
    districtFen: z.number().int(),
    claimCount: z.number().int(),
    createdAt: Timestamp,
    paidAt: Timestamp.nullable(),
  })
  .meta({ id: 'VoucherBatch' });
export const BatchListView = z.object({ items: z.array(BatchView) });
export const BatchDetailView = BatchView.extend({ claims: z.array(ClaimView) }).meta({ id: 'VoucherBatchDetail' });

export const ObjectionListView = z
  .object({
    items: z.array(z.object({ id: z.number().int(), name: z.string(), contact: z.string(), reason: z.string(), createdAt: Timestamp })),
  })
  .meta({ id: 'VoucherClaimObjections' });
