/**
 * Technology contracts (技术合同认定登记): the seller drafts (from an agreed deal, prefilled, or on its own) and
 * submits; the station of the seller's district accepts or asks for a correction, reviews, sends contracts at or
 * above the threshold (or disputed ones) to experts from the market's pool — never from either party — and
 * registers (a number, a certificate) or refuses with a reason. The time limit runs in working days from the
 * (re)submission; a correction stops it and the resubmission starts it again. Every step: history, audit, outbox.
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { listHistory, recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import type { DealTerms } from '../market/index.ts';
import { addWorkingDays, beijingDay, chinaCalendar, type WorkCalendar } from './calendar.ts';
import {
  awaitsBuyer,
  contractScope,
  contractSide,
  mayDraft,
  mayReadFigures,
  sideTakes,
  stateAllows,
  STEPS,
  type ContractSide,
  type ContractStep,
} from './policy.ts';
import { type ContractChange, ContractRepository } from './repository.ts';
import { ContractFiguresRepository } from './figures-repository.ts';
import {
  crossFieldProblems,
  type Contract,
  type ContractFields,
  type ContractInput,
  type ContractListQuery,
  type ContractPatch,
  type FigureBreakdown,
  type Party,
} from './schemas.ts';
import { STATIONS } from './stations.ts';

export interface ContractDeps {
  /** the market's face: an agreed deal's terms for one of its sides */
  deals: { dealTerms(id: number, user: CurrentUser): Promise<DealTerms | null> };
  /** the market's expert pool */
  experts: {
    get(id: number): Promise<{ id: number; name: string; affiliationOrgId: number | null; affiliation: string | null }>;
    /** the caller's own expert profile (an account linked to the pool), for the expert's review page */
    mine(user: CurrentUser): Promise<{ id: number; name: string } | null>;
  };
  /** the directory's face */
  orgs: {
    get(id: number): Promise<{ id: number; name: string; uscc: string; districtCode: string | null }>;
    idByUscc(uscc: string): Promise<{ id: number; name: string } | null>;
  };
}

export interface ContractOptions {
  /** 技术交易额 at or above this goes to expert review (default 5,000,000 yuan) */
  expertThresholdFen: number;
  /** working days the station has (default 15), and with expert review (default 30) */
  reviewDays: number;
  expertReviewDays: number;
  /** the registration number: {year} {division} {station} {seq} */
  numberPattern: string;
  publicUrl: string;
  calendar?: WorkCalendar;
  /** the seller may choose the station on the form (issue 12 point 3, "where configured"); off: its district's */
  sellerChoosesStation: boolean;
}

export const DEFAULT_CONTRACT_OPTIONS: ContractOptions = {
  expertThresholdFen: 5_000_000_00,
  reviewDays: 15,
  expertReviewDays: 30,
  numberPattern: '{year}{division}{station}{seq}',
  publicUrl: '',
  sellerChoosesStation: false,
};

const PARTY_FIELDS = ['name', 'uscc', 'countryCode', 'divisionCode', 'nature'] as const;
const REQUIRED = [
  'projectName',
  'contractType',
  'subType',
  'signedOn',
  'validFrom',
  'validUntil',
  'amountFen',
  'techAmountFen',
  'techField',
  'ipType',
  'planSource',
] as const;

/** The fields still missing before a submission (transfers also need the expected investment and output). */
export function missingFields(c: ContractFields & { document?: unknown }): string[] {
  const out: string[] = REQUIRED.filter((k) => c[k] == null || c[k] === '');
  // the signed contract (合同文本) is attached as PDF before submission; a record read from the database says whether it is
  if ('document' in c && c.document == null) out.push('document');
  for (const side of ['seller', 'buyer'] as const) for (const f of PARTY_FIELDS) if (c[side]?.[f] == null) out.push(`${side}.${f}`);
  if (c.contractType === 'transfer') for (const k of ['newInvestmentFen', 'newOutputFen'] as const) if (c[k] == null) out.push(k);
  return out;
}

