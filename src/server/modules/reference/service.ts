/**
 * Reference data: service categories and their national classification, Chongqing's divisions
 * (with validity dates and successors, so records under an abolished code roll up to today's
 * division), management areas and the three S&T service clusters. Shipped as the project's own
 * JSON, loaded into the database on first start; admins edit it afterwards and every edit is
 * kept in history.
 */
import { sql } from '../../platform/db/sql.ts';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { recordHistory, type Actor } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import chongqing from './data/chongqing.json' with { type: 'json' };
import { Cached } from '../../platform/cache.ts';
import { listHistory } from '../../platform/history.ts';

/** Chongqing's divisions as shipped (code, name), for demo data and tests. */
export const CHONGQING_DIVISIONS: readonly { code: string; name: string }[] = chongqing.divisions;
import categoriesFile from './data/categories.json' with { type: 'json' };

export interface ServiceCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  nationalClass: string;
  industryCodes: string[];
  sortOrder: number;
}
export interface Division {
  code: string;
  name: string;
  /** e.g. Wanzhou District; null for a division added without one (the pages then show the Chinese name) */
  nameEn: string | null;
  kind: 'district' | 'county' | 'autonomous_county';
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  provisional: boolean;
  note: string | null;
}
export interface Cluster {
  id: string;
  name: string;
  corePark: string | null;
  focus: string[];
}
export interface ManagementArea {
  id: string;
  name: string;
  overlaps: string[];
  note: string | null;
}

export const ORG_KINDS = [
  'service_provider',
  'enterprise',
  'university',
  'research_institute',
  'financial_institution',
  'government_office',
  'incubator',
] as const;
export const RECOGNITION_KINDS = ['tech_sme', 'high_tech', 'srdi_innovative', 'srdi_sme', 'srdi_little_giant'] as const;
export const REVENUE_BANDS = ['lt_1m', '1m_10m', '10m_50m', '50m_200m', '200m_1b', 'gte_1b'] as const;

