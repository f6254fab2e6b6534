/** SQL on the expert pool. The affiliated organization's name comes from the directory's fragment (orgJoin). */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { fold } from '../../../platform/text/fold.ts';
import { pinyinKey } from '../../../platform/text/pinyin.ts';
import { searchDocumentSql } from '../../../platform/text/search-sql.ts';
import { orgJoin } from '../../directory/index.ts';
import { keyTerms } from '../vocabulary/text.ts';
import type { TechField } from '../vocabulary/schemas.ts';
import { inIdOrder, type ListingTable } from '../listings/list-query.ts';
import { orgExists } from '../orgs.ts';
import type { Expert, ExpertInput, ExpertListQuery } from './schemas.ts';

const COLUMNS = sql.raw(`e.id, e.user_id AS "userId", e.name, e.title, e.affiliation_org_id AS "affiliationOrgId",
  coalesce(e.affiliation, o.name) AS affiliation, e.fields, e.keywords, e.biography, e.consulting, e.consulting_note AS "consultingNote",
  e.tech_manager_grade AS "techManagerGrade", e.commissioner, e.district_code AS "districtCode", e.phone, e.email,
  e.contact_consent AS "contactConsent", e.contact_consent_at AS "contactConsentAt", e.status, e.version, e.updated_at AS "updatedAt",
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'title', a.title) ORDER BY a.published_at DESC NULLS LAST)
            FROM achievement_inventors ai JOIN achievements a ON a.id = ai.achievement_id
            WHERE ai.expert_id = e.id AND a.status IN ('published','closed')), '[]') AS achievements`);
const FROM = sql`experts e ${orgJoin('o', sql.raw('e.affiliation_org_id'), 'LEFT JOIN')}`;

/** Experts as a searchable list (listings/list-query.ts). */
export const EXPERT_TABLE: ListingTable = {
  from: sql.raw('experts e'),
  alias: 'e',
  name: 'name_folded',
  pinyin: 'name_pinyin',
  newest: sql.raw('e.updated_at'),
  facets: { field: { column: sql.raw('e.fields'), array: true }, techManagerGrade: { column: sql.raw('e.tech_manager_grade') } },
};

/** The search columns of an expert: name (A), keywords, field names, title and affiliation (B), biography (C). */
export function expertSearchColumns(
  e: { name: string; title?: string | null; affiliation?: string | null; keywords: string[]; biography?: string | null; fields: string[] },
  fields: Map<string, TechField>,
) {
  const fieldNames = e.fields.map((f) => fields.get(f)?.name ?? '');
  return {
    nameFolded: fold(e.name),
    namePinyin: pinyinKey(e.name),
    keyTerms: keyTerms(e.keywords.join(' '), fieldNames.join(' '), e.biography),
    document: searchDocumentSql({ A: [e.name], B: [...e.keywords, ...fieldNames, e.title, e.affiliation], C: [e.biography] }),
  };
}

/** The conditions of a list query: active experts, and the filters. */
export function expertListWhere(q: ExpertListQuery): Sql[] {
  const where = [sql`e.status = 'active'`];
  if (q.field?.length) where.push(sql`e.fields && ${q.field}::text[]`);
  if (q.techManagerGrade?.length) where.push(sql`e.tech_manager_grade = ANY(${q.techManagerGrade}::text[])`);
  if (q.commissioner != null) where.push(sql`e.commissioner = ${q.commissioner}`);
  if (q.consulting != null) where.push(sql`e.consulting = ${q.consulting}`);
  if (q.affiliation) where.push(sql`e.affiliation_org_id = ${q.affiliation}`);
  return where;
}

function toExpert(r: Record<string, unknown>): Expert {
  return {
    ...(r as unknown as Expert),
    id: Number(r.id),
    userId: r.userId == null ? null : Number(r.userId),
    affiliationOrgId: r.affiliationOrgId == null ? null : Number(r.affiliationOrgId),
  };
}

type Stored = ExpertInput;

