/**
 * Amending or cancelling a registered contract (变更、注销, issue 12 point 5): its own reviewed step. The seller asks
 * for an amendment (the changed fields, with the reason) or a cancellation (the reason); the contract's station
 * approves or refuses (with a reason). An approved amendment changes the record — the request keeps the fields
 * before and after, so does history — and an approved cancellation sets `cancelled`: the verification then says
 * so (still 200: the number is real), and the turnover figures (the roll-up, which counts `registered` only) lose it.
 * One open request per contract. Every request and decision: history, audit, and an outbox event for the figures.
 */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { labelled } from '../../platform/http/validation.ts';
import { IdParam } from '../../platform/http/fields.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import { contractSide } from './policy.ts';
import { type Amendable, ContractChangeRepository, type ContractChangeRequest } from './changes-repository.ts';

export type { ContractChangeRequest };
import { type Contract, type ContractFields, ContractPatch, crossFieldProblems, ReasonInput } from './schemas.ts';
import type { ContractService } from './service.ts';

/** the fields an amendment may change: the registered type, parties and number stay (a different contract is a new registration) */
export const AMENDABLE: readonly Amendable[] = [
  'projectName',
  'validFrom',
  'validUntil',
  'amountFen',
  'techAmountFen',
  'equipmentFen',
  'partsFen',
  'materialsFen',
  'techField',
  'ipType',
  'planSource',
  'newInvestmentFen',
  'newOutputFen',
];

const Amendment = ContractPatch.pick(Object.fromEntries(AMENDABLE.map((k) => [k, true])) as { [K in Amendable]: true });
export const ChangeInput = z.object({
  kind: labelled(z.enum(['amend', 'cancel']), 'contract.label.changeKind'),
  reason: ReasonInput.shape.reason,
  changes: labelled(Amendment, 'contract.label.changes').optional(),
});
export type ChangeInput = z.output<typeof ChangeInput>;
export const ChangeParams = z.object({ id: labelled(IdParam, 'contract.label.id'), changeId: labelled(IdParam, 'contract.label.changeId') });

export const ChangeView = z
  .object({
    id: z.number().int(),
    kind: z.enum(['amend', 'cancel']),
    status: z.enum(['pending', 'approved', 'rejected']),
    changes: z.record(z.string(), z.unknown()).nullable().meta({ description: 'amend: the fields asked for' }),
    before: z.record(z.string(), z.unknown()).nullable().meta({ description: 'amend: those fields before the approval' }),
    reason: z.string(),
    requestedAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    decisionNote: z.string().nullable(),
    can: z.object({ approve: z.boolean(), reject: z.boolean() }),
  })
  .meta({ id: 'ContractChange', description: '变更/注销申请 A request to amend or cancel a registered contract' });
export const ChangeListView = z.object({
  items: z.array(ChangeView),
  canRequest: z.boolean().meta({ description: 'the caller (the seller) may ask now: registered, no request open' }),
});

export class ContractChanges {
  readonly repo: ContractChangeRepository;
  constructor(private readonly contracts: ContractService) {
    this.repo = new ContractChangeRepository(contracts.db);
  }

  present(ch: ContractChangeRequest, side: string | null) {
    const decide = side === 'station' && ch.status === 'pending';
    return { ...ch, can: { approve: decide, reject: decide } };
  }

  async list(id: number, user: CurrentUser) {
    const { contract, side } = await this.contracts.read(id, user);
    const items = await this.repo.list(id);
    return {
      items: items.map((c) => this.present(c, side)),
      canRequest: side === 'seller' && contract.status === 'registered' && !items.some((c) => c.status === 'pending'),
    };
  }

  /** The seller asks; the amended record must hold the same rules as a submission. */
  async request(id: number, input: ChangeInput, user: CurrentUser): Promise<number> {
    const stations = await this.contracts.stationsOf(user);
    return this.contracts.db.transaction(async (tx) => {
      const c = await this.lockReadable(tx, id, user, stations);
      if (contractSide(c, user, stations) !== 'seller') throw forbidden('contract.sellerStep', { stepKey: `contract.step.${input.kind}Request` });
      if (c.status !== 'registered')
        throw conflict('contract.wrongState', { statusKey: `contract.status.${c.status}`, stepKey: `contract.step.${input.kind}Request` });
      let changes: Partial<ContractFields> | null = null;
      if (input.kind === 'amend') {
        changes = Object.fromEntries(Object.entries(input.changes ?? {}).filter(([k, v]) => k !== 'version' && v !== undefined));
        const differs = Object.entries(changes).some(([k, v]) => c[k as Amendable] !== v);
        if (!differs) throw invalid([{ path: 'changes', key: 'contract.amendNothing' }]);
        const problems = crossFieldProblems({ ...c, ...changes }).map((p) => ({ ...p, path: `changes.${p.path}` }));
        if (c.contractType === 'transfer')
          for (const k of ['newInvestmentFen', 'newOutputFen'] as const)
            if (k in changes && changes[k] == null) problems.push({ path: `changes.${k}`, key: 'contract.required' });
        for (const k of ['projectName', 'amountFen', 'techAmountFen', 'validFrom', 'validUntil', 'techField', 'ipType', 'planSource'] as const)
          if (k in changes && changes[k] == null) problems.push({ path: `changes.${k}`, key: 'contract.required' });
        if (problems.length) throw invalid(problems);
      }
      const repo = this.repo.with(tx);
      const changeId = await repo.insert({ contractId: id, kind: input.kind, changes, reason: input.reason, by: user.id > 0 ? user.id : null });
      if (changeId == null) throw conflict('contract.changePending');
      await this.record(tx, c, user, `${input.kind}Request`, null, { changeId, kind: input.kind, reason: input.reason, changes });
      return changeId;
    });
  }