export async function seedReferenceData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    // English names of the divisions we ship, where a division has none yet (databases seeded before
    // the column existed); a name an admin gave is kept
    const named = chongqing.divisions as { code: string; nameEn?: string }[];
    await tx.query(sql`
      UPDATE divisions d SET name_en = x.name_en
      FROM unnest(${named.map((x) => x.code)}::text[], ${named.map((x) => x.nameEn ?? null)}::text[]) AS x(code, name_en)
      WHERE d.code = x.code AND d.name_en IS NULL AND x.name_en IS NOT NULL`);
    const { rows } = await tx.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM divisions`);
    if (rows[0].n > 0) return; // admins own it after the first start
    for (const [i, c] of categoriesFile.categories.entries()) {
      await tx.query(sql`INSERT INTO service_categories (code, name_zh, name_en, national_class, industry_codes, sort_order)
        VALUES (${c.code}, ${c.nameZh}, ${c.nameEn}, ${c.nationalClass}, ${c.industryCodes}, ${i + 1})`);
    }
    // successors first: abolished divisions reference them
    const divisions = [...chongqing.divisions].sort(
      (a, b) => Number(!!(a as { successorCode?: string }).successorCode) - Number(!!(b as { successorCode?: string }).successorCode),
    );
    for (const d of divisions as (Partial<Division> & { code: string; name: string; kind: string })[]) {
      await tx.query(sql`INSERT INTO divisions (code, name, name_en, kind, valid_from, valid_to, successor_code, provisional, note)
        VALUES (${d.code}, ${d.name}, ${d.nameEn ?? null}, ${d.kind}, ${d.validFrom ?? null}, ${d.validTo ?? null}, ${d.successorCode ?? null}, ${d.provisional ?? false}, ${d.note ?? null})`);
    }
    for (const a of chongqing.managementAreas) {
      await tx.query(
        sql`INSERT INTO management_areas (id, name, division_codes, note) VALUES (${a.id}, ${a.name}, ${a.overlaps}, ${(a as { note?: string }).note ?? null})`,
      );
    }
    for (const c of chongqing.clusters) {
      await tx.query(sql`INSERT INTO clusters (id, name, core_park, focus) VALUES (${c.id}, ${c.name}, ${c.core_park}, ${c.focus})`);
    }
  });
}

export class ReferenceService {
  private readonly cachedCategories = new Cached(() => this.loadCategories(this.db));
  private readonly cachedDivisions = new Cached(() => this.loadDivisions(this.db));

  constructor(private readonly db: Database) {}

  /** Inside a transaction: read from it; otherwise the cached list. */
  categories(tx?: Queryable): Promise<ServiceCategory[]> {
    return tx ? this.loadCategories(tx) : this.cachedCategories.get();
  }

  private async loadCategories(tx: Queryable): Promise<ServiceCategory[]> {
    const { rows } = await tx.query<ServiceCategory>(sql`
      SELECT code, name_zh AS "nameZh", name_en AS "nameEn", national_class AS "nationalClass",
             industry_codes AS "industryCodes", sort_order AS "sortOrder"
      FROM service_categories ORDER BY sort_order, code`);
    return rows;
  }

  /** Inside a transaction: read from it; otherwise the cached list. */
  divisions(tx?: Queryable): Promise<Division[]> {
    return tx ? this.loadDivisions(tx) : this.cachedDivisions.get();
  }

  private async loadDivisions(tx: Queryable): Promise<Division[]> {
    const { rows } = await tx.query<Division>(sql`
      SELECT code, name, name_en AS "nameEn", kind, valid_from AS "validFrom", valid_to AS "validTo", successor_code AS "successorCode", provisional, note
      FROM divisions ORDER BY code`);
    return rows;
  }

  async clusters(): Promise<Cluster[]> {
    const { rows } = await this.db.query<Cluster>(sql`SELECT id, name, core_park AS "corePark", focus FROM clusters ORDER BY id`);
    return rows;
  }

  async managementAreas(): Promise<ManagementArea[]> {
    const { rows } = await this.db.query<ManagementArea>(sql`SELECT id, name, division_codes AS overlaps, note FROM management_areas ORDER BY id`);
    return rows;
  }

  /**
   * The division codes whose records count for `code` today: the code itself and every abolished
   * division whose chain of successors ends in it (500105 江北区 → 两江新区).
   */
  async rollUp(code: string): Promise<string[]> {
    const divisions = await this.divisions();
    const out = [code];
    for (let i = 0; i < out.length; i++) for (const d of divisions) if (d.successorCode === out[i] && !out.includes(d.code)) out.push(d.code);
    return out;
  }

  async updateCategory(
    code: string,
    patch: Partial<Pick<ServiceCategory, 'nameZh' | 'nameEn' | 'nationalClass' | 'industryCodes' | 'sortOrder'>>,
    actor: Actor,
  ): Promise<ServiceCategory> {
    return this.db.transaction(async (tx) => {
      const before = (await this.categories(tx)).find((c) => c.code === code);
      if (!before) throw notFound('reference.notFound');
      const after = { ...before, ...patch };
      await tx.query(sql`UPDATE service_categories SET name_zh = ${after.nameZh}, name_en = ${after.nameEn}, national_class = ${after.nationalClass},
        industry_codes = ${after.industryCodes}, sort_order = ${after.sortOrder}, updated_at = now() WHERE code = ${code}`);
      await recordHistory(tx, { entityType: 'service_category', entityId: code, action: 'update', actor, before, after });
      await recordAudit(tx, { type: 'reference.category_updated', actor, subject: { type: 'service_category', id: code }, detail: { before, after } });
      this.cachedCategories.clear();
      return after;
    });
  }

  async updateDivision(
    code: string,
    patch: Partial<Pick<Division, 'name' | 'validFrom' | 'validTo' | 'successorCode' | 'provisional' | 'note'>>,
    actor: Actor,
  ): Promise<Division> {
    return this.db.transaction(async (tx) => {
      const before = (await this.divisions(tx)).find((d) => d.code === code);
      if (!before) throw notFound('reference.notFound');
      const after = { ...before, ...patch };
      await tx.query(sql`UPDATE divisions SET name = ${after.name}, valid_from = ${after.validFrom}, valid_to = ${after.validTo},
        successor_code = ${after.successorCode}, provisional = ${after.provisional}, note = ${after.note}, updated_at = now() WHERE code = ${code}`);
      await recordHistory(tx, { entityType: 'division', entityId: code, action: 'update', actor, before, after });
      await recordAudit(tx, {
        type: 'reference.division_updated',
        actor,
        districtCode: code,
        subject: { type: 'division', id: code },
        detail: { before, after },
      });
      this.cachedDivisions.clear();
      return after;
    });
  }

  /** Everything the pages need at start: the lists and the coded vocabularies. */
  async all() {
    const [categories, divisions, clusters, managementAreas] = await Promise.all([
      this.categories(),
      this.divisions(),
      this.clusters(),
      this.managementAreas(),
    ]);
    return {
      categories,
      divisions,
      clusters,
      managementAreas,
      orgKinds: [...ORG_KINDS],
      recognitionKinds: [...RECOGNITION_KINDS],
      revenueBands: [...REVENUE_BANDS],
    };
  }

  history(kind: 'categories' | 'divisions', code: string) {
    return listHistory(this.db, kind === 'categories' ? 'service_category' : 'division', code);
  }
}