export class ExpertRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): ExpertRepository {
    return new ExpertRepository(tx);
  }

  async find(id: number): Promise<Expert | null> {
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = ${id}`);
    return rows[0] ? toExpert(rows[0]) : null;
  }

  async findMany(ids: number[]): Promise<Expert[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = ANY(${ids}::bigint[])`);
    return inIdOrder(ids, rows, toExpert);
  }

  async byUser(userId: number): Promise<Expert | null> {
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE e.user_id = ${userId}`);
    return rows[0] ? toExpert(rows[0]) : null;
  }

  async insert(e: Stored, createdBy: number | null, fields: Map<string, TechField>): Promise<number> {
    const c = expertSearchColumns(e, fields);
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO experts (user_id, name, title, affiliation_org_id, affiliation, fields, keywords, biography, consulting, consulting_note,
        tech_manager_grade, commissioner, district_code, phone, email, status, created_by, name_folded, name_pinyin, key_terms, search_document)
      VALUES (${e.userId ?? null}, ${e.name}, ${e.title ?? null}, ${e.affiliationOrgId ?? null}, ${e.affiliation ?? null}, ${e.fields}::text[],
        ${e.keywords}::text[], ${e.biography ?? null}, ${e.consulting}, ${e.consultingNote ?? null}, ${e.techManagerGrade ?? null},
        ${e.commissioner}, ${e.districtCode ?? null}, ${e.phone ?? null}, ${e.email ?? null}, ${e.status}, ${createdBy},
        ${c.nameFolded}, ${c.namePinyin}, ${c.keyTerms}::text[], ${c.document})
      RETURNING id`);
    return Number(rows[0].id);
  }

  /** The current version, the row locked for an update. */
  async lockVersion(id: number): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>(sql`SELECT version FROM experts WHERE id = ${id} FOR UPDATE`);
    return rows[0].version;
  }

  /**
   * The new profile. `affiliation` is written only when the patch names it (undefined keeps the stored
   * text, which reads as the organization's name when empty); another account taking the profile over
   * resets the contact consent.
   */
  async update(id: number, e: Stored, opts: { affiliation: string | null | undefined; consentReset: boolean }, fields: Map<string, TechField>): Promise<void> {
    const c = expertSearchColumns(e, fields);
    await this.db.query(sql`
      UPDATE experts SET user_id = ${e.userId ?? null}, name = ${e.name}, title = ${e.title ?? null}, affiliation_org_id = ${e.affiliationOrgId ?? null},
        affiliation = ${opts.affiliation !== undefined ? (opts.affiliation ?? null) : sql`affiliation`}, fields = ${e.fields}::text[], keywords = ${e.keywords}::text[],
        biography = ${e.biography ?? null}, consulting = ${e.consulting}, consulting_note = ${e.consultingNote ?? null},
        tech_manager_grade = ${e.techManagerGrade ?? null}, commissioner = ${e.commissioner}, district_code = ${e.districtCode ?? null},
        phone = ${e.phone ?? null}, email = ${e.email ?? null}, status = ${e.status},
        contact_consent = CASE WHEN ${opts.consentReset} THEN false ELSE contact_consent END,
        name_folded = ${c.nameFolded}, name_pinyin = ${c.namePinyin}, key_terms = ${c.keyTerms}::text[], search_document = ${c.document},
        version = version + 1, updated_at = now()
      WHERE id = ${id}`);
  }

  async setConsent(id: number, visible: boolean): Promise<void> {
    await this.db.query(sql`UPDATE experts SET contact_consent = ${visible}, contact_consent_at = now(), updated_at = now() WHERE id = ${id}`);
  }

  /** Whether another expert profile is linked to the account. */
  async userTaken(userId: number, exceptId: number | null): Promise<boolean> {
    const { rows } = await this.db.query<{ taken: boolean }>(
      sql`SELECT EXISTS (SELECT 1 FROM experts WHERE user_id = ${userId} AND id IS DISTINCT FROM ${exceptId}) AS taken`,
    );
    return rows[0].taken;
  }

  orgExists(orgId: number): Promise<boolean> {
    return orgExists(this.db, orgId);
  }
}
