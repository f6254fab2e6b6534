/**
 * The service catalogue's rules: who may publish and edit which service (policy.ts), references must
 * exist (the provider in the directory, the category in the reference data, the district), a pricing
 * mode carries exactly its own price fields, every change keeps its history, emits an event and is
 * recorded in the audit trail in its own transaction, and a stale version is a 409. The search falls
 * back to pinyin matching ("did you mean") when the words match nothing at all.
 */
import type { Database } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { changedFields, recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { parseTextQuery } from '../../platform/text/search-sql.ts';
import { actorOf, editsForOrg, type CurrentUser } from '../auth/index.ts';
import type { ReferenceService } from '../reference/index.ts';
import type { DirectoryService, Org } from '../directory/index.ts';
import { ServiceRepository, type Service, type ServiceRecord } from './repository.ts';
import { mayChooseProvider, mayEditService, mayPublishServices } from './policy.ts';
import { priceProblems, type ServiceInput, type ServiceListQuery, type ServicePatch } from './schemas.ts';

export type ServiceWithCategory = Service & { categoryName: string };

/** What other modules (orders, vouchers) read of a service: row-shaped, no viewer-specific fields. */
export interface ServiceSummary {
  id: number;
  providerOrgId: number;
  title: string;
  categoryCode: string;
  restrictedKind: Service['restrictedKind'];
  pricingMode: Service['pricingMode'];
  priceFen: number | null;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  districtCode: string | null;
  status: Service['status'];
}

export interface ServiceListResult {
  items: ServiceWithCategory[];
  total: number;
  page: number;
  pageSize: number;
  fuzzy: boolean;
  facets: { category: { code: string; count: number }[]; district: { code: string; count: number }[] };
}

const summaryOf = (s: Service): ServiceSummary => ({
  id: s.id,
  providerOrgId: s.providerOrgId,
  title: s.title,
  categoryCode: s.categoryCode,
  restrictedKind: s.restrictedKind,
  pricingMode: s.pricingMode,
  priceFen: s.priceFen,
  priceMinFen: s.priceMinFen,
  priceMaxFen: s.priceMaxFen,
  districtCode: s.districtCode,
  status: s.status,
});

/** Only the price fields the mode uses are stored (a fixed price keeps no range, a quote no price at all). */
function pricesFor<T extends Pick<ServiceRecord, 'pricingMode' | 'priceFen' | 'priceMinFen' | 'priceMaxFen'>>(x: T): T {
  return {
    ...x,
    priceFen: x.pricingMode === 'fixed' ? (x.priceFen ?? null) : null,
    priceMinFen: x.pricingMode === 'range' ? (x.priceMinFen ?? null) : null,
    priceMaxFen: x.pricingMode === 'range' ? (x.priceMaxFen ?? null) : null,
  };
}

export class ServiceCatalogue {
  readonly repo: ServiceRepository;

  constructor(
    private readonly db: Database,
    private readonly reference: ReferenceService,
    private readonly directory: DirectoryService,
  ) {
    this.repo = new ServiceRepository(db);
  }

  // ---------------------------------------------------------------- the face other modules use

  /** The service's row-shaped summary, or null when there is none of that id. */
  async summary(id: number): Promise<ServiceSummary | null> {
    const s = await this.repo.findById(id);
    return s ? summaryOf(s) : null;
  }

  /** The summaries of these ids, in the order given (unknown ids left out). */
  async summaries(ids: number[]): Promise<ServiceSummary[]> {
    return (await this.repo.findByIds([...new Set(ids)])).map(summaryOf);
  }

  // ---------------------------------------------------------------- reads

  async get(id: number): Promise<ServiceWithCategory> {
    const found = await this.repo.findById(id);
    if (!found) throw notFound('service.notFound');
    return (await this.withCategories([found]))[0];
  }

  async list(q: ServiceListQuery, viewer: CurrentUser | null): Promise<ServiceListResult> {
    const districts = q.district?.length ? (await Promise.all(q.district.map((d) => this.reference.rollUp(d)))).flat() : undefined;
    // a provider's own withdrawn services are listed to those who may edit them, when they ask for that provider
    const statuses = q.providerOrgId && editsForOrg(viewer, q.providerOrgId) ? ['published', 'withdrawn'] : ['published'];
    const f = { text: parseTextQuery(q.q), categories: q.category, districts, pricingModes: q.pricingMode, providerOrgId: q.providerOrgId, statuses };
    const offset = (q.page - 1) * q.pageSize;
    let fuzzy = false;
    let page = await this.repo.search(f, q.pageSize, offset, false);
    // "Did you mean": the words match nothing at all — perhaps an input-method typo; try pinyin.
    if (page.total === 0 && f.text && !(await this.repo.textMatchesAny(f.text))) {
      const fuzzyPage = await this.repo.search(f, q.pageSize, offset, true);
      if (fuzzyPage.total > 0) {
        page = fuzzyPage;
        fuzzy = true;
      }
    }
    const items = await this.withCategories(await this.repo.findByIds(page.ids));
    return { items, total: page.total, page: q.page, pageSize: q.pageSize, fuzzy, facets: page.facets };
  }

  // ---------------------------------------------------------------- writes

  async create(input: ServiceInput, user: CurrentUser): Promise<ServiceWithCategory> {
    const providerOrgId = this.providerFor(input.providerOrgId, user);
    const { categoryName, provider, districtCode } = await this.checkReferences({ ...input, providerOrgId });
    const record: ServiceRecord = pricesFor({
      providerOrgId,
      title: input.title,
      categoryCode: input.categoryCode,
      subcategory: input.subcategory ?? null,
      description: input.description ?? null,
      deliverables: input.deliverables ?? null,
      pricingMode: input.pricingMode,
      priceFen: input.priceFen ?? null,
      priceMinFen: input.priceMinFen ?? null,
      priceMaxFen: input.priceMaxFen ?? null,
      turnaroundDays: input.turnaroundDays ?? null,
      qualifications: input.qualifications,
      districtCode,
      restrictedKind: input.restrictedKind ?? null,
      status: 'published',
    });
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const id = await repo.insert(record, categoryName, provider.name);
      const after = await repo.findById(id);
      await recordHistory(tx, { entityType: 'service', entityId: id, action: 'create', actor: actorOf(user), before: null, after });
      await publishEvent(tx, {
        type: 'service.created',
        aggregateType: 'service',
        aggregateId: id,
        payload: { id, providerOrgId, categoryCode: record.categoryCode },
        actorId: user.id,
      });
      await recordAudit(tx, {
        type: 'service.created',
        actor: user,
        districtCode,
        subject: { type: 'service', id },
        detail: { providerOrgId, title: record.title, categoryCode: record.categoryCode, restrictedKind: record.restrictedKind },
      });
      return id;
    });
    return this.get(id);
  }

  async update(id: number, patch: ServicePatch, user: CurrentUser): Promise<ServiceWithCategory> {
    const current = await this.get(id);
    if (!mayEditService(user, current)) throw forbidden('service.notProvider');
    if (patch.providerOrgId != null && patch.providerOrgId !== current.providerOrgId && !mayChooseProvider(user)) throw forbidden('service.notProvider');
    const { version, ...changes } = patch;
    // a stale version is refused even when nothing would change; an edit that changes nothing writes nothing
    if (version != null && version !== current.version) throw conflict('service.versionConflict', { current: current.version });
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (!changedFields(current, defined).length) return current;
    const { categoryName: _c, providerName: _p, id: _i, version: _v, createdAt: _ca, updatedAt: _ua, ...stored } = current;
    const merged = pricesFor({ ...stored, ...defined } as ServiceRecord);
    const problems = priceProblems(merged);
    if (problems.length) throw invalid(problems);
    const { categoryName, provider, districtCode } = await this.checkReferences(merged);
    const record = { ...merged, districtCode };
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await repo.findById(id, true);
      if (!before) throw notFound('service.notFound');
      if (version != null && version !== before.version) throw conflict('service.versionConflict', { current: before.version });
      await repo.update(id, record, categoryName, provider.name);
      const after = await repo.findById(id);
      const type = before.status !== record.status ? (record.status === 'withdrawn' ? 'service.withdrawn' : 'service.republished') : 'service.updated';
      await recordHistory(tx, { entityType: 'service', entityId: id, action: type.slice('service.'.length), actor: actorOf(user), before, after });
      await publishEvent(tx, { type, aggregateType: 'service', aggregateId: id, payload: { id, status: record.status }, actorId: user.id });
      await recordAudit(tx, {
        type,
        actor: user,
        districtCode: record.districtCode,
        subject: { type: 'service', id },
        detail: { fields: changedFields(before, defined), status: record.status },
      });
    });
    return this.get(id);
  }

  // ---------------------------------------------------------------- helpers

  /** The provider organization as the directory has it, or null when there is none of that id. */
  async provider(orgId: number): Promise<Org | null> {
    return this.directory.get(orgId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    });
  }

  private async withCategories(rows: Service[]): Promise<ServiceWithCategory[]> {
    const categories = new Map((await this.reference.categories()).map((c) => [c.code, c.nameZh]));
    return rows.map((s) => ({ ...s, categoryName: categories.get(s.categoryCode) ?? s.categoryCode }));
  }

  /** Which organization a new service belongs to: a member's own; an admin names it. */
  private providerFor(requested: number | undefined, user: CurrentUser): number {
    if (!mayPublishServices(user)) throw forbidden('service.notProvider');
    if (!mayChooseProvider(user)) {
      if (requested != null && requested !== user.orgId) throw forbidden('service.notProvider');
      return user.orgId!;
    }
    if (requested == null) throw invalid([{ path: 'providerOrgId', key: 'field.required' }]);
    return requested;
  }

  private async checkReferences(x: { providerOrgId: number; categoryCode: string; districtCode?: string | null }) {
    const fields: FieldError[] = [];
    const category = (await this.reference.categories()).find((c) => c.code === x.categoryCode);
    if (!category) fields.push({ path: 'categoryCode', key: 'service.unknownCategory', params: { value: x.categoryCode } });
    const provider = await this.provider(x.providerOrgId);
    if (!provider) fields.push({ path: 'providerOrgId', key: 'service.unknownProvider', params: { value: x.providerOrgId } });
    if (x.districtCode && !(await this.reference.divisions()).some((d) => d.code === x.districtCode)) {
      fields.push({ path: 'districtCode', key: 'field.unknownDistrict', params: { value: x.districtCode } });
    }
    if (fields.length) throw invalid(fields);
    return { categoryName: category!.nameZh, provider: provider!, districtCode: x.districtCode ?? provider!.districtCode ?? null };
  }
}
