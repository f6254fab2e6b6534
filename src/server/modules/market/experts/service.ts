/**
 * The expert pool (专家库): people with fields, titles, affiliation and availability, some of them
 * technology managers (技术经理人, graded) or S&T commissioners (科技特派员). A phone number and an
 * email are personal data: they are shown only to signed-in organization members, and only after
 * the expert, from their own account, agreed to it (policy.contactHiddenReason, presenter.ts).
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { changedFields, listHistory, recordHistory } from '../../../platform/history.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actorOf, type AuthService, type CurrentUser } from '../../auth/index.ts';
import type { VocabularyService } from '../vocabulary/service.ts';
import { parseMarketQuery } from '../vocabulary/text.ts';
import { listPage } from '../listings/list-page.ts';
import { TECH_MANAGER_GRADES } from '../schemas.ts';
import { mayDecideContact, mayEditExpert, mayRegisterAnyExpert, mayRegisterSelfAsExpert, mayRelinkExpert } from '../policy.ts';
import { EXPERT_TABLE, ExpertRepository, expertListWhere } from './repository.ts';
import type { Expert, ExpertInput, ExpertListQuery, ExpertPatch } from './schemas.ts';

export class ExpertService {
  private readonly repo: ExpertRepository;

  constructor(
    private readonly db: Database,
    private readonly vocabulary: VocabularyService,
    private readonly auth: AuthService,
  ) {
    this.repo = new ExpertRepository(db);
  }

  find(id: number, tx: Queryable = this.db): Promise<Expert | null> {
    return this.repo.with(tx).find(id);
  }

  findMany(ids: number[]): Promise<Expert[]> {
    return this.repo.findMany(ids);
  }

  async get(id: number): Promise<Expert> {
    const e = await this.find(id);
    if (!e) throw notFound('market.expertNotFound');
    return e;
  }

  mine(user: CurrentUser): Promise<Expert | null> {
    return this.repo.byUser(user.id);
  }

  /** Technology managers (技术经理人) of any grade in the pool: the statistics' figure. */
  async countTechManagers(): Promise<number> {
    const page = await this.list({ techManagerGrade: [...TECH_MANAGER_GRADES], page: 1, pageSize: 1 } as ExpertListQuery);
    return page.total;
  }

  async list(q: ExpertListQuery) {
    const text = parseMarketQuery(q.q, await this.vocabulary.synonymGroups());
    return listPage(
      this.db,
      EXPERT_TABLE,
      { text, where: expertListWhere(q), sort: text ? 'relevance' : 'name', page: q.page, pageSize: q.pageSize },
      (ids) => this.findMany(ids),
      (e) => e,
      (e) => ({ title: e.name, body: [e.keywords.join('、'), e.biography].filter(Boolean).join('｜') }),
    );
  }

  async create(input: ExpertInput, user: CurrentUser): Promise<Expert> {
    // a member registers themself; admins register anyone and may link an account
    if (mayRegisterSelfAsExpert(user)) {
      if (input.userId != null && input.userId !== user.id) throw forbidden('market.expertSelfOnly');
      input = { ...input, userId: user.id, affiliationOrgId: input.affiliationOrgId ?? user.orgId };
    } else if (!mayRegisterAnyExpert(user)) throw forbidden();
    await this.check(input, null);
    const fields = await this.vocabulary.fieldMap();
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const id = await repo.insert(input, user.id || null, fields);
      await recordHistory(tx, {
        entityType: 'expert',
        entityId: id,
        action: 'create',
        actor: actorOf(user),
        before: null,
        after: redactContact(await repo.find(id)),
      });
      await publishEvent(tx, { type: 'expert.created', aggregateType: 'expert', aggregateId: id, payload: { id }, actorId: user.id });
      return id;
    });
    return (await this.find(id))!;
  }

  async update(id: number, patch: ExpertPatch, user: CurrentUser): Promise<Expert> {
    const current = await this.get(id);
    if (!mayEditExpert(user, current)) throw forbidden('market.expertNotEditor');
    if (!mayRelinkExpert(user) && patch.userId !== undefined && patch.userId !== current.userId) throw forbidden('market.expertSelfOnly');
    const { version, ...changes } = patch;
    // a stale version is refused even when nothing would change; an edit that changes nothing writes nothing
    // (no version, history entry or event)
    if (version != null && version !== current.version) throw conflict('market.versionConflict', { current: current.version });
    if (!changedFields(current, changes).length) return current;
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Expert;
    await this.check(merged, id);
    const fields = await this.vocabulary.fieldMap();
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await repo.find(id);
      const currentVersion = await repo.lockVersion(id);
      if (version != null && version !== currentVersion) throw conflict('market.versionConflict', { current: currentVersion });
      // a different account takes over the profile: the previous owner's consent does not carry over
      await repo.update(id, merged, { affiliation: changes.affiliation, consentReset: merged.userId !== current.userId }, fields);
      await recordHistory(tx, {
        entityType: 'expert',
        entityId: id,
        action: 'update',
        actor: actorOf(user),
        before: redactContact(before),
        after: redactContact(await repo.find(id)),
      });
    });
    return (await this.find(id))!;
  }

  /** The expert's own decision to show (or hide) their phone and email to organization members. */
  async setConsent(id: number, visible: boolean, user: CurrentUser): Promise<Expert> {
    const current = await this.get(id);
    if (!mayDecideContact(user, current)) throw forbidden('market.consentSelfOnly');
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).setConsent(id, visible);
      await recordHistory(tx, {
        entityType: 'expert',
        entityId: id,
        action: visible ? 'consent' : 'withdraw_consent',
        actor: actorOf(user),
        before: { contactConsent: current.contactConsent },
        after: { contactConsent: visible },
      });
      // a person's consent to show their contact details (个人信息保护): kept in the audit trail
      await recordAudit(tx, {
        type: visible ? 'market.expert_consent_given' : 'market.expert_consent_withdrawn',
        actor: user,
        subject: { type: 'expert', id },
      });
    });
    return (await this.find(id))!;
  }

  async history(id: number, user: CurrentUser) {
    const e = await this.get(id);
    if (!mayEditExpert(user, e)) throw forbidden('market.expertNotEditor');
    return listHistory(this.db, 'expert', id);
  }

  private async check(e: { userId?: number | null; affiliationOrgId?: number | null; fields: string[] }, id: number | null) {
    // an expert's fields may be disciplines or industries
    const known = await this.vocabulary.fieldMap();
    const problems: FieldError[] = e.fields.flatMap((code, i) =>
      known.has(code) ? [] : [{ path: `fields.${i}`, key: 'market.unknownField', params: { value: code } }],
    );
    if (e.affiliationOrgId != null && !(await this.repo.orgExists(e.affiliationOrgId)))
      problems.push({ path: 'affiliationOrgId', key: 'market.unknownOrg', params: { value: e.affiliationOrgId } });
    if (e.userId != null) {
      if (!(await this.auth.userById(e.userId))) problems.push({ path: 'userId', key: 'market.unknownUser', params: { value: e.userId } });
      else if (await this.repo.userTaken(e.userId, id)) problems.push({ path: 'userId', key: 'market.expertAccountTaken' });
    }
    if (problems.length) throw invalid(problems);
  }
}

/** History keeps who changed what, but not the personal contact data itself. */
function redactContact(e: Expert | null) {
  return e && { ...e, phone: e.phone ? '***' : null, email: e.email ? '***' : null };
}
