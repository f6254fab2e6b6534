/**
 * Demands (技术需求): a technology problem an organization posts, with its field, budget, deadline
 * and the maturity it needs. Same life cycle and rules of authorship as achievements. The contact
 * person and phone are personal data: only signed-in users see them (presenter.ts).
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { changedFields, listHistory, recordHistory } from '../../../platform/history.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../../auth/index.ts';
import type { ReferenceService } from '../../reference/index.ts';
import type { VocabularyService } from '../vocabulary/service.ts';
import { parseMarketQuery } from '../vocabulary/text.ts';
import { listPage } from '../listings/list-page.ts';
import { holdsUnpublished } from '../listings/repository.ts';
import { transitionListing, type ListingAction } from '../listings/lifecycle.ts';
import { listingOrgFor, mayChangeListingOrg, mayEditListing, maySeeListing, unpublishedScope } from '../policy.ts';
import { DEMAND_TABLE, DemandRepository, demandListWhere } from './repository.ts';
import type { Demand, DemandInput, DemandListQuery, DemandPatch } from './schemas.ts';

export class DemandService {
  private readonly repo: DemandRepository;

  constructor(
    private readonly db: Database,
    private readonly vocabulary: VocabularyService,
    private readonly places: ReferenceService,
    private readonly reviewRequired: boolean,
  ) {
    this.repo = new DemandRepository(db);
  }

  /** `tx`: the connection to read through (an event handler's transaction), the pool by default. */
  find(id: number, tx: Queryable = this.db): Promise<Demand | null> {
    return this.repo.with(tx).find(id);
  }

  findMany(ids: number[], tx: Queryable = this.db): Promise<Demand[]> {
    return this.repo.with(tx).findMany(ids);
  }

  async get(id: number, user: CurrentUser | null): Promise<Demand> {
    const d = await this.find(id);
    if (!d || !maySeeListing(user, d.status, d.orgId)) throw notFound('market.demandNotFound');
    return d;
  }

  async list(q: DemandListQuery, user: CurrentUser | null) {
    const text = parseMarketQuery(q.q, await this.vocabulary.synonymGroups());
    return listPage(
      this.db,
      DEMAND_TABLE,
      {
        text,
        where: demandListWhere(q, unpublishedScope(user)),
        sort: q.sort ?? (text ? 'relevance' : 'newest'),
        page: q.page,
        pageSize: q.pageSize,
        undated: holdsUnpublished(q.status),
      },
      (ids) => this.findMany(ids),
      (d) => d,
      (d) => ({ title: d.title, body: d.description }),
    );
  }

  async create(input: DemandInput, user: CurrentUser): Promise<Demand> {
    const orgId = listingOrgFor(input.orgId, user, 'orgId');
    await this.check({ ...input, orgId });
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const id = await repo.insert({ ...input, orgId }, user.id || null);
      await recordHistory(tx, { entityType: 'demand', entityId: id, action: 'create', actor: actorOf(user), before: null, after: await repo.find(id) });
      await publishEvent(tx, { type: 'demand.created', aggregateType: 'demand', aggregateId: id, payload: { id, orgId }, actorId: user.id });
      return id;
    });
    return (await this.find(id))!;
  }

  async update(id: number, patch: DemandPatch, user: CurrentUser): Promise<Demand> {
    const current = await this.get(id, user);
    if (!mayEditListing(user, current.orgId)) throw forbidden('market.demandNotOwner');
    if (patch.orgId != null && patch.orgId !== current.orgId && !mayChangeListingOrg(user)) throw forbidden('market.demandNotOwner');
    const { version, ...changes } = patch;
    // a stale version is refused even when nothing would change; an edit that changes nothing writes nothing
    // (no version, history entry or event)
    if (version != null && version !== current.version) throw conflict('market.versionConflict', { current: current.version });
    if (!changedFields(current, changes).length) return current;
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Demand;
    await this.check(merged);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await repo.find(id);
      const currentVersion = await repo.lockVersion(id);
      if (version != null && version !== currentVersion) throw conflict('market.versionConflict', { current: currentVersion });
      await repo.update(id, merged);
      const after = await repo.find(id);
      await recordHistory(tx, { entityType: 'demand', entityId: id, action: 'update', actor: actorOf(user), before, after });
      await publishEvent(tx, { type: 'demand.updated', aggregateType: 'demand', aggregateId: id, payload: { id, status: after?.status }, actorId: user.id });
    });
    return (await this.find(id))!;
  }

  async transition(id: number, action: ListingAction, user: CurrentUser, reason?: string): Promise<Demand> {
    await transitionListing(this.db, 'demand', id, action, user, { reviewRequired: this.reviewRequired, reason });
    return (await this.find(id))!;
  }

  async history(id: number, user: CurrentUser) {
    const d = await this.get(id, user);
    if (!mayEditListing(user, d.orgId)) throw forbidden('market.demandNotOwner');
    return listHistory(this.db, 'demand', id);
  }

  private async check(d: { orgId?: number; industryCode?: string | null; disciplineCode?: string | null; districtCode?: string | null }) {
    const fields: FieldError[] = await this.vocabulary.checkFields([
      { path: 'industryCode', code: d.industryCode, kind: 'industry' },
      { path: 'disciplineCode', code: d.disciplineCode, kind: 'discipline' },
    ]);
    if (d.districtCode && !(await this.places.divisions()).some((x) => x.code === d.districtCode))
      fields.push({ path: 'districtCode', key: 'field.unknownDistrict', params: { value: d.districtCode } });
    if (d.orgId != null && !(await this.repo.orgExists(d.orgId))) fields.push({ path: 'orgId', key: 'market.unknownOrg', params: { value: d.orgId } });
    if (fields.length) throw invalid(fields);
  }
}
