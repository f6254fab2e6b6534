/**
 * Demands (技术需求): a technology problem an organization posts, with its field, budget, deadline
 * and the maturity it needs. Same life cycle and rules of authorship as achievements. The contact
 * person and phone are personal data: only signed-in users see them (see presentDemand).
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
import type { ReferenceService } from '../reference/index.ts';
import { actorOf } from '../auth/index.ts';
import type { MarketReference } from './reference.ts';
import type { DemandInput, DemandListQuery, DemandPatch, ListingStatus, Maturity } from './schemas.ts';
import { keyTerms, parseMarketQuery } from './text.ts';
import { inIdOrder, listPage, type ListingTable } from './listing-search.ts';
import { mayEditListing, maySeeListing, transitionListing, visibleListings, type ListingAction } from './lifecycle.ts';
import { ownerFor } from './achievements.ts';

export interface Demand {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  description: string;
  industryCode: string | null;
  disciplineCode: string | null;
  maturityNeeded: Maturity | null;
  budgetNegotiable: boolean;
  budgetFen: number | null;
  deadline: string | null;
  cooperationModes: string[];
  districtCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  status: ListingStatus;
  reviewNote: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const COLUMNS = sql.raw(`d.id, d.org_id AS "orgId", o.name AS "orgName", d.title, d.description, d.industry_code AS "industryCode",
  d.discipline_code AS "disciplineCode", d.maturity_needed AS "maturityNeeded", d.budget_negotiable AS "budgetNegotiable", d.budget_fen AS "budgetFen",
  to_char(d.deadline, 'YYYY-MM-DD') AS deadline, d.cooperation_modes AS "cooperationModes", d.district_code AS "districtCode",
  d.contact_name AS "contactName", d.contact_phone AS "contactPhone", d.status, d.review_note AS "reviewNote",
  d.published_at AS "publishedAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.version`);

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

function toDemand(r: Record<string, unknown>): Demand {
  return { ...(r as unknown as Demand), id: Number(r.id), orgId: Number(r.orgId), budgetFen: r.budgetFen == null ? null : Number(r.budgetFen) };
}

export function demandSearchColumns(d: { title: string; description: string }) {
  return {
    titleFolded: fold(d.title),
    titlePinyin: pinyinKey(d.title),
    keyTerms: keyTerms(d.title, d.description),
    document: searchDocumentSql({ A: [d.title], C: [d.description] }),
  };
}

/**
 * A demand as a caller sees it: the contact person and phone only for signed-in users (docs/MARKET.md);
 * for anonymous callers both are null, and `contactHidden` says there is a contact to sign in for.
 */
export function presentDemand<T extends Demand>(d: T, user: CurrentUser | null) {
  if (user) return { ...d, contactHidden: false, canManage: mayEditListing(user, d.orgId) };
  return { ...d, contactName: null, contactPhone: null, contactHidden: !!(d.contactName || d.contactPhone), canManage: mayEditListing(user, d.orgId) };
}

export class DemandService {
  constructor(
    private readonly db: Database,
    private readonly reference: MarketReference,
    private readonly places: ReferenceService,
    private readonly reviewRequired: boolean,
  ) {}

  async find(id: number, tx: Queryable = this.db): Promise<Demand | null> {
    const { rows } = await tx.query(sql`SELECT ${COLUMNS} FROM demands d JOIN orgs o ON o.id = d.org_id WHERE d.id = ${id}`);
    return rows[0] ? toDemand(rows[0]) : null;
  }

  async findMany(ids: number[], db: Queryable = this.db): Promise<Demand[]> {
    if (!ids.length) return [];
    const { rows } = await db.query(sql`SELECT ${COLUMNS} FROM demands d JOIN orgs o ON o.id = d.org_id WHERE d.id = ANY(${ids}::bigint[])`);
    return inIdOrder(ids, rows, toDemand);
  }

  async get(id: number, user: CurrentUser | null): Promise<Demand> {
    const d = await this.find(id);
    if (!d || !maySeeListing(user, d.status, d.orgId)) throw notFound('market.demandNotFound');
    return d;
  }

  async list(q: DemandListQuery, user: CurrentUser | null) {
    const text = parseMarketQuery(q.q, await this.reference.synonymGroups());
    const where = visibleListings('d', 'org_id', q.status, user);
    if (q.industry?.length) where.push(sql`d.industry_code = ANY(${q.industry}::text[])`);
    if (q.discipline?.length) where.push(sql`d.discipline_code = ANY(${q.discipline}::text[])`);
    if (q.district?.length) where.push(sql`d.district_code = ANY(${q.district}::text[])`);
    if (q.cooperationMode?.length) where.push(sql`d.cooperation_modes && ${q.cooperationMode}::text[]`);
    if (q.owner) where.push(sql`d.org_id = ${q.owner}`);
    return listPage(
      this.db,
      DEMAND_TABLE,
      { text, where, sort: q.sort ?? (text ? 'relevance' : 'newest'), page: q.page, pageSize: q.pageSize },
      (ids) => this.findMany(ids),
      (d) => presentDemand(d, user),
      (d) => ({ title: d.title, body: d.description }),
    );
  }

