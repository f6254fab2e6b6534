/**
 * Achievements (科技成果): what an organization offers for transfer. Members of the owner
 * organization (and city admins) write them; the text pipeline fills the search columns and the key
 * terms that matching and the word statistics (achievement_term_df) are built from.
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
import type { MarketReference } from './reference.ts';
import type { AchievementInput, AchievementListQuery, AchievementPatch, ListingStatus, Maturity } from './schemas.ts';
import { keyTerms, parseMarketQuery, type Segment } from './text.ts';
import { inIdOrder, listPage, type ListingTable } from './listing-search.ts';
import { mayEditListing, maySeeListing, transitionListing, visibleListings, type ListingAction } from './lifecycle.ts';

export interface Achievement {
  id: number;
  ownerOrgId: number;
  ownerName: string;
  ownerDistrictCode: string | null;
  title: string;
  abstract: string;
  keywords: string[];
  disciplineCode: string | null;
  industryCode: string | null;
  maturity: Maturity;
  trl: number | null;
  ip: { type: string; number: string }[];
  transferModes: string[];
  priceNegotiable: boolean;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  inventors: { id: number; name: string; title: string | null }[];
  attachments: { id: number; filename: string; contentType: string; size: number }[];
  status: ListingStatus;
  reviewNote: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const COLUMNS = sql.raw(`a.id, a.owner_org_id AS "ownerOrgId", o.name AS "ownerName", o.district_code AS "ownerDistrictCode", a.title, a.abstract, a.keywords,
  a.discipline_code AS "disciplineCode", a.industry_code AS "industryCode", a.maturity, a.trl, a.ip, a.transfer_modes AS "transferModes",
  a.price_negotiable AS "priceNegotiable", a.price_min_fen AS "priceMinFen", a.price_max_fen AS "priceMaxFen", a.status, a.review_note AS "reviewNote",
  a.published_at AS "publishedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version,
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'name', e.name, 'title', e.title) ORDER BY ai.position, e.id)
            FROM achievement_inventors ai JOIN experts e ON e.id = ai.expert_id WHERE ai.achievement_id = a.id), '[]') AS inventors,
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'filename', f.filename, 'contentType', f.content_type, 'size', f.size) ORDER BY f.id)
            FROM achievement_attachments f WHERE f.achievement_id = a.id), '[]') AS attachments`);

export const ACHIEVEMENT_TABLE: ListingTable = {
  from: sql.raw('achievements a'),
  alias: 'a',
  name: 'title_folded',
  pinyin: 'title_pinyin',
  newest: sql.raw('a.published_at'),
  facets: {
    discipline: { column: sql.raw('a.discipline_code') },
    industry: { column: sql.raw('a.industry_code') },
    maturity: { column: sql.raw('a.maturity') },
    transferMode: { column: sql.raw('a.transfer_modes'), array: true },
  },
};

function toAchievement(r: Record<string, unknown>): Achievement {
  const n = (v: unknown) => (v == null ? null : Number(v));
  return { ...(r as unknown as Achievement), id: Number(r.id), ownerOrgId: Number(r.ownerOrgId), priceMinFen: n(r.priceMinFen), priceMaxFen: n(r.priceMaxFen) };
}

/** The search columns of an achievement: title (A), keywords (B), abstract (C). */
export function achievementSearchColumns(a: { title: string; abstract: string; keywords: string[] }) {
  return {
    titleFolded: fold(a.title),
    titlePinyin: pinyinKey(a.title),
    keyTerms: keyTerms(a.title, a.keywords.join(' '), a.abstract),
    document: searchDocumentSql({ A: [a.title], B: a.keywords, C: [a.abstract] }),
  };
}

export class AchievementService {
  constructor(
    private readonly db: Database,
    private readonly reference: MarketReference,
    private readonly reviewRequired: boolean,
  ) {}

  async find(id: number, tx: Queryable = this.db): Promise<Achievement | null> {
    const { rows } = await tx.query(sql`SELECT ${COLUMNS} FROM achievements a JOIN orgs o ON o.id = a.owner_org_id WHERE a.id = ${id}`);
    return rows[0] ? toAchievement(rows[0]) : null;
  }

  async findMany(ids: number[]): Promise<Achievement[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query(sql`SELECT ${COLUMNS} FROM achievements a JOIN orgs o ON o.id = a.owner_org_id WHERE a.id = ANY(${ids}::bigint[])`);
    return inIdOrder(ids, rows, toAchievement);
  }

