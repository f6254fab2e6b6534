/**
 * The expert pool (专家库): people with fields, titles, affiliation and availability, some of them
 * technology managers (技术经理人, graded) or S&T commissioners (科技特派员). A phone number and an
 * email are personal data: they are shown only to signed-in organization members, and only after
 * the expert, from their own account, agreed to it (see presentExpert).
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { listHistory, recordHistory } from '../../platform/history.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { fold } from '../../platform/text/fold.ts';
import { pinyinKey } from '../../platform/text/pinyin.ts';
import { searchDocumentSql } from '../../platform/text/search-sql.ts';
import type { CurrentUser } from '../auth/index.ts';
import { actorOf } from '../auth/index.ts';
import type { MarketReference, TechField } from './reference.ts';
import type { ExpertInput, ExpertListQuery, ExpertPatch } from './schemas.ts';
import { keyTerms, parseMarketQuery } from './text.ts';
import { inIdOrder, listPage, type ListingTable } from './listing-search.ts';

export interface Expert {
  id: number;
  userId: number | null;
  name: string;
  title: string | null;
  affiliationOrgId: number | null;
  affiliation: string | null;
  fields: string[];
  keywords: string[];
  biography: string | null;
  consulting: boolean;
  consultingNote: string | null;
  techManagerGrade: 'junior' | 'intermediate' | 'senior' | null;
  commissioner: boolean;
  districtCode: string | null;
  phone: string | null;
  email: string | null;
  contactConsent: boolean;
  contactConsentAt: Date | null;
  achievements: { id: number; title: string }[];
  status: 'active' | 'inactive';
  version: number;
  updatedAt: Date;
}

const COLUMNS = sql.raw(`e.id, e.user_id AS "userId", e.name, e.title, e.affiliation_org_id AS "affiliationOrgId",
  coalesce(e.affiliation, o.name) AS affiliation, e.fields, e.keywords, e.biography, e.consulting, e.consulting_note AS "consultingNote",
  e.tech_manager_grade AS "techManagerGrade", e.commissioner, e.district_code AS "districtCode", e.phone, e.email,
  e.contact_consent AS "contactConsent", e.contact_consent_at AS "contactConsentAt", e.status, e.version, e.updated_at AS "updatedAt",
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'title', a.title) ORDER BY a.published_at DESC NULLS LAST)
            FROM achievement_inventors ai JOIN achievements a ON a.id = ai.achievement_id
            WHERE ai.expert_id = e.id AND a.status IN ('published','closed')), '[]') AS achievements`);
const FROM = sql.raw('experts e LEFT JOIN orgs o ON o.id = e.affiliation_org_id');

export const EXPERT_TABLE: ListingTable = {
  from: sql.raw('experts e'),
  alias: 'e',
  name: 'name_folded',
  pinyin: 'name_pinyin',
  newest: sql.raw('e.updated_at'),
  facets: { field: { column: sql.raw('e.fields'), array: true }, techManagerGrade: { column: sql.raw('e.tech_manager_grade') } },
};

function toExpert(r: Record<string, unknown>): Expert {
  return { ...(r as unknown as Expert), id: Number(r.id), userId: r.userId == null ? null : Number(r.userId), affiliationOrgId: r.affiliationOrgId == null ? null : Number(r.affiliationOrgId) };
}

/** Why a caller does not see the contact data, or null when they do. */
export function contactHiddenReason(e: Pick<Expert, 'userId' | 'contactConsent'>, user: CurrentUser | null): 'sign_in' | 'no_consent' | null {
  if (user && e.userId === user.id) return null;
  if (!e.contactConsent) return 'no_consent';
  if (!user || user.role !== 'org_member') return 'sign_in';
  return null;
}

export function presentExpert(e: Expert, user: CurrentUser | null) {
  const { phone, email, ...rest } = e;
  const hidden = contactHiddenReason(e, user);
  const own = !!user && e.userId === user.id;
  return { ...rest, contact: hidden || (!phone && !email) ? null : { phone, email }, contactHidden: phone || email ? hidden : null, isMe: own, canEdit: own || user?.role === 'admin' };
}

export function expertSearchColumns(e: { name: string; title?: string | null; affiliation?: string | null; keywords: string[]; biography?: string | null; fields: string[] }, fields: Map<string, TechField>) {
  const fieldNames = e.fields.map((f) => fields.get(f)?.name ?? '');
  return {
    nameFolded: fold(e.name),
    namePinyin: pinyinKey(e.name),
    keyTerms: keyTerms(e.keywords.join(' '), fieldNames.join(' '), e.biography),
    document: searchDocumentSql({ A: [e.name], B: [...e.keywords, ...fieldNames, e.title, e.affiliation], C: [e.biography] }),
  };
}