  async approve(id: number, changeId: number, user: CurrentUser): Promise<void> {
    await this.decide(id, changeId, user, null);
  }

  async reject(id: number, changeId: number, reason: string, user: CurrentUser): Promise<void> {
    await this.decide(id, changeId, user, reason);
  }

  /** The station decides: null `refusal` approves. An approval applies the change to the record. */
  private async decide(id: number, changeId: number, user: CurrentUser, refusal: string | null): Promise<void> {
    const stations = await this.contracts.stationsOf(user);
    await this.contracts.db.transaction(async (tx) => {
      const c = await this.lockReadable(tx, id, user, stations);
      const repo = this.repo.with(tx);
      const ch = await repo.find(id, changeId, true);
      if (!ch) throw notFound('contract.changeNotFound');
      const action = refusal == null ? (ch.kind === 'amend' ? 'amend' : 'cancel') : `${ch.kind}Refuse`;
      if (contractSide(c, user, stations) !== 'station') throw forbidden('contract.stationStep', { stepKey: `contract.step.${action}` });
      if (ch.status !== 'pending') throw conflict('contract.changeDecided');
      if (c.status !== 'registered') throw conflict('contract.wrongState', { statusKey: `contract.status.${c.status}`, stepKey: `contract.step.${action}` });
      const contracts = this.contracts.repo.with(tx);
      if (refusal != null) {
        await repo.decide(changeId, { status: 'rejected', before: null, note: refusal, by: user.id > 0 ? user.id : null });
        await this.record(tx, c, user, action, null, { changeId, reason: refusal });
        return;
      }
      if (ch.kind === 'amend') {
        const fields = ch.changes as ContractFields;
        // the rules again, on today's record: another approved change may have come between
        const problems = crossFieldProblems({ ...c, ...fields });
        if (problems.length) throw invalid(problems.map((p) => ({ ...p, path: `changes.${p.path}` })));
        const before = Object.fromEntries(Object.keys(fields).map((k) => [k, c[k as Amendable] ?? null]));
        // the figures: the contribution as registered out, the amended one in (same transaction)
        const figures = this.contracts.figuresRepo.with(tx);
        await figures.add(id, -1);
        await contracts.update(id, fields);
        await figures.add(id, 1);
        await repo.decide(changeId, { status: 'approved', before, note: null, by: user.id > 0 ? user.id : null });
        await this.record(tx, c, user, 'amend', before, { changeId, ...fields }, 'contract.amended', {
          amountFen: (fields.amountFen ?? c.amountFen) as number,
          techAmountFen: (fields.techAmountFen ?? c.techAmountFen) as number,
        });
      } else {
        await this.contracts.figuresRepo.with(tx).add(id, -1); // while still registered: its contribution leaves the figures
        await contracts.update(id, {}, { status: 'cancelled', cancelled: true });
        await repo.decide(changeId, { status: 'approved', before: null, note: null, by: user.id > 0 ? user.id : null });
        await this.record(tx, c, user, 'cancel', { status: 'registered' }, { changeId, status: 'cancelled', reason: ch.reason }, 'contract.cancelled', {
          amountFen: c.amountFen,
          techAmountFen: c.techAmountFen,
        });
      }
    });
  }

  /** the contract locked, for one who may read it (404 otherwise, as everywhere in the module) */
  private async lockReadable(tx: Parameters<ContractService['read']>[2], id: number, user: CurrentUser, stations: number[]): Promise<Contract> {
    const c = await this.contracts.repo.with(tx!).find(id, true);
    const side = c ? contractSide(c, user, stations) : null;
    if (!c || !side || ((side === 'station' || side === 'office') && c.status === 'draft')) throw notFound('contract.notFound');
    return c;
  }

  private async record(
    tx: NonNullable<Parameters<ContractService['read']>[2]>,
    c: Contract,
    user: CurrentUser,
    action: string,
    before: unknown,
    after: Record<string, unknown>,
    event?: string,
    amounts?: { amountFen: number | null; techAmountFen: number | null },
  ) {
    await recordHistory(tx, { entityType: 'contract', entityId: c.id, action, actor: actorOf(user), before, after });
    await recordAudit(tx, {
      type: `contract.${action}`,
      actor: user.id > 0 ? user : null,
      districtCode: c.sellerDivisionCode,
      subject: { type: 'contract', id: c.id },
      detail: { ...after, ...(before ? { before } : {}) },
    });
    if (event)
      await publishEvent(tx, {
        type: event,
        aggregateType: 'contract',
        aggregateId: c.id,
        payload: { id: c.id, registrationNumber: c.registrationNumber, stationId: c.stationId, districtCode: c.sellerDivisionCode, ...amounts },
        actorId: user.id > 0 ? user.id : null,
      });
  }
}