/** The registration number from the pattern: 2026 500103 S04 000012 → 2026500103S04000012 with the default. */
export function registrationNumber(pattern: string, p: { year: number; division: string; station: string; seq: number }): string {
  return pattern
    .replaceAll('{year}', String(p.year))
    .replaceAll('{division}', p.division)
    .replaceAll('{station}', p.station)
    .replaceAll('{seq}', String(p.seq).padStart(6, '0'));
}

const userRef = (user: CurrentUser): number | null => (user.id > 0 ? user.id : null);

/** market IP types → the form's 知识产权类型 */
const IP_FROM_MARKET: Record<string, string> = {
  invention: 'invention_patent',
  utility_model: 'utility_patent',
  design: 'design_patent',
  software_copyright: 'software_copyright',
};

export class ContractService {
  readonly repo: ContractRepository;
  readonly figuresRepo: ContractFiguresRepository;
  readonly opts: ContractOptions;

  constructor(
    readonly db: Database,
    readonly deps: ContractDeps,
    opts: Partial<ContractOptions> = {},
  ) {
    this.repo = new ContractRepository(db);
    this.figuresRepo = new ContractFiguresRepository(db);
    this.opts = { ...DEFAULT_CONTRACT_OPTIONS, ...opts };
  }

  get calendar(): WorkCalendar {
    return this.opts.calendar ?? chinaCalendar;
  }

  private seeded: Promise<void> | null = null;
  /** The reference list of stations, written once per process when missing (before any read of it, outside transactions). */
  seedStations(): Promise<void> {
    this.seeded ??= this.repo.seedStations(STATIONS).catch((err) => {
      this.seeded = null;
      throw err;
    });
    return this.seeded;
  }

  async stations() {
    await this.seedStations();
    return this.repo.stations();
  }

  /**
   * The seller's choice of station, checked: refused when the setting is off or the station unknown (inactive).
   * undefined: no change; null: none chosen (the seller's district's at submission).
   */
  private async chosenStation(stationId: number | null | undefined): Promise<number | null | undefined> {
    if (stationId == null) return stationId;
    if (!this.opts.sellerChoosesStation) throw invalid([{ path: 'stationId', key: 'contract.stationChoiceOff' }]);
    if (!(await this.stations()).some((s) => s.id === stationId)) throw invalid([{ path: 'stationId', key: 'contract.stationUnknown' }]);
    return stationId;
  }

  /**
   * The search documents of contracts written before the column existed (migration 0035), in batches; at start.
   * Returns how many were filled (none, once done: the partial index finds nothing).
   */
  async fillSearchDocuments(): Promise<number> {
    let filled = 0;
    for (let n = await this.repo.fillSearchDocuments(); n > 0; n = await this.repo.fillSearchDocuments()) filled += n;
    return filled;
  }

  /** Makes the account staff of the station (by its code). */
  async addStaff(stationCode: string, userId: number): Promise<void> {
    await this.seedStations();
    const id = await this.repo.stationIdByCode(stationCode);
    if (id == null) throw notFound('contract.stationNotFound');
    await this.repo.addStaff(id, userId);
  }

  /** Makes the account staff of the station a division is routed to (the demo's station account). */
  async addStaffFor(divisionCode: string | null, userId: number): Promise<void> {
    await this.seedStations();
    await this.repo.addStaff(await this.repo.stationFor(divisionCode), userId);
  }

  /** The stations the caller works at (none for anyone but station staff). */
  async stationsOf(user: CurrentUser | null): Promise<number[]> {
    return user?.role === 'station_staff' ? this.repo.staffStations(user.id) : [];
  }