  /** An achievement the user may see (drafts only to their editors; others get 404, not 403). */
  async get(id: number, user: CurrentUser | null): Promise<Achievement> {
    const a = await this.find(id);
    if (!a || !maySeeListing(user, a.status, a.ownerOrgId)) throw notFound('market.achievementNotFound');
    return a;
  }

  async list(q: AchievementListQuery, user: CurrentUser | null) {
    const text = parseMarketQuery(q.q, await this.reference.synonymGroups());
    const where = visibleListings('a', 'owner_org_id', q.status, user);
    if (q.discipline?.length) where.push(sql`a.discipline_code = ANY(${q.discipline}::text[])`);
    if (q.industry?.length) where.push(sql`a.industry_code = ANY(${q.industry}::text[])`);
    if (q.maturity?.length) where.push(sql`a.maturity = ANY(${q.maturity}::text[])`);
    if (q.transferMode?.length) where.push(sql`a.transfer_modes && ${q.transferMode}::text[]`);
    if (q.owner) where.push(sql`a.owner_org_id = ${q.owner}`);
    return listPage(
      this.db,
      ACHIEVEMENT_TABLE,
      { text, where, sort: q.sort ?? (text ? 'relevance' : 'newest'), page: q.page, pageSize: q.pageSize },
      (ids) => this.findMany(ids),
      (a) => a,
      (a) => ({ title: a.title, body: a.abstract }),
    );
  }

  async create(input: AchievementInput, user: CurrentUser): Promise<Achievement> {
    const ownerOrgId = ownerFor(input.ownerOrgId, user);
    await this.check({ ...input, ownerOrgId });
    const id = await this.db.transaction(async (tx) => {
      const c = achievementSearchColumns(input);
      const { rows } = await tx.query<{ id: number }>(sql`
        INSERT INTO achievements (owner_org_id, title, abstract, keywords, discipline_code, industry_code, maturity, trl, ip, transfer_modes,
          price_negotiable, price_min_fen, price_max_fen, created_by, title_folded, title_pinyin, key_terms, search_document)
        VALUES (${ownerOrgId}, ${input.title}, ${input.abstract}, ${input.keywords}::text[], ${input.disciplineCode ?? null}, ${input.industryCode ?? null},
          ${input.maturity}, ${input.trl ?? null}, ${JSON.stringify(input.ip)}::jsonb, ${input.transferModes}::text[], ${input.priceNegotiable},
          ${input.priceMinFen ?? null}, ${input.priceMaxFen ?? null}, ${user.id || null}, ${c.titleFolded}, ${c.titlePinyin}, ${c.keyTerms}::text[], ${c.document})
        RETURNING id`);
      const id = Number(rows[0].id);
      await setInventors(tx, id, input.inventorIds);
      const after = await this.find(id, tx);
      await recordHistory(tx, { entityType: 'achievement', entityId: id, action: 'create', actor: actorOf(user), before: null, after });
      await publishEvent(tx, { type: 'achievement.created', aggregateType: 'achievement', aggregateId: id, payload: { id, ownerOrgId }, actorId: user.id });
      return id;
    });
    return (await this.find(id))!;
  }

