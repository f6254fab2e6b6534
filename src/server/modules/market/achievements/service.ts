/**
 * Achievements (科技成果): what an organization offers for transfer. Members of the owner
 * organization (and city admins) write them; the text pipeline fills the search columns and the key
 * terms that matching and the word statistics (achievement_term_df) are built from.
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { changedFields, listHistory, recordHistory } from '../../../platform/history.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../../auth/index.ts';
import type { VocabularyService } from '../vocabulary/service.ts';
import { parseMarketQuery } from '../vocabulary/text.ts';
import { listPage } from '../listings/list-page.ts';
import { holdsUnpublished } from '../listings/repository.ts';
import { transitionListing, type ListingAction } from '../listings/lifecycle.ts';
import { listingOrgFor, mayChangeListingOrg, mayEditListing, maySeeListing, unpublishedScope } from '../policy.ts';
import { ACHIEVEMENT_TABLE, AchievementRepository, achievementListWhere } from './repository.ts';
import type { Achievement, AchievementInput, AchievementListQuery, AchievementPatch } from './schemas.ts';

export class AchievementService {
  private readonly repo: AchievementRepository;

  constructor(
    private readonly db: Database,
    private readonly vocabulary: VocabularyService,
    private readonly reviewRequired: boolean,
  ) {
    this.repo = new AchievementRepository(db);
  }

  /** `tx`: the connection to read through (an event handler's transaction), the pool by default. */
  find(id: number, tx: Queryable = this.db): Promise<Achievement | null> {
    return this.repo.with(tx).find(id);
  }

  findMany(ids: number[]): Promise<Achievement[]> {
    return this.repo.findMany(ids);
  }

  /** An achievement the user may see (drafts only to their editors; others get 404, not 403). */
  async get(id: number, user: CurrentUser | null): Promise<Achievement> {
    const a = await this.find(id);
    if (!a || !maySeeListing(user, a.status, a.ownerOrgId)) throw notFound('market.achievementNotFound');
    return a;
  }

  async list(q: AchievementListQuery, user: CurrentUser | null) {
    const text = parseMarketQuery(q.q, await this.vocabulary.synonymGroups());
    const where = achievementListWhere(q, unpublishedScope(user));
    return listPage(
      this.db,
      ACHIEVEMENT_TABLE,
      { text, where, sort: q.sort ?? (text ? 'relevance' : 'newest'), page: q.page, pageSize: q.pageSize, undated: holdsUnpublished(q.status) },
      (ids) => this.findMany(ids),
      (a) => a,
      (a) => ({ title: a.title, body: a.abstract }),
    );
  }

  async create(input: AchievementInput, user: CurrentUser): Promise<Achievement> {
    const ownerOrgId = listingOrgFor(input.ownerOrgId, user, 'ownerOrgId');
    await this.check({ ...input, ownerOrgId });
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const id = await repo.insert({ ...input, ownerOrgId }, user.id || null);
      await repo.setInventors(id, input.inventorIds);
      const after = await repo.find(id);
      await recordHistory(tx, { entityType: 'achievement', entityId: id, action: 'create', actor: actorOf(user), before: null, after });
      await publishEvent(tx, { type: 'achievement.created', aggregateType: 'achievement', aggregateId: id, payload: { id, ownerOrgId }, actorId: user.id });
      return id;
    });
    return (await this.find(id))!;
  }

  async update(id: number, patch: AchievementPatch, user: CurrentUser): Promise<Achievement> {
    const current = await this.get(id, user);
    if (!mayEditListing(user, current.ownerOrgId)) throw forbidden('market.achievementNotOwner');
    if (patch.ownerOrgId != null && patch.ownerOrgId !== current.ownerOrgId && !mayChangeListingOrg(user)) throw forbidden('market.achievementNotOwner');
    const { version, inventorIds, ...changes } = patch;
    // a stale version is refused even when nothing would change; an edit that changes nothing writes nothing
    // (no version, history entry or event)
    if (version != null && version !== current.version) throw conflict('market.versionConflict', { current: current.version });
    if (!changedFields({ ...current, inventorIds: current.inventors.map((i) => i.id) }, { ...changes, inventorIds }).length) return current;
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Achievement;
    await this.check({ ...merged, inventorIds: inventorIds ?? [] });
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await repo.find(id);
      const currentVersion = await repo.lockVersion(id);
      if (version != null && version !== currentVersion) throw conflict('market.versionConflict', { current: currentVersion });
      await repo.update(id, merged);
      if (inventorIds) await repo.setInventors(id, inventorIds);
      const after = await repo.find(id);
      await recordHistory(tx, { entityType: 'achievement', entityId: id, action: 'update', actor: actorOf(user), before, after });
      await publishEvent(tx, {
        type: 'achievement.updated',
        aggregateType: 'achievement',
        aggregateId: id,
        payload: { id, status: after?.status },
        actorId: user.id,
      });
    });
    return (await this.find(id))!;
  }

  async transition(id: number, action: ListingAction, user: CurrentUser, reason?: string): Promise<Achievement> {
    await transitionListing(this.db, 'achievement', id, action, user, { reviewRequired: this.reviewRequired, reason });
    return (await this.find(id))!;
  }

  async history(id: number, user: CurrentUser) {
    const a = await this.get(id, user);
    if (!mayEditListing(user, a.ownerOrgId)) throw forbidden('market.achievementNotOwner');
    return listHistory(this.db, 'achievement', id);
  }

  async addAttachment(id: number, file: { filename: string; contentType: string; content: Buffer }, user: CurrentUser) {
    const a = await this.get(id, user);
    if (!mayEditListing(user, a.ownerOrgId)) throw forbidden('market.achievementNotOwner');
    return this.db.transaction(async (tx) => {
      const attachmentId = await this.repo.with(tx).insertAttachment(id, file, user.id);
      const attachment = { id: attachmentId, filename: file.filename, contentType: file.contentType, size: file.content.length };
      await recordHistory(tx, { entityType: 'achievement', entityId: id, action: 'attach', actor: actorOf(user), before: null, after: attachment });
      return attachment;
    });
  }

  async attachment(id: number, attachmentId: number, user: CurrentUser | null) {
    await this.get(id, user);
    const f = await this.repo.attachment(id, attachmentId);
    if (!f) throw notFound('market.attachmentNotFound');
    return f;
  }

  private async check(a: { ownerOrgId?: number; disciplineCode?: string | null; industryCode?: string | null; inventorIds: number[] }) {
    const fields: FieldError[] = await this.vocabulary.checkFields([
      { path: 'disciplineCode', code: a.disciplineCode, kind: 'discipline' },
      { path: 'industryCode', code: a.industryCode, kind: 'industry' },
    ]);
    if (a.ownerOrgId != null && !(await this.repo.orgExists(a.ownerOrgId)))
      fields.push({ path: 'ownerOrgId', key: 'market.unknownOrg', params: { value: a.ownerOrgId } });
    if (a.inventorIds.length) {
      const known = await this.repo.knownExperts(a.inventorIds);
      a.inventorIds.forEach((e, i) => !known.has(e) && fields.push({ path: `inventorIds.${i}`, key: 'market.unknownExpert', params: { value: e } }));
    }
    if (fields.length) throw invalid(fields);
  }
}