  async create(input: DemandInput, user: CurrentUser): Promise<Demand> {
    const orgId = ownerFor(input.orgId, user, 'orgId');
    await this.check({ ...input, orgId });
    const id = await this.db.transaction(async (tx) => {
      const c = demandSearchColumns(input);
      const { rows } = await tx.query<{ id: number }>(sql`
        INSERT INTO demands (org_id, title, description, industry_code, discipline_code, maturity_needed, budget_negotiable, budget_fen, deadline,
          cooperation_modes, district_code, contact_name, contact_phone, created_by, title_folded, title_pinyin, key_terms, search_document)
        VALUES (${orgId}, ${input.title}, ${input.description}, ${input.industryCode ?? null}, ${input.disciplineCode ?? null}, ${input.maturityNeeded ?? null},
          ${input.budgetNegotiable}, ${input.budgetFen ?? null}, ${input.deadline ?? null}, ${input.cooperationModes}::text[],
          coalesce(${input.districtCode ?? null}, (SELECT district_code FROM orgs WHERE id = ${orgId})),
          ${input.contactName ?? null}, ${input.contactPhone ?? null}, ${user.id || null}, ${c.titleFolded}, ${c.titlePinyin}, ${c.keyTerms}::text[], ${c.document})
        RETURNING id`);
      const id = Number(rows[0].id);
      await recordHistory(tx, { entityType: 'demand', entityId: id, action: 'create', actor: actorOf(user), before: null, after: await this.find(id, tx) });
      await publishEvent(tx, { type: 'demand.created', aggregateType: 'demand', aggregateId: id, payload: { id, orgId }, actorId: user.id });
      return id;
    });
    return (await this.find(id))!;
  }

  async update(id: number, patch: DemandPatch, user: CurrentUser): Promise<Demand> {
    const current = await this.get(id, user);
    if (!mayEditListing(user, current.orgId)) throw forbidden('market.demandNotOwner');
    if (patch.orgId != null && patch.orgId !== current.orgId && user.role !== 'admin') throw forbidden('market.demandNotOwner');
    const { version, ...changes } = patch;
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Demand;
    await this.check(merged);
    await this.db.transaction(async (tx) => {
      const before = await this.find(id, tx);
      const { rows } = await tx.query<{ version: number }>(sql`SELECT version FROM demands WHERE id = ${id} FOR UPDATE`);
      if (version != null && version !== rows[0].version) throw conflict('market.versionConflict', { current: rows[0].version });
      const c = demandSearchColumns(merged);
      await tx.query(sql`
        UPDATE demands SET org_id = ${merged.orgId}, title = ${merged.title}, description = ${merged.description}, industry_code = ${merged.industryCode ?? null},
          discipline_code = ${merged.disciplineCode ?? null}, maturity_needed = ${merged.maturityNeeded ?? null}, budget_negotiable = ${merged.budgetNegotiable},
          budget_fen = ${merged.budgetFen ?? null}, deadline = ${merged.deadline ?? null}, cooperation_modes = ${merged.cooperationModes}::text[],
          district_code = ${merged.districtCode ?? null}, contact_name = ${merged.contactName ?? null}, contact_phone = ${merged.contactPhone ?? null},
          title_folded = ${c.titleFolded}, title_pinyin = ${c.titlePinyin}, key_terms = ${c.keyTerms}::text[], search_document = ${c.document},
          version = version + 1, updated_at = now()
        WHERE id = ${id}`);
      const after = await this.find(id, tx);
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
    const fields: FieldError[] = await this.reference.checkFields([
      { path: 'industryCode', code: d.industryCode, kind: 'industry' },
      { path: 'disciplineCode', code: d.disciplineCode, kind: 'discipline' },
    ]);
    if (d.districtCode && !(await this.places.divisions()).some((x) => x.code === d.districtCode)) fields.push({ path: 'districtCode', key: 'field.unknownDistrict', params: { value: d.districtCode } });
    if (d.orgId != null) {
      const { rows } = await this.db.query(sql`SELECT 1 FROM orgs WHERE id = ${d.orgId}`);
      if (!rows.length) fields.push({ path: 'orgId', key: 'market.unknownOrg', params: { value: d.orgId } });
    }
    if (fields.length) throw invalid(fields);
  }
}
