/**
 * Voucher schemes and vouchers: the city (or a district, co-funding) sets up a scheme with a budget; a voucher is
 * issued directly by the office or on an approved application; its amount moves on the scheme's ledger
 * (available → allocated), and what is unused when it expires goes back (allocated → available).
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { sql, type Sql } from '../../platform/db/sql.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { recordHistory } from '../../platform/history.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { actorOf, isAdmin, isDistrictAdmin, type CurrentUser } from '../auth/index.ts';
import { beijingToday, beijingYear, validUntilFor } from './dates.ts';
import { evaluate, isTeam, type Verdict } from './eligibility.ts';
import { type DirectoryFace, factsOf } from './facts.ts';
import { mayManageScheme, maySeeHolding } from './policy.ts';
import { type Scheme, type Voucher, VoucherRepository } from './repository.ts';
import { SCHEME_DEFAULTS, type IssueInput, type SchemeInput, type SchemePatch } from './schemas.ts';

const COLUMNS: Record<string, string> = {
  name: 'name',
  budgetFen: 'budget_fen',
  districtCode: 'district_code',
  description: 'description',
  eligibility: 'eligibility',
  maxSharePct: 'max_share_pct',
  yearlyCapFen: 'yearly_cap_fen',
  teamYearlyCapFen: 'team_yearly_cap_fen',
  validityMonths: 'validity_months',
  eligibleCategories: 'eligible_categories',
  eligibleProviderIds: 'eligible_provider_ids',
  excludedKinds: 'excluded_kinds',
  citySharePct: 'city_share_pct',
  noticeDays: 'notice_days',
  status: 'status',
};

export interface EligibilityItem {
  scheme: Scheme;
  verdict: Verdict;
  capFen: number;
  usedThisYearFen: number;
  openApplication: boolean;
}

export class VoucherService {
  readonly repo: VoucherRepository;

  constructor(
    private readonly db: Database,
    private readonly directory: DirectoryFace,
  ) {
    this.repo = new VoucherRepository(db);
  }

  // ---------------------------------------------------------------- schemes
  async createScheme(input: SchemeInput, user: CurrentUser): Promise<Scheme> {
    // absent: a district admin's scheme is its district's; an explicit null asks for a city scheme
    const districtCode = input.districtCode === undefined ? (isDistrictAdmin(user) ? user.districtCode : null) : input.districtCode;
    if (!mayManageScheme(user, { districtCode })) throw forbidden('voucher.schemeForbidden');
    const citySharePct = input.citySharePct ?? (districtCode ? SCHEME_DEFAULTS.districtCitySharePct : SCHEME_DEFAULTS.citySharePct);
    const id = await this.db.transaction(async (tx) => {
      const id = await this.repo.with(tx).insertScheme({ ...input, districtCode, citySharePct }, user.id);
      await recordHistory(tx, {
        entityType: 'voucher_scheme',
        entityId: id,
        action: 'create',
        actor: actorOf(user),
        before: null,
        after: { ...input, citySharePct },
      });
      await recordAudit(tx, {
        type: 'voucher.scheme_created',
        actor: user,
        districtCode,
        subject: { type: 'voucher_scheme', id },
        detail: { name: input.name, budgetFen: input.budgetFen },
      });
      return id;
    });
    return (await this.repo.scheme(id))!;
  }

  async scheme(id: number): Promise<Scheme> {
    const s = await this.repo.scheme(id);
    if (!s) throw notFound('voucher.schemeNotFound');
    return s;
  }

  /** Open and closed schemes: public (budgets and rules of public money are public). */
  schemes(): Promise<Scheme[]> {
    return this.repo.schemes([]);
  }

  async updateScheme(id: number, patch: SchemePatch, user: CurrentUser): Promise<Scheme> {
    const before = await this.scheme(id);
    if (!mayManageScheme(user, before)) throw forbidden('voucher.schemeForbidden');
    if (patch.districtCode !== undefined && patch.districtCode !== before.districtCode && !isAdmin(user)) throw forbidden('voucher.schemeForbidden');
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) if (k !== 'version' && v !== undefined && COLUMNS[k]) set[COLUMNS[k]] = v;
    const committed = before.allocatedFen + before.reservedFen + before.redeemedFen + before.paidFen;
    if (patch.budgetFen != null && patch.budgetFen < committed) {
      throw invalid([{ path: 'budgetFen', key: 'voucher.budgetBelowCommitted', params: { committed: committed / 100 } }]);
    }
    await this.db.transaction(async (tx) => {
      const ok = await this.repo
        .with(tx)
        .updateScheme(id, patch.version, set)
        .catch((e: Error) => {
          // a budget cut racing an issue: the ledger's constraint refused it
          if (/voucher_schemes_ledger_bounds/.test(e.message)) throw conflict('voucher.budgetBelowCommitted', { committed: committed / 100 });
          throw e;
        });
      if (!ok) throw conflict('voucher.schemeVersionConflict');
      await recordHistory(tx, { entityType: 'voucher_scheme', entityId: id, action: 'update', actor: actorOf(user), before, after: patch });
      await recordAudit(tx, {
        type: 'voucher.scheme_updated',
        actor: user,
        districtCode: before.districtCode,
        subject: { type: 'voucher_scheme', id },
        detail: { fields: Object.keys(set) },
      });
    });
    return this.scheme(id);
  }

  // ---------------------------------------------------------------- eligibility
  /** Which open schemes the organization qualifies for, and why not — computed from its profile. */
  async eligibility(orgId: number): Promise<EligibilityItem[]> {
    const today = beijingToday();
    const facts = await factsOf(this.directory, orgId, today);
    const schemes = await this.repo.schemes([sql`s.status = 'open'`]);
    const out: EligibilityItem[] = [];
    for (const scheme of schemes) {
      if (scheme.districtCode && scheme.districtCode !== facts.districtCode) continue;
      out.push({
        scheme,
        verdict: evaluate(scheme.eligibility, facts),
        capFen: isTeam(facts) ? scheme.teamYearlyCapFen : scheme.yearlyCapFen,
        usedThisYearFen: await this.repo.usedThisYear(scheme.id, orgId, beijingYear()),
        openApplication: await this.repo.hasOpenApplication(scheme.id, orgId),
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- issue
  /** Issues a voucher: eligibility, the holder's yearly cap and the budget, checked in one transaction. */
  async issue(
    input: IssueInput,
    user: CurrentUser,
    applicationId: number | null = null,
    /** more of the same transaction, after the voucher is in (an application's approval) */
    within?: (tx: Queryable, voucherId: number) => Promise<void>,
  ): Promise<Voucher> {
    // the holder's facts are read before the transaction: on PGlite a query outside it would wait for it to end
    const today = beijingToday();
    const facts = await factsOf(this.directory, input.holderOrgId, today).catch(() => null);
    if (!facts) throw invalid([{ path: 'holderOrgId', key: 'voucher.holderNotFound' }]);
    const run = async (tx: Queryable) => {
      const repo = this.repo.with(tx);
      const scheme = await repo.scheme(input.schemeId, true); // the scheme's row lock: issues against it take turns
      if (!scheme) throw invalid([{ path: 'schemeId', key: 'voucher.schemeNotFound' }]);
      if (!mayManageScheme(user, scheme)) throw forbidden('voucher.schemeForbidden');
      if (scheme.status !== 'open') throw conflict('voucher.schemeClosed');
      if (scheme.districtCode && facts.districtCode !== scheme.districtCode) throw conflict('voucher.holderOutsideDistrict');
      if (!evaluate(scheme.eligibility, facts).eligible) throw conflict('voucher.notEligible', { name: facts.name });
      const year = beijingYear();
      const cap = isTeam(facts) ? scheme.teamYearlyCapFen : scheme.yearlyCapFen;
      const used = await repo.usedThisYear(scheme.id, input.holderOrgId, year);
      if (used + input.amountFen > cap) throw conflict('voucher.yearlyCap', { cap: cap / 100, left: Math.max(0, cap - used) / 100 });
      const validUntil = input.validUntil ?? validUntilFor(today, scheme.validityMonths);
      if (validUntil < today) throw invalid([{ path: 'validUntil', key: 'voucher.validUntilPast' }]);
      const id = await repo.insertVoucher({
        schemeId: scheme.id,
        holderOrgId: input.holderOrgId,
        amountFen: input.amountFen,
        year,
        validUntil,
        applicationId,
        userId: user.id,
      });
      const moved = await repo.move({
        schemeId: scheme.id,
        from: 'available',
        to: 'allocated',
        amountFen: input.amountFen,
        voucherId: id,
        reason: 'issue',
        actorId: user.id,
      });
      if (!moved) {
        const available = scheme.budgetFen - scheme.allocatedFen - scheme.reservedFen - scheme.redeemedFen - scheme.paidFen;
        throw conflict('voucher.overBudget', { available: available / 100 });
      }
      await recordHistory(tx, { entityType: 'voucher', entityId: id, action: 'issue', actor: actorOf(user), before: null, after: { ...input, validUntil } });
      await publishEvent(tx, {
        type: 'voucher.issued',
        aggregateType: 'voucher',
        aggregateId: id,
        payload: { id, schemeId: scheme.id, holderOrgId: input.holderOrgId, amountFen: input.amountFen, districtCode: facts.districtCode },
        actorId: user.id,
      });
      await recordAudit(tx, {
        type: 'voucher.issued',
        actor: user,
        districtCode: facts.districtCode,
        subject: { type: 'voucher', id },
        detail: { schemeId: scheme.id, holderOrgId: input.holderOrgId, amountFen: input.amountFen, applicationId },
      });
      await within?.(tx, id);
      return id;
    };
    return (await this.repo.voucher(await this.db.transaction(run)))!;
  }

  async voucher(id: number, user: CurrentUser): Promise<Voucher> {
    const v = await this.repo.voucher(id);
    const scheme = v && (await this.repo.scheme(v.schemeId));
    const holderDistrict = v && (await this.directory.orgs.get(v.holderOrgId).catch(() => null))?.districtCode;
    if (!v || !maySeeHolding(user, { holderOrgId: v.holderOrgId, holderDistrict, schemeDistrict: scheme?.districtCode })) throw notFound('voucher.notFound');
    return v;
  }

  /** A member sees its organization's wallet; the city everything; a district its schemes' and its holders'. */
  async vouchers(user: CurrentUser, q: { schemeId?: number; holderOrgId?: number; status?: string; page: number; pageSize: number }) {
    const where: Sql[] = [];
    if (user.role === 'org_member') where.push(sql`v.holder_org_id = ${user.orgId}`);
    else if (isDistrictAdmin(user)) where.push(sql`(h.district_code = ${user.districtCode} OR s.district_code = ${user.districtCode})`);
    if (q.schemeId) where.push(sql`v.scheme_id = ${q.schemeId}`);
    if (q.holderOrgId) where.push(sql`v.holder_org_id = ${q.holderOrgId}`);
    if (q.status) where.push(sql`v.status = ${q.status}`);
    return this.repo.vouchers(where, q.page, q.pageSize);
  }

  /**
   * Cancels an active voucher (the office of its scheme), with a reason: its unused balance goes back to the
   * scheme's budget (allocated → available). Shares already applied to orders stay there: they are claimed as
   * usual, or, taken off an order, go back to the budget (not to the cancelled voucher).
   */
  async cancel(id: number, reason: string, user: CurrentUser): Promise<Voucher> {
    const v = await this.voucher(id, user); // not seen: 404
    if (!mayManageScheme(user, { districtCode: v.schemeDistrict })) throw forbidden('voucher.cancelForbidden');
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const locked = (await repo.voucher(id, true))!; // the voucher's row: a checkout spending it waits, then finds it cancelled
      if (locked.status !== 'active') throw conflict('voucher.notActive');
      await repo.markCancelled(id, reason, user.id);
      if (locked.balanceFen > 0) {
        const moved = await repo.move({
          schemeId: locked.schemeId,
          from: 'allocated',
          to: 'available',
          amountFen: locked.balanceFen,
          voucherId: id,
          reason: 'cancel',
          actorId: user.id,
        });
        if (!moved) throw conflict('voucher.ledgerMismatch');
      }
      await recordHistory(tx, {
        entityType: 'voucher',
        entityId: id,
        action: 'cancel',
        actor: actorOf(user),
        before: { status: locked.status, balanceFen: locked.balanceFen },
        after: { status: 'cancelled', reason },
      });
      await publishEvent(tx, {
        type: 'voucher.cancelled',
        aggregateType: 'voucher',
        aggregateId: id,
        payload: { id, schemeId: locked.schemeId, holderOrgId: locked.holderOrgId, returnedFen: locked.balanceFen },
        actorId: user.id,
      });
      await recordAudit(tx, {
        type: 'voucher.cancelled',
        actor: user,
        districtCode: locked.schemeDistrict,
        subject: { type: 'voucher', id },
        detail: { reason, returnedFen: locked.balanceFen, holderOrgId: locked.holderOrgId },
      });
    });
    return (await this.repo.voucher(id))!;
  }

  /** Expiry: what an expired voucher did not spend goes back to its scheme's budget (the tick and the tests call it). */
  async expireDue(now = Date.now()): Promise<number> {
    const today = beijingToday(now);
    let expired = 0;
    for (;;) {
      const done = await this.db.transaction(async (tx) => {
        const repo = this.repo.with(tx);
        const due = await repo.dueToExpire(today, 100);
        for (const v of due) {
          // the balance stays as it was: it is what went back, and the yearly cap no longer counts it
          await repo.markExpired(v.id);
          if (v.balanceFen > 0) {
            await repo.move({ schemeId: v.schemeId, from: 'allocated', to: 'available', amountFen: v.balanceFen, voucherId: v.id, reason: 'expire' });
          }
          await recordAudit(tx, { type: 'voucher.expired', actor: null, subject: { type: 'voucher', id: v.id }, detail: { returnedFen: v.balanceFen } });
        }
        return due.length;
      });
      expired += done;
      if (done < 100) return expired;
    }
  }
}
