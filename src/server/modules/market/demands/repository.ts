/** SQL on demands. The organization's name comes from the directory's fragment (orgJoin). */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { fold } from '../../../platform/text/fold.ts';
import { pinyinKey } from '../../../platform/text/pinyin.ts';
import { searchDocumentSql } from '../../../platform/text/search-sql.ts';
import { orgJoin, orgsTable } from '../../directory/index.ts';
import { keyTerms } from '../vocabulary/text.ts';
import { inIdOrder, type ListingTable } from '../listings/list-query.ts';
import { visibleListingsSql } from '../listings/repository.ts';
import { orgExists } from '../orgs.ts';
import type { Demand, DemandInput, DemandListQuery } from './schemas.ts';

const COLUMNS = sql.raw(`d.id, d.org_id AS "orgId", o.name AS "orgName", d.title, d.description, d.industry_code AS "industryCode",
  d.discipline_code AS "disciplineCode", d.maturity_needed AS "maturityNeeded", d.budget_negotiable AS "budgetNegotiable", d.budget_fen AS "budgetFen",
  to_char(d.deadline, 'YYYY-MM-DD') AS deadline, d.cooperation_modes AS "cooperationModes", d.district_code AS "districtCode",
  d.contact_name AS "contactName", d.contact_phone AS "contactPhone", d.status, d.review_note AS "reviewNote",
  d.published_at AS "publishedAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.version`);
const FROM = sql`demands d ${orgJoin('o', sql.raw('d.org_id'))}`;

/** Demands as a searchable list (listings/list-query.ts). */
export const DEMAND_TABLE: ListingTable = {
  from: sql.raw('demands d'),
  alias: 'd',
  name: 'title_folded',
  pinyin: 'title_pinyin',
  newest: sql.raw('d.published_at'),
  facets: {
    industry: { column: sql.raw('d.industry_code') },
    discipline: { column: sql.raw('d.discipline_code') },
    district: { column: sql.raw('d.district_code') },
    cooperationMode: { column: sql.raw('d.cooperation_modes'), array: true },
  },
};

/** The search columns of a demand: title (A), description (C). */
export function demandSearchColumns(d: { title: string; description: string }) {
  return {
    titleFolded: fold(d.title),
    titlePinyin: pinyinKey(d.title),
    keyTerms: keyTerms(d.title, d.description),
    document: searchDocumentSql({ A: [d.title], C: [d.description] }),
  };
}

/** The conditions of a list query: what the viewer may see (policy.unpublishedScope) and the filters. */
export function demandListWhere(q: DemandListQuery, scope: { all: true } | { orgId: number | null }): Sql[] {
  const where = visibleListingsSql('d', 'org_id', q.status, scope);
  if (q.industry?.length) where.push(sql`d.industry_code = ANY(${q.industry}::text[])`);
  if (q.discipline?.length) where.push(sql`d.discipline_code = ANY(${q.discipline}::text[])`);
  if (q.district?.length) where.push(sql`d.district_code = ANY(${q.district}::text[])`);
  if (q.cooperationMode?.length) where.push(sql`d.cooperation_modes && ${q.cooperationMode}::text[]`);
  if (q.owner) where.push(sql`d.org_id = ${q.owner}`);
  return where;
}

function toDemand(r: Record<string, unknown>): Demand {
  return { ...(r as unknown as Demand), id: Number(r.id), orgId: Number(r.orgId), budgetFen: r.budgetFen == null ? null : Number(r.budgetFen) };
}

type Stored = Omit<DemandInput, 'orgId'> & { orgId: number };

export class DemandRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): DemandRepository {
    return new DemandRepository(tx);
  }

  async find(id: number): Promise<Demand | null> {
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = ${id}`);
    return rows[0] ? toDemand(rows[0]) : null;
  }

  async findMany(ids: number[]): Promise<Demand[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = ANY(${ids}::bigint[])`);
    return inIdOrder(ids, rows, toDemand);
  }

  /** A new draft; without a district of its own, the demand is in its organization's. */
  async insert(d: Stored, createdBy: number | null): Promise<number> {
    const c = demandSearchColumns(d);
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO demands (org_id, title, description, industry_code, discipline_code, maturity_needed, budget_negotiable, budget_fen, deadline,
        cooperation_modes, district_code, contact_name, contact_phone, created_by, title_folded, title_pinyin, key_terms, search_document)
      VALUES (${d.orgId}, ${d.title}, ${d.description}, ${d.industryCode ?? null}, ${d.disciplineCode ?? null}, ${d.maturityNeeded ?? null},
        ${d.budgetNegotiable}, ${d.budgetFen ?? null}, ${d.deadline ?? null}, ${d.cooperationModes}::text[],
        coalesce(${d.districtCode ?? null}, (SELECT o.district_code FROM ${orgsTable('o')} WHERE o.id = ${d.orgId})),
        ${d.contactName ?? null}, ${d.contactPhone ?? null}, ${createdBy}, ${c.titleFolded}, ${c.titlePinyin}, ${c.keyTerms}::text[], ${c.document})
      RETURNING id`);
    return Number(rows[0].id);
  }

  /** The current version, the row locked for an update. */
  async lockVersion(id: number): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>(sql`SELECT version FROM demands WHERE id = ${id} FOR UPDATE`);
    return rows[0].version;
  }

  async update(id: number, d: Stored): Promise<void> {
    const c = demandSearchColumns(d);
    await this.db.query(sql`
      UPDATE demands SET org_id = ${d.orgId}, title = ${d.title}, description = ${d.description}, industry_code = ${d.industryCode ?? null},
        discipline_code = ${d.disciplineCode ?? null}, maturity_needed = ${d.maturityNeeded ?? null}, budget_negotiable = ${d.budgetNegotiable},
        budget_fen = ${d.budgetFen ?? null}, deadline = ${d.deadline ?? null}, cooperation_modes = ${d.cooperationModes}::text[],
        district_code = ${d.districtCode ?? null}, contact_name = ${d.contactName ?? null}, contact_phone = ${d.contactPhone ?? null},
        title_folded = ${c.titleFolded}, title_pinyin = ${c.titlePinyin}, key_terms = ${c.keyTerms}::text[], search_document = ${c.document},
        version = version + 1, updated_at = now()
      WHERE id = ${id}`);
  }

  orgExists(orgId: number): Promise<boolean> {
    return orgExists(this.db, orgId);
  }
}