  async update(id: number, patch: AchievementPatch, user: CurrentUser): Promise<Achievement> {
    const current = await this.get(id, user);
    if (!mayEditListing(user, current.ownerOrgId)) throw forbidden('market.achievementNotOwner');
    if (patch.ownerOrgId != null && patch.ownerOrgId !== current.ownerOrgId && user.role !== 'admin') throw forbidden('market.achievementNotOwner');
    const { version, inventorIds, ...changes } = patch;
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Achievement;
    await this.check({ ...merged, inventorIds: inventorIds ?? [] });
    await this.db.transaction(async (tx) => {
      const before = await this.find(id, tx);
      const { rows } = await tx.query<{ version: number }>(sql`SELECT version FROM achievements WHERE id = ${id} FOR UPDATE`);
      if (version != null && version !== rows[0].version) throw conflict('market.versionConflict', { current: rows[0].version });
      const c = achievementSearchColumns(merged);
      await tx.query(sql`
        UPDATE achievements SET owner_org_id = ${merged.ownerOrgId}, title = ${merged.title}, abstract = ${merged.abstract}, keywords = ${merged.keywords}::text[],
          discipline_code = ${merged.disciplineCode ?? null}, industry_code = ${merged.industryCode ?? null}, maturity = ${merged.maturity}, trl = ${merged.trl ?? null},
          ip = ${JSON.stringify(merged.ip)}::jsonb, transfer_modes = ${merged.transferModes}::text[], price_negotiable = ${merged.priceNegotiable},
          price_min_fen = ${merged.priceMinFen ?? null}, price_max_fen = ${merged.priceMaxFen ?? null},
          title_folded = ${c.titleFolded}, title_pinyin = ${c.titlePinyin}, key_terms = ${c.keyTerms}::text[], search_document = ${c.document},
          version = version + 1, updated_at = now()
        WHERE id = ${id}`);
      if (inventorIds) await setInventors(tx, id, inventorIds);
      const after = await this.find(id, tx);
      await recordHistory(tx, { entityType: 'achievement', entityId: id, action: 'update', actor: actorOf(user), before, after });
      await publishEvent(tx, { type: 'achievement.updated', aggregateType: 'achievement', aggregateId: id, payload: { id, status: after?.status }, actorId: user.id });
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
      const { rows } = await tx.query<{ id: number }>(sql`
        INSERT INTO achievement_attachments (achievement_id, filename, content_type, size, content, uploaded_by)
        VALUES (${id}, ${file.filename}, ${file.contentType}, ${file.content.length}, ${file.content}, ${user.id}) RETURNING id`);
      const attachment = { id: Number(rows[0].id), filename: file.filename, contentType: file.contentType, size: file.content.length };
      await recordHistory(tx, { entityType: 'achievement', entityId: id, action: 'attach', actor: actorOf(user), before: null, after: attachment });
      return attachment;
    });
  }

  async attachment(id: number, attachmentId: number, user: CurrentUser | null) {
    await this.get(id, user);
    const { rows } = await this.db.query<{ filename: string; content_type: string; content: Buffer }>(sql`
      SELECT filename, content_type, content FROM achievement_attachments WHERE id = ${attachmentId} AND achievement_id = ${id}`);
    if (!rows[0]) throw notFound('market.attachmentNotFound');
    return rows[0];
  }

  private async check(a: { ownerOrgId?: number; disciplineCode?: string | null; industryCode?: string | null; inventorIds: number[] }) {
    const fields: FieldError[] = await this.reference.checkFields([
      { path: 'disciplineCode', code: a.disciplineCode, kind: 'discipline' },
      { path: 'industryCode', code: a.industryCode, kind: 'industry' },
    ]);
    if (a.ownerOrgId != null) {
      const { rows } = await this.db.query(sql`SELECT 1 FROM orgs WHERE id = ${a.ownerOrgId}`);
      if (!rows.length) fields.push({ path: 'ownerOrgId', key: 'market.unknownOrg', params: { value: a.ownerOrgId } });
    }
    if (a.inventorIds.length) {
      const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM experts WHERE id = ANY(${a.inventorIds}::bigint[])`);
      const known = new Set(rows.map((r) => Number(r.id)));
      a.inventorIds.forEach((e, i) => !known.has(e) && fields.push({ path: `inventorIds.${i}`, key: 'market.unknownExpert', params: { value: e } }));
    }
    if (fields.length) throw invalid(fields);
  }
}

/** Which organization a new listing belongs to: a member's own; an admin names it. */
export function ownerFor(requested: number | undefined, user: CurrentUser, path = 'ownerOrgId'): number {
  if (user.role === 'org_member') {
    if (requested != null && requested !== user.orgId) throw forbidden('market.otherOrg');
    return user.orgId!;
  }
  if (user.role !== 'admin') throw forbidden();
  if (requested == null) throw invalid([{ path, key: 'field.required' }]);
  return requested;
}

async function setInventors(tx: Queryable, id: number, expertIds: number[]) {
  await tx.query(sql`DELETE FROM achievement_inventors WHERE achievement_id = ${id}`);
  if (expertIds.length) {
    await tx.query(sql`INSERT INTO achievement_inventors (achievement_id, expert_id, position)
      SELECT ${id}, e, n FROM unnest(${[...new Set(expertIds)]}::bigint[]) WITH ORDINALITY AS x(e, n)`);
  }
}

export type { Segment };
