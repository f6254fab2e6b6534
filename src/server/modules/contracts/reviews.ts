/**
 * The expert's own review page (专家评审, issue 12 point 7): an account linked to an expert of the market's pool
 * sees the contracts it is assigned to (never one of either party's: assignment refuses those) and records its
 * opinion while the contract is in expert review. The station may still record an opinion for an expert who sent
 * it on paper (ContractService.recordOpinion); both write the same row, history and audit.
 */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import { ContractStatusSchema, ContractTypeSchema, OpinionInput, type Contract, type ContractExpert } from './schemas.ts';
import type { ContractService } from './service.ts';

export const ExpertOpinionInput = OpinionInput.omit({ expertId: true });
export type ExpertOpinionInput = z.output<typeof ExpertOpinionInput>;

export const ExpertReviewView = z
  .object({
    id: z.number().int(),
    status: ContractStatusSchema,
    projectName: z.string().nullable(),
    contractType: ContractTypeSchema.nullable(),
    subType: z.string().nullable(),
    sellerName: z.string().nullable(),
    buyerName: z.string().nullable(),
    amountFen: z.number().int().nullable(),
    techAmountFen: z.number().int().nullable(),
    techField: z.string().nullable(),
    ipType: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    stationName: z.string().nullable(),
    deadline: z.string().nullable(),
    disputed: z.boolean(),
    disputeReason: z.string().nullable().meta({ description: 'the buyer’s reason, when it disputed the content' }),
    assignedAt: Timestamp,
    conclusion: z.enum(['register', 'reject']).nullable(),
    opinion: z.string().nullable(),
    opinedAt: Timestamp.nullable(),
    canOpine: z.boolean().meta({ description: 'the contract is in expert review: the expert may record (or revise) its opinion' }),
  })
  .meta({ id: 'ContractExpertReview', description: '专家评审任务 A contract assigned to the signed-in expert' });
export const ExpertReviewListView = z
  .object({ expert: z.object({ id: z.number().int(), name: z.string() }).nullable(), items: z.array(ExpertReviewView) })
  .meta({ id: 'ContractExpertReviewList' });

export function presentReview(c: Contract, e: ContractExpert): z.input<typeof ExpertReviewView> {
  return {
    id: c.id,
    status: c.status,
    projectName: c.projectName,
    contractType: c.contractType,
    subType: c.subType,
    sellerName: c.seller.name ?? null,
    buyerName: c.buyer.name ?? null,
    amountFen: c.amountFen,
    techAmountFen: c.techAmountFen,
    techField: c.techField,
    ipType: c.ipType,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    stationName: c.stationName,
    deadline: c.deadline,
    disputed: c.disputed,
    disputeReason: c.buyerDisputeReason,
    assignedAt: e.assignedAt,
    conclusion: e.conclusion,
    opinion: e.opinion,
    opinedAt: e.opinedAt,
    canOpine: c.status === 'expert_review',
  };
}

export class ExpertReviews {
  constructor(private readonly contracts: ContractService) {}

  /** The caller's assignments; an account not linked to the pool has none (expert: null). */
  async mine(user: CurrentUser) {
    const expert = await this.contracts.deps.experts.mine(user);
    if (!expert) return { expert: null, items: [] };
    const rows = await this.contracts.repo.assignedTo(expert.id);
    return { expert: { id: expert.id, name: expert.name }, items: rows.map((r) => presentReview(r.contract, r.expert)) };
  }

  /** The expert's own opinion on a contract it is assigned to, while the contract is in expert review. */
  async opine(id: number, input: ExpertOpinionInput, user: CurrentUser) {
    const expert = await this.contracts.deps.experts.mine(user);
    if (!expert) throw forbidden('contract.notAnExpert');
    return this.contracts.db.transaction(async (tx) => {
      const repo = this.contracts.repo.with(tx);
      const c = await repo.find(id, true);
      const mine = c ? (await repo.experts(id)).find((e) => e.expertId === expert.id) : undefined;
      if (!c || !mine) throw notFound('contract.notFound'); // an expert learns only of the contracts it reviews
      if (c.status !== 'expert_review')
        throw conflict('contract.wrongState', { statusKey: `contract.status.${c.status}`, stepKey: 'contract.step.recordOpinion' });
      await repo.recordOpinion(id, expert.id, input.conclusion, input.opinion);
      const detail = { expertId: expert.id, conclusion: input.conclusion, byExpert: true };
      await recordHistory(tx, {
        entityType: 'contract',
        entityId: id,
        action: 'recordOpinion',
        actor: actorOf(user),
        before: mine.conclusion ? { conclusion: mine.conclusion, opinion: mine.opinion } : null,
        after: { ...detail, opinion: input.opinion },
      });
      await recordAudit(tx, {
        type: 'contract.recordOpinion',
        actor: user,
        districtCode: c.sellerDivisionCode,
        subject: { type: 'contract', id },
        detail,
      });
      const after = (await repo.assignedTo(expert.id)).find((r) => r.contract.id === id)!;
      return presentReview(after.contract, after.expert);
    });
  }
}
