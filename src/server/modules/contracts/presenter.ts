/** What a caller sees of a contract: the record, its clock, the steps the caller may take now (`can`). */
import type { z } from 'zod';
import { beijingDay, workingDaysBetween, type WorkCalendar } from './calendar.ts';
import { awaitsBuyer, CONTRACT_STEPS, sideTakes, stateAllows, type ContractSide } from './policy.ts';
import { CLOCK_STATUSES, type Contract, type ContractExpert, type ContractView, type TaxRelief, type VerificationView } from './schemas.ts';
import { missingFields } from './service.ts';

/** The reliefs a registered contract's type qualifies for, as information (VAT: development and transfer; income tax: transfer). */
export function taxReliefs(c: Pick<Contract, 'contractType'>): TaxRelief[] {
  if (c.contractType === 'transfer') return ['vat_exemption', 'income_tax_relief'];
  if (c.contractType === 'development') return ['vat_exemption'];
  return [];
}

const party = (p: Contract['seller']) => ({
  name: p.name ?? null,
  uscc: p.uscc ?? null,
  countryCode: p.countryCode ?? null,
  divisionCode: p.divisionCode ?? null,
  nature: p.nature ?? null,
});

export const verifyUrl = (publicUrl: string, number: string) => `${publicUrl}/contracts/verify/${encodeURIComponent(number)}`;

export function presentContract(
  c: Contract,
  side: ContractSide | null,
  experts: ContractExpert[],
  env: { publicUrl: string; calendar: WorkCalendar },
): z.input<typeof ContractView> {
  const today = beijingDay();
  const running = CLOCK_STATUSES.includes(c.status) && c.deadline != null;
  const can = Object.fromEntries(CONTRACT_STEPS.map((s) => [s, sideTakes(s, side) && stateAllows(s, c.status)])) as Record<
    (typeof CONTRACT_STEPS)[number],
    boolean
  >;
  return {
    id: c.id,
    dealId: c.dealId,
    status: c.status,
    projectName: c.projectName,
    contractType: c.contractType,
    subType: c.subType,
    signedOn: c.signedOn,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    seller: { ...party(c.seller), orgId: c.sellerOrgId },
    buyer: { ...party(c.buyer), orgId: c.buyerOrgId },
    amountFen: c.amountFen,
    techAmountFen: c.techAmountFen,
    equipmentFen: c.equipmentFen,
    partsFen: c.partsFen,
    materialsFen: c.materialsFen,
    techField: c.techField,
    ipType: c.ipType,
    planSource: c.planSource,
    newInvestmentFen: c.newInvestmentFen,
    newOutputFen: c.newOutputFen,
    disputed: c.disputed,
    station: c.stationId != null ? { id: c.stationId, code: c.stationCode!, name: c.stationName! } : null,
    expertRequired: c.expertRequired,
    clockStartedOn: c.clockStartedOn,
    deadline: c.deadline,
    workingDaysLeft: running
      ? c.deadline! >= today
        ? workingDaysBetween(today, c.deadline!, env.calendar)
        : -workingDaysBetween(c.deadline!, today, env.calendar)
      : null,
    overdue: running && today > c.deadline!,
    correctionNote: c.correctionNote,
    rejectReason: c.rejectReason,
    registrationNumber: c.registrationNumber,
    registeredAt: c.registeredAt,
    cancelledAt: c.cancelledAt,
    verifyUrl: c.registrationNumber ? verifyUrl(env.publicUrl, c.registrationNumber) : null,
    taxReliefs: c.status === 'registered' || c.status === 'draft' || CLOCK_STATUSES.includes(c.status) ? taxReliefs(c) : [],
    experts: experts.map((e) => ({ expertId: e.expertId, expertName: e.expertName, opinion: e.opinion, conclusion: e.conclusion, opinedAt: e.opinedAt })),
    buyerConfirmation: { required: c.buyerOrgId != null, answer: c.buyerAnswer, answeredAt: c.buyerAnsweredAt, reason: c.buyerDisputeReason },
    document: c.document ? { ...c.document, url: `/api/v1/contracts/${c.id}/document.pdf` } : null,
    missing: c.status === 'draft' || c.status === 'needs_correction' ? missingFields(c) : [],
    mySide: side,
    can: {
      edit: can.edit,
      attachDocument: can.attachDocument,
      submit: can.submit,
      confirm: can.confirm && c.buyerAnswer == null,
      dispute: can.dispute && c.buyerAnswer == null,
      accept: can.accept && !awaitsBuyer(c),
      requestCorrection: can.requestCorrection,
      startReview: can.startReview,
      assignExperts: can.assignExperts,
      recordOpinion: can.recordOpinion,
      register: can.register && !(c.status === 'under_review' && c.expertRequired),
      reject: can.reject,
    },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    submittedAt: c.submittedAt,
    version: c.version,
  };
}

export function presentVerification(c: Contract): z.input<typeof VerificationView> {
  return {
    registrationNumber: c.registrationNumber!,
    projectName: c.projectName ?? '',
    contractType: c.contractType!,
    sellerName: c.seller.name ?? '',
    buyerName: c.buyer.name ?? '',
    stationName: c.stationName ?? '',
    registeredAt: c.registeredAt!,
    cancelled: c.status === 'cancelled',
    cancelledAt: c.cancelledAt,
  };
}