  /** A new draft for the caller's organization, as seller; from a deal, prefilled with its terms. */
  async create(input: ContractInput, user: CurrentUser): Promise<number> {
    if (!mayDraft(user)) throw forbidden('contract.membersOnly');
    const { dealId, stationId: choice, ...given } = input;
    const stationId = await this.chosenStation(choice);
    let fields: ContractFields = { ...given };
    let buyerOrgId: number | null = null;
    if (dealId != null) {
      const deal = await this.deps.deals.dealTerms(dealId, user);
      if (!deal) throw notFound('contract.dealNotFound');
      if (deal.status !== 'agreed') throw conflict('contract.dealNotAgreed');
      if (deal.sellerOrgId !== user.orgId) throw forbidden('contract.sellerRegisters');
      if ((await this.repo.byDeal(dealId)) != null) throw conflict('contract.dealTaken');
      buyerOrgId = deal.buyerOrgId;
      const buyer = await this.deps.orgs.get(deal.buyerOrgId);
      const modes = deal.transferModes;
      fields = {
        projectName: deal.subjectTitle,
        amountFen: deal.priceFen,
        techAmountFen: deal.priceFen,
        ipType: deal.ipTypes.length ? (IP_FROM_MARKET[deal.ipTypes[0]] ?? 'other') : null,
        contractType: modes.includes('transfer')
          ? 'transfer'
          : modes.includes('license')
            ? 'license'
            : modes.includes('joint_development')
              ? 'development'
              : null,
        ...fields,
        buyer: { name: buyer.name, uscc: buyer.uscc, countryCode: 'CHN', ...(buyer.districtCode ? { divisionCode: buyer.districtCode } : {}), ...fields.buyer },
      };
    }
    // a party with a USCC is a Chinese one: the country code defaults to CHN (a foreign buyer sets its own)
    if (fields.buyer?.uscc) fields.buyer = { countryCode: 'CHN', ...fields.buyer };
    const seller = await this.deps.orgs.get(user.orgId!);
    fields.seller = {
      name: seller.name,
      uscc: seller.uscc,
      countryCode: 'CHN',
      ...(seller.districtCode ? { divisionCode: seller.districtCode } : {}),
      ...fields.seller,
    };
    const problems = crossFieldProblems(fields);
    if (problems.length) throw invalid(problems);
    // a buyer on the platform (a deal made elsewhere) is linked by its USCC: it reads the contract, and its experts are excluded
    if (buyerOrgId == null && fields.buyer?.uscc) buyerOrgId = (await this.deps.orgs.idByUscc(fields.buyer.uscc))?.id ?? null;
    if (buyerOrgId === user.orgId) throw invalid([{ path: 'buyer.uscc', key: 'contract.buyerIsSeller' }]);
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const id = await repo.insert({
        dealId: dealId ?? null,
        sellerOrgId: user.orgId!,
        buyerOrgId,
        stationId: stationId ?? null,
        fields,
        createdBy: userRef(user),
      });
      await recordHistory(tx, {
        entityType: 'contract',
        entityId: id,
        action: 'create',
        actor: actorOf(user),
        before: null,
        after: { status: 'draft', dealId, ...fields, ...(stationId != null ? { stationId } : {}) },
      });
      await recordAudit(tx, {
        type: 'contract.create',
        actor: user.id > 0 ? user : null,
        districtCode: fields.seller?.divisionCode ?? null,
        subject: { type: 'contract', id },
        detail: { dealId: dealId ?? null, sellerOrgId: user.orgId, buyerOrgId, ...(stationId != null ? { chosenStationId: stationId } : {}) },
      });
      await publishEvent(tx, {
        type: 'contract.drafted',
        aggregateType: 'contract',
        aggregateId: id,
        payload: { id, dealId: dealId ?? null },
        actorId: userRef(user),
      });
      return id;
    });
  }

  /** The contract for one who may read it; 404 for everyone else (drafts only for its parties). */
  async read(id: number, user: CurrentUser | null, db: Queryable = this.db, stations?: number[]): Promise<{ contract: Contract; side: ContractSide }> {
    const c = await this.repo.with(db).find(id);
    const side = c ? contractSide(c, user, stations ?? (await this.stationsOf(user))) : null;
    if (!c || !side || ((side === 'station' || side === 'office') && c.status === 'draft')) throw notFound('contract.notFound');
    return { contract: c, side };
  }

  async detail(id: number, user: CurrentUser | null) {
    const { contract, side } = await this.read(id, user);
    return { contract, side, experts: await this.repo.experts(id) };
  }

  async list(user: CurrentUser, q: ContractListQuery) {
    const stations = await this.stationsOf(user);
    const { items, total, totalApproximate } = await this.repo.list(
      contractScope(user, stations),
      { status: q.status, q: q.q, type: q.type, district: q.district, station: q.station, overdueBefore: q.overdue ? beijingDay() : undefined },
      q.page,
      q.pageSize,
    );
    const sides = items.map((c) => contractSide(c, user, stations));
    return { items, sides, total, totalApproximate, page: q.page, pageSize: q.pageSize };
  }

  each(user: CurrentUser, stations: number[], q: Omit<ContractListQuery, 'page' | 'pageSize'>) {
    if (!mayReadFigures(user)) throw forbidden('contract.officesOnly');
    return this.repo.each(contractScope(user, stations), { status: q.status, q: q.q, type: q.type, district: q.district, station: q.station });
  }

  async history(id: number, user: CurrentUser) {
    await this.read(id, user);
    return listHistory(this.db, 'contract', id);
  }

  /** A registered contract by its number, for anyone; 404 for every other string. */
  async verify(number: string): Promise<Contract> {
    const c = await this.repo.byNumber(number);
    if (!c) throw notFound('contract.numberUnknown');
    return c;
  }

  /** 技术合同成交额 of the contracts registered in a (Beijing) year, in yuan: the statistics' figure. */
  async turnoverYuan(year: number): Promise<number> {
    const rows = await this.figuresRepo.figures('type', year);
    return rows.reduce((sum, r) => sum + r.amountFen, 0) / 100;
  }

  async figures(user: CurrentUser, by: FigureBreakdown, year: number | null) {
    if (!mayReadFigures(user)) throw forbidden('contract.officesOnly');
    const rows = await this.figuresRepo.figures(by, year);
    const total = rows.reduce(
      (t, r) => ({ count: t.count + r.count, amountFen: t.amountFen + r.amountFen, techAmountFen: t.techAmountFen + r.techAmountFen }),
      {
        count: 0,
        amountFen: 0,
        techAmountFen: 0,
      },
    );
    return { by, year, rows, total };
  }

  // ---------------------------------------------------------------- steps

  /** One step, all or nothing: the contract locked, read (404), the side (403), the state (409), then history, audit, event. */
  async step(
    id: number,
    user: CurrentUser,
    step: ContractStep,
    run: (c: Contract, tx: Queryable) => Promise<{ fields?: ContractFields; change?: ContractChange; detail?: Record<string, unknown>; event?: string }>,
  ): Promise<void> {
    const stations = await this.stationsOf(user); // through the pool, before the transaction (PGlite is one connection)
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const c = await repo.find(id, true);
      const side = c ? contractSide(c, user, stations) : null;
      if (!c || !side || ((side === 'station' || side === 'office') && c.status === 'draft')) throw notFound('contract.notFound');
      if (!sideTakes(step, side)) throw forbidden(`contract.${STEPS[step].side}Step`, { stepKey: `contract.step.${step}` });
      if (!stateAllows(step, c.status)) throw conflict('contract.wrongState', { statusKey: `contract.status.${c.status}`, stepKey: `contract.step.${step}` });
      const out = await run(c, tx);
      const to = 'to' in STEPS[step] ? (STEPS[step] as { to: Contract['status'] }).to : c.status;
      await repo.update(id, out.fields ?? {}, { status: to, ...out.change });
      // the figures' roll-up follows the registered state, in this same transaction
      if (to === 'registered' && c.status !== 'registered') await this.figuresRepo.with(tx).add(id, 1);
      const after = { status: to, ...out.fields, ...out.change, ...out.detail };
      await recordHistory(tx, { entityType: 'contract', entityId: id, action: step, actor: actorOf(user), before: { status: c.status }, after });
      await recordAudit(tx, {
        type: `contract.${step}`,
        actor: user.id > 0 ? user : null,
        districtCode: c.sellerDivisionCode,
        subject: { type: 'contract', id },
        detail: { from: c.status, to, ...out.detail },
      });
      if (out.event)
        await publishEvent(tx, {
          type: out.event,
          aggregateType: 'contract',
          aggregateId: id,
          payload: { id, status: to, sellerOrgId: c.sellerOrgId, buyerOrgId: c.buyerOrgId, ...out.detail },
          actorId: userRef(user),
        });
    });
  }

  /** The seller edits a draft (or one returned for correction); the version guards against a lost update. */
  async update(id: number, patch: ContractPatch, user: CurrentUser): Promise<void> {
    const { version, stationId: choice, ...fields } = patch;
    const stationId = await this.chosenStation(choice);
    const linked = fields.buyer?.uscc ? ((await this.deps.orgs.idByUscc(fields.buyer.uscc))?.id ?? null) : undefined;
    if (linked != null && linked === user.orgId) throw invalid([{ path: 'buyer.uscc', key: 'contract.buyerIsSeller' }]);
    await this.step(id, user, 'edit', async (c) => {
      if (c.version !== version) throw conflict('contract.staleVersion');
      // a resubmission goes back to the station that asked for the correction
      if (stationId !== undefined && stationId !== c.stationId && c.status !== 'draft')
        throw invalid([{ path: 'stationId', key: 'contract.stationChosenInDraft' }]);
      const merged: ContractFields = {
        ...c,
        ...fields,
        seller: fields.seller ? { ...c.seller, ...fields.seller } : c.seller,
        buyer: fields.buyer ? { ...c.buyer, ...fields.buyer } : c.buyer,
      };
      const problems = crossFieldProblems(merged);
      if (problems.length) throw invalid(problems);
      return {
        fields: { ...fields, ...(fields.seller ? { seller: merged.seller } : {}), ...(fields.buyer ? { buyer: merged.buyer } : {}) },
        // the content changed: a buyer's earlier answer no longer holds, it answers the resubmission again
        change: {
          buyerAnswer: null,
          ...(linked !== undefined && c.dealId == null ? { buyerOrgId: linked } : {}),
          ...(stationId !== undefined && c.status === 'draft' ? { stationId } : {}),
        },
      };
    });
  }

  /** Submission (or resubmission after a correction): complete, consistent, routed; the clock starts (again) today. */
  async submit(id: number, user: CurrentUser): Promise<void> {
    await this.seedStations(); // routing reads them in the step's transaction
    await this.step(id, user, 'submit', async (c, tx) => {
      const missing = missingFields(c);
      const problems: FieldError[] = [
        ...missing.map((path) => ({ path, key: path === 'document' ? 'contract.documentRequired' : 'contract.required' })),
        ...crossFieldProblems(c),
      ];
      if (problems.length) throw invalid(problems);
      const stationId = c.stationId ?? (await this.repo.with(tx).stationFor(c.sellerDivisionCode));
      const expertRequired = c.techAmountFen! >= this.opts.expertThresholdFen || c.disputed;
      const today = beijingDay();
      return {
        change: {
          stationId,
          expertRequired,
          clockStartedOn: today,
          deadline: addWorkingDays(today, expertRequired ? this.opts.expertReviewDays : this.opts.reviewDays, this.calendar),
          correctionNote: null,
          submitted: true,
        },
        detail: { resubmission: c.status === 'needs_correction', expertRequired },
        event: 'contract.submitted',
      };
    });
  }

  /** The station accepts; a buyer on the platform must have confirmed or disputed the content first. */
  async accept(id: number, user: CurrentUser): Promise<void> {
    await this.step(id, user, 'accept', async (c) => {
      if (awaitsBuyer(c)) throw conflict('contract.awaitsBuyer');
      return {};
    });
  }

  /** The station asks for a correction: the clock stops (the resubmission starts it again). */
  async requestCorrection(id: number, reason: string, user: CurrentUser): Promise<void> {
    await this.step(id, user, 'requestCorrection', async () => ({
      change: { correctionNote: reason, clockStartedOn: null, deadline: null },
      detail: { reason },
    }));
  }

  async startReview(id: number, user: CurrentUser): Promise<void> {
    await this.step(id, user, 'startReview', async () => ({}));
  }

  /** Experts from the pool, none affiliated with either party; the time limit becomes the expert review's. */
  async assignExperts(id: number, expertIds: number[], user: CurrentUser): Promise<void> {
    const experts = await Promise.all([...new Set(expertIds)].map((e) => this.deps.experts.get(e))); // 404 for an unknown one
    await this.step(id, user, 'assignExperts', async (c, tx) => {
      const names = [c.seller.name, c.buyer.name].filter(Boolean);
      for (const e of experts)
        if (
          (e.affiliationOrgId != null && (e.affiliationOrgId === c.sellerOrgId || e.affiliationOrgId === c.buyerOrgId)) ||
          (e.affiliation && names.includes(e.affiliation))
        )
          throw conflict('contract.expertConflict', { name: e.name, org: e.affiliation ?? '' }, [
            { path: 'expertIds', key: 'contract.expertConflictField', params: { name: e.name } },
          ]);
      const repo = this.repo.with(tx);
      for (const e of experts) await repo.assignExpert(id, e.id, e.name);
      return {
        change: {
          expertRequired: true,
          ...(c.clockStartedOn ? { deadline: addWorkingDays(c.clockStartedOn, this.opts.expertReviewDays, this.calendar) } : {}),
        },
        detail: { experts: experts.map((e) => ({ id: e.id, name: e.name })) },
      };
    });
  }

  async recordOpinion(id: number, input: { expertId: number; conclusion: 'register' | 'reject'; opinion: string }, user: CurrentUser): Promise<void> {
    await this.step(id, user, 'recordOpinion', async (_c, tx) => {
      if (!(await this.repo.with(tx).recordOpinion(id, input.expertId, input.conclusion, input.opinion))) throw notFound('contract.expertNotAssigned');
      return { detail: { expertId: input.expertId, conclusion: input.conclusion } };
    });
  }

  /** Registration: a number from the station's yearly sequence (one checked row per station and year). */
  async register(id: number, user: CurrentUser): Promise<void> {
    await this.step(id, user, 'register', async (c, tx) => {
      if (c.status === 'under_review' && c.expertRequired) throw conflict('contract.expertReviewRequired');
      if (c.status === 'expert_review') {
        const experts = await this.repo.with(tx).experts(id);
        if (!experts.some((e) => e.conclusion)) throw conflict('contract.opinionsMissing');
      }
      const year = Number(beijingDay().slice(0, 4));
      const seq = await this.repo.with(tx).nextSeq(c.stationId!, year);
      const number = registrationNumber(this.opts.numberPattern, { year, division: c.sellerDivisionCode ?? '500000', station: c.stationCode ?? 'S00', seq });
      return {
        change: { registrationNumber: number, registered: true, decided: true, deadline: c.deadline },
        detail: {
          registrationNumber: number,
          contractType: c.contractType,
          amountFen: c.amountFen,
          techAmountFen: c.techAmountFen,
          districtCode: c.sellerDivisionCode,
          stationId: c.stationId,
        },
        event: 'contract.registered',
      };
    });
  }

  /** 未予登记, with the reason. */
  async reject(id: number, reason: string, user: CurrentUser): Promise<void> {
    await this.step(id, user, 'reject', async () => ({ change: { rejectReason: reason, decided: true }, detail: { reason }, event: 'contract.rejected' }));
  }
}

export type { Party };
