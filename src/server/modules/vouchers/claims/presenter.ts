/** Claims as a viewer sees them, and the payment batch's spreadsheet for the finance office. */
import type { SheetColumn } from '../../../platform/export/spreadsheet.ts';
import type { CurrentUser } from '../../auth/index.ts';
import { actsFor } from '../../auth/index.ts';
import { mayReviewClaim } from '../policy.ts';
import { CHONGQING_DIVISIONS } from '../../reference/index.ts';
import type { Claim } from './repository.ts';
import { splitShares } from './service.ts';

const DIVISION_NAME = new Map(CHONGQING_DIVISIONS.map((d) => [d.code, d.name]));

/**
 * The city's and the district's parts of a claim: fixed once it is in a payment batch, until then what the
 * scheme's split gives now. The district is the holder's (a district scheme only has holders of its district).
 */
export function sharesOf(c: Claim) {
  const { cityFen, districtFen } =
    c.cityFen != null && c.districtFen != null ? { cityFen: c.cityFen, districtFen: c.districtFen } : splitShares(c.amountFen, c.schemeCitySharePct);
  const districtCode = c.districtCode ?? c.schemeDistrict;
  return {
    cityFen,
    districtFen,
    districtCode,
    districtName: districtCode ? (DIVISION_NAME.get(districtCode) ?? districtCode) : null,
    fixed: c.cityFen != null,
  };
}

/** Where a claim's public notice stands: not (yet) noticed, open now, or its period ended. */
export function noticeState(c: { status: string; noticeUntil: Date | null }, now = new Date()): 'open' | 'ended' | null {
  if (!c.noticeUntil || c.status === 'submitted' || c.status === 'returned') return null;
  return c.status === 'in_notice' && c.noticeUntil > now ? 'open' : 'ended';
}

const iso = (v: Date | string | null) => (v == null ? null : v instanceof Date ? v.toISOString() : String(v));
const doc = (d: { url: string | null } | null) => (d ? { url: d.url ?? null } : null);

export const presentClaim = (c: Claim, viewer: CurrentUser) => ({
  id: c.id,
  claimNo: c.claimNo,
  status: c.status,
  scheme: { id: c.schemeId, name: c.schemeName },
  voucher: { id: c.voucherId, voucherNo: c.voucherNo },
  orderId: c.orderId,
  provider: { orgId: c.providerOrgId, name: c.providerName },
  holder: { orgId: c.holderOrgId, name: c.holderName },
  districtCode: c.districtCode,
  amountFen: c.amountFen,
  shares: sharesOf(c),
  evidence: {
    orderNo: c.evidence.orderNo,
    title: c.evidence.title,
    contract: doc(c.evidence.contract),
    invoiceNo: c.evidence.invoiceNo,
    paymentProof: doc(c.evidence.paymentProof),
    deliverables: c.evidence.deliverables.map((d) => ({ name: d.name, url: d.url ?? null })),
    acceptedAt: iso(c.evidence.acceptedAt),
    paidAt: iso(c.evidence.paidAt),
    totalFen: c.evidence.totalFen,
    voucherFen: c.evidence.voucherFen,
  },
  returnReason: c.returnReason,
  noticeUntil: c.noticeUntil,
  noticeState: noticeState(c),
  batchId: c.batchId,
  objections: c.objections,
  submittedAt: c.submittedAt,
  decidedAt: c.decidedAt,
  paidAt: c.paidAt,
  can: {
    review: c.status === 'submitted' && mayReviewClaim(viewer, c),
    resubmit: c.status === 'returned' && actsFor(viewer, c.providerOrgId),
    reject: c.status === 'in_notice' && mayReviewClaim(viewer, c),
    seeObjections: mayReviewClaim(viewer, c),
  },
});

/** A claim on the public notice: organizations, service, amount; whether it is still open to objections. */
export const presentNotice = (c: Claim) => ({
  id: c.id,
  claimNo: c.claimNo,
  schemeName: c.schemeName,
  holderName: c.holderName,
  providerName: c.providerName,
  title: c.evidence.title ?? c.evidence.orderNo,
  amountFen: c.amountFen,
  noticeUntil: c.noticeUntil!,
  state: noticeState(c) ?? 'ended',
});

export const BATCH_COLUMNS: SheetColumn[] = [
  { header: '序号', width: 6 },
  { header: '兑付单号', width: 20 },
  { header: '服务机构', width: 32 },
  { header: '持券机构', width: 32 },
  { header: '创新券编号', width: 18 },
  { header: '订单号', width: 22 },
  { header: '服务项目', width: 30 },
  { header: '合同金额（元）', width: 14 },
  { header: '兑付金额（元）', width: 14 },
  { header: '市级承担（元）', width: 14 },
  { header: '区县承担（元）', width: 14 },
  { header: '承担区县', width: 12 },
  { header: '发票号码', width: 16 },
  { header: '公示截止', width: 18 },
];

const yuan = (fen: number) => Math.round(fen) / 100;
const beijing = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export const batchRow = (c: Claim, i: number): (string | number | null)[] => {
  const s = sharesOf(c);
  return [
    i + 1,
    c.claimNo,
    c.providerName,
    c.holderName,
    c.voucherNo,
    c.evidence.orderNo,
    c.evidence.title ?? '',
    yuan(c.evidence.totalFen),
    yuan(c.amountFen),
    yuan(s.cityFen),
    yuan(s.districtFen),
    s.districtFen > 0 ? (s.districtName ?? '') : '—',
    c.evidence.invoiceNo ?? '',
    beijing(c.noticeUntil),
  ];
};
