/**
 * Applications (创新券申领): a member applies for its organization; the eligibility checks are computed from the
 * profile and kept with the application, so the office reviews what the rules said; approving issues the voucher
 * in the same transaction (all of issue's checks: budget, yearly cap).
 */
import type { Database } from '../../platform/db/database.ts';
import { sql, type Sql } from '../../platform/db/sql.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { isAdmin, isDistrictAdmin, type CurrentUser } from '../auth/index.ts';
import { beijingToday } from './dates.ts';
import { evaluate } from './eligibility.ts';
import { type DirectoryFace, factsOf } from './facts.ts';
import { mayApply, mayManageScheme, maySeeHolding } from './policy.ts';
import type { Application, VoucherRepository } from './repository.ts';
import type { ApplicationInput, DecisionInput } from './schemas.ts';
import type { VoucherService } from './service.ts';

export class ApplicationService {
  constructor(
    private readonly db: Database,
    private readonly repo: VoucherRepository,
    private readonly vouchers: VoucherService,
    private readonly directory: DirectoryFace,
  ) {}

  async apply(input: ApplicationInput, user: CurrentUser): Promise<Application> {
    if (!mayApply(user)) throw forbidden('voucher.membersApply');
    const orgId = user.orgId!;
    const scheme = await this.repo.scheme(input.schemeId);
    if (!scheme) throw invalid([{ path: 'schemeId', key: 'voucher.schemeNotFound' }]);
    if (scheme.status !== 'open') throw conflict('voucher.schemeClosed');
    const facts = await factsOf(this.directory, orgId, beijingToday());
    if (scheme.districtCode && facts.districtCode !== scheme.districtCode) throw conflict('voucher.holderOutsideDistrict');
    const verdict = evaluate(scheme.eligibility, facts);
    if (!verdict.eligible) throw conflict('voucher.notEligible', { name: facts.name });
    const id = await this.db.transaction(async (tx) => {
      const id = await this.repo.with(tx).insertApplication({ ...input, holderOrgId: orgId, checks: verdict.checks, userId: user.id });
      if (id == null) throw conflict('voucher.applicationOpen');
      await recordAudit(tx, {
        type: 'voucher.applied',
        actor: user,
        districtCode: facts.districtCode,
        subject: { type: 'voucher_application', id },
        detail: { schemeId: scheme.id, amountFen: input.amountFen },
      });
      return id;
    });
    return (await this.repo.application(id))!;
  }

  async get(id: number, user: CurrentUser): Promise<Application> {
    const a = await this.repo.application(id);
    const scheme = a && (await this.repo.scheme(a.schemeId));
    if (!a || !maySeeHolding(user, { holderOrgId: a.holderOrgId, holderDistrict: a.holderDistrict, schemeDistrict: scheme?.districtCode })) {
      throw notFound('voucher.applicationNotFound');
    }
    return a;
  }

  list(user: CurrentUser, q: { schemeId?: number; status?: string; page: number; pageSize: number }) {
    const where: Sql[] = [];
    if (user.role === 'org_member') where.push(sql`a.holder_org_id = ${user.orgId}`);
    else if (isDistrictAdmin(user))
      where.push(sql`(h.district_code = ${user.districtCode} OR a.scheme_id IN (SELECT id FROM voucher_schemes WHERE district_code = ${user.districtCode}))`);
    else if (!isAdmin(user)) throw forbidden();
    if (q.schemeId) where.push(sql`a.scheme_id = ${q.schemeId}`);
    if (q.status) where.push(sql`a.status = ${q.status}`);
    return this.repo.applications(where, q.page, q.pageSize);
  }

  async decide(id: number, input: DecisionInput, user: CurrentUser): Promise<Application> {
    const a = await this.get(id, user);
    const scheme = (await this.repo.scheme(a.schemeId))!;
    if (!mayManageScheme(user, scheme)) throw forbidden('voucher.schemeForbidden');
    if (a.status !== 'submitted') throw conflict('voucher.applicationDecided');
    const decided = async (tx: Parameters<Parameters<Database['transaction']>[0]>[0], status: 'approved' | 'rejected') => {
      // the row lock: two offices deciding at once, the second finds it decided
      const locked = await this.repo.with(tx).application(id, true);
      if (locked?.status !== 'submitted') throw conflict('voucher.applicationDecided');
      await this.repo.with(tx).decideApplication(id, status, input.reason ?? null, user.id);
      await recordAudit(tx, {
        type: `voucher.application_${status}`,
        actor: user,
        districtCode: a.holderDistrict,
        subject: { type: 'voucher_application', id },
        detail: { amountFen: input.amountFen ?? a.amountFen, reason: input.reason ?? null },
      });
    };
    if (input.decision === 'reject') await this.db.transaction((tx) => decided(tx, 'rejected'));
    else {
      await this.vouchers.issue({ schemeId: a.schemeId, holderOrgId: a.holderOrgId, amountFen: input.amountFen ?? a.amountFen }, user, id, (tx) =>
        decided(tx, 'approved'),
      );
    }
    return (await this.repo.application(id))!;
  }
}