export class ExpertService {
  constructor(
    private readonly db: Database,
    private readonly reference: MarketReference,
  ) {}

  async find(id: number, tx: Queryable = this.db): Promise<Expert | null> {
    const { rows } = await tx.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = ${id}`);
    return rows[0] ? toExpert(rows[0]) : null;
  }

  async findMany(ids: number[]): Promise<Expert[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = ANY(${ids}::bigint[])`);
    return inIdOrder(ids, rows, toExpert);
  }

  async get(id: number): Promise<Expert> {
    const e = await this.find(id);
    if (!e) throw notFound('market.expertNotFound');
    return e;
  }

  async mine(user: CurrentUser): Promise<Expert | null> {
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE e.user_id = ${user.id}`);
    return rows[0] ? toExpert(rows[0]) : null;
  }

  async list(q: ExpertListQuery, user: CurrentUser | null) {
    const text = parseMarketQuery(q.q, await this.reference.synonymGroups());
    const where = [sql`e.status = 'active'`];
    if (q.field?.length) where.push(sql`e.fields && ${q.field}::text[]`);
    if (q.techManagerGrade?.length) where.push(sql`e.tech_manager_grade = ANY(${q.techManagerGrade}::text[])`);
    if (q.commissioner != null) where.push(sql`e.commissioner = ${q.commissioner}`);
    if (q.consulting != null) where.push(sql`e.consulting = ${q.consulting}`);
    if (q.affiliation) where.push(sql`e.affiliation_org_id = ${q.affiliation}`);
    return listPage(
      this.db,
      EXPERT_TABLE,
      { text, where, sort: text ? 'relevance' : 'name', page: q.page, pageSize: q.pageSize },
      (ids) => this.findMany(ids),
      (e) => presentExpert(e, user),
      (e) => ({ title: e.name, body: [e.keywords.join('、'), e.biography].filter(Boolean).join('｜') }),
    );
  }

  async create(input: ExpertInput, user: CurrentUser): Promise<Expert> {
    // a member registers themself; admins register anyone and may link an account
    if (user.role === 'org_member') {
      if (input.userId != null && input.userId !== user.id) throw forbidden('market.expertSelfOnly');
      input = { ...input, userId: user.id, affiliationOrgId: input.affiliationOrgId ?? user.orgId };
    } else if (user.role !== 'admin') throw forbidden();
    await this.check(input, null);
    const fields = await this.reference.fieldMap();
    const id = await this.db.transaction(async (tx) => {
      const c = expertSearchColumns(input, fields);
      const { rows } = await tx.query<{ id: number }>(sql`
        INSERT INTO experts (user_id, name, title, affiliation_org_id, affiliation, fields, keywords, biography, consulting, consulting_note,
          tech_manager_grade, commissioner, district_code, phone, email, status, created_by, name_folded, name_pinyin, key_terms, search_document)
        VALUES (${input.userId ?? null}, ${input.name}, ${input.title ?? null}, ${input.affiliationOrgId ?? null}, ${input.affiliation ?? null}, ${input.fields}::text[],
          ${input.keywords}::text[], ${input.biography ?? null}, ${input.consulting}, ${input.consultingNote ?? null}, ${input.techManagerGrade ?? null},
          ${input.commissioner}, ${input.districtCode ?? null}, ${input.phone ?? null}, ${input.email ?? null}, ${input.status}, ${user.id || null},
          ${c.nameFolded}, ${c.namePinyin}, ${c.keyTerms}::text[], ${c.document})
        RETURNING id`);
      const id = Number(rows[0].id);
      await recordHistory(tx, { entityType: 'expert', entityId: id, action: 'create', actor: actorOf(user), before: null, after: redact(await this.find(id, tx)) });
      await publishEvent(tx, { type: 'expert.created', aggregateType: 'expert', aggregateId: id, payload: { id }, actorId: user.id });
      return id;
    });
    return (await this.find(id))!;
  }

  async update(id: number, patch: ExpertPatch, user: CurrentUser): Promise<Expert> {
    const current = await this.get(id);
    const own = current.userId === user.id;
    if (!own && user.role !== 'admin') throw forbidden('market.expertNotEditor');
    if (own && user.role !== 'admin' && patch.userId !== undefined && patch.userId !== current.userId) throw forbidden('market.expertSelfOnly');
    const { version, ...changes } = patch;
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Expert;
    await this.check(merged, id);
    const fields = await this.reference.fieldMap();
    await this.db.transaction(async (tx) => {
      const before = await this.find(id, tx);
      const { rows } = await tx.query<{ version: number }>(sql`SELECT version FROM experts WHERE id = ${id} FOR UPDATE`);
      if (version != null && version !== rows[0].version) throw conflict('market.versionConflict', { current: rows[0].version });
      const c = expertSearchColumns(merged, fields);
      // a different account takes over the profile: the previous owner's consent does not carry over
      const consentReset = merged.userId !== current.userId;
      await tx.query(sql`
        UPDATE experts SET user_id = ${merged.userId ?? null}, name = ${merged.name}, title = ${merged.title ?? null}, affiliation_org_id = ${merged.affiliationOrgId ?? null},
          affiliation = ${changes.affiliation !== undefined ? (changes.affiliation ?? null) : sql`affiliation`}, fields = ${merged.fields}::text[], keywords = ${merged.keywords}::text[],
          biography = ${merged.biography ?? null}, consulting = ${merged.consulting}, consulting_note = ${merged.consultingNote ?? null},
          tech_manager_grade = ${merged.techManagerGrade ?? null}, commissioner = ${merged.commissioner}, district_code = ${merged.districtCode ?? null},
          phone = ${merged.phone ?? null}, email = ${merged.email ?? null}, status = ${merged.status},
          contact_consent = CASE WHEN ${consentReset} THEN false ELSE contact_consent END,
          name_folded = ${c.nameFolded}, name_pinyin = ${c.namePinyin}, key_terms = ${c.keyTerms}::text[], search_document = ${c.document},
          version = version + 1, updated_at = now()
        WHERE id = ${id}`);
      await recordHistory(tx, { entityType: 'expert', entityId: id, action: 'update', actor: actorOf(user), before: redact(before), after: redact(await this.find(id, tx)) });
    });
    return (await this.find(id))!;
  }

  /** The expert's own decision to show (or hide) their phone and email to organization members. */
  async setConsent(id: number, visible: boolean, user: CurrentUser): Promise<Expert> {
    const current = await this.get(id);
    if (current.userId !== user.id) throw forbidden('market.consentSelfOnly');
    await this.db.transaction(async (tx) => {
      await tx.query(sql`UPDATE experts SET contact_consent = ${visible}, contact_consent_at = now(), updated_at = now() WHERE id = ${id}`);
      await recordHistory(tx, { entityType: 'expert', entityId: id, action: visible ? 'consent' : 'withdraw_consent', actor: actorOf(user), before: { contactConsent: current.contactConsent }, after: { contactConsent: visible } });
    });
    return (await this.find(id))!;
  }

  async history(id: number, user: CurrentUser) {
    const e = await this.get(id);
    if (e.userId !== user.id && user.role !== 'admin') throw forbidden('market.expertNotEditor');
    return listHistory(this.db, 'expert', id);
  }

  private async check(e: { userId?: number | null; affiliationOrgId?: number | null; fields: string[] }, id: number | null) {
    // an expert's fields may be disciplines or industries
    const known = await this.reference.fieldMap();
    const problems: FieldError[] = e.fields.flatMap((code, i) => (known.has(code) ? [] : [{ path: `fields.${i}`, key: 'market.unknownField', params: { value: code } }]));
    if (e.affiliationOrgId != null) {
      const { rows } = await this.db.query(sql`SELECT 1 FROM orgs WHERE id = ${e.affiliationOrgId}`);
      if (!rows.length) problems.push({ path: 'affiliationOrgId', key: 'market.unknownOrg', params: { value: e.affiliationOrgId } });
    }
    if (e.userId != null) {
      const { rows } = await this.db.query<{ taken: boolean }>(sql`
        SELECT EXISTS (SELECT 1 FROM experts WHERE user_id = ${e.userId} AND id IS DISTINCT FROM ${id}) AS taken FROM users WHERE id = ${e.userId}`);
      if (!rows.length) problems.push({ path: 'userId', key: 'market.unknownUser', params: { value: e.userId } });
      else if (rows[0].taken) problems.push({ path: 'userId', key: 'market.expertAccountTaken' });
    }
    if (problems.length) throw invalid(problems);
  }
}

/** History keeps who changed what, but not the personal contact data itself. */
function redact(e: Expert | null) {
  return e && { ...e, phone: e.phone ? '***' : null, email: e.email ? '***' : null };
}
