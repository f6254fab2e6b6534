/**
 * SQL of the directory. No business rules here: the service decides, this reads and writes.
 */
import { sql, type Sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { parseTextQuery, searchDocumentSql, textMatchSql, textRankSql, type TextQuery } from '../../platform/text/search-sql.ts';
import { fold } from '../../platform/text/fold.ts';
import { pinyinKey } from '../../platform/text/pinyin.ts';
import type { Org, OrgInput, OrgRecognition } from './schemas.ts';

const COLUMNS = sql.raw(`o.id, o.uscc, o.name, o.former_names AS "formerNames", o.kinds, o.categories,
  o.district_code AS "districtCode", o.cluster_id AS "clusterId", o.address, o.contact_person AS "contactPerson",
  o.contact_phone AS "contactPhone", o.contact_email AS "contactEmail", o.founded_on AS "foundedOn", o.employees,
  o.revenue_band AS "revenueBand", o.description, o.website, o.version, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`);

export interface SearchFilters {
  text: TextQuery | null;
  categories?: string[];
  districts?: string[]; // already rolled up to include abolished predecessors
  clusters?: string[];
  kinds?: string[];
  recognitions?: string[];
}

const TEXT_COLUMNS = { doc: sql.raw('o.search_document'), name: sql.raw('o.name_folded'), pinyin: sql.raw('o.name_pinyin') };

/** Conditions other than the two faceted ones (category and district, which facet counts treat apart). */
function baseConditions(f: SearchFilters, fuzzy = false): Sql[] {
  const c: Sql[] = [];
  if (f.text) c.push(textMatchSql(f.text, TEXT_COLUMNS, fuzzy));
  if (f.clusters?.length) c.push(sql`o.cluster_id = ANY(${f.clusters}::text[])`);
  if (f.kinds?.length) c.push(sql`o.kinds && ${f.kinds}::text[]`);
  if (f.recognitions?.length) {
    c.push(sql`EXISTS (SELECT 1 FROM org_recognitions r WHERE r.org_id = o.id AND r.kind = ANY(${f.recognitions}::text[])
      AND (r.valid_from IS NULL OR r.valid_from <= current_date) AND (r.valid_to IS NULL OR r.valid_to >= current_date))`);
  }
  return c;
}

const categoryCondition = (f: SearchFilters) => (f.categories?.length ? sql`o.categories && ${f.categories}::text[]` : sql`true`);
const districtCondition = (f: SearchFilters) => (f.districts?.length ? sql`o.district_code = ANY(${f.districts}::text[])` : sql`true`);

function conditions(f: SearchFilters): Sql[] {
  return [...baseConditions(f), categoryCondition(f), districtCondition(f)];
}

const ORDER: Record<string, string> = {
  name: 'name_folded',
  updated: 'updated_at',
  founded: 'founded_on',
  employees: 'employees',
};

export interface SearchPage {
  ids: number[];
  total: number;
  facets: { category: { code: string; count: number }[]; district: { code: string; count: number }[] };
}

export class DirectoryRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): DirectoryRepository {
    return new DirectoryRepository(tx);
  }

  /**
   * A result page, its total and both facets, as two queries that run at once on a server:
   * the page (ids in order), and one aggregate pass over every match, grouped by district, with
   * a count per category. Total and facets follow exactly from those groups (see countsOf);
   * materializing the matches once and counting them four ways cost twice as much for a
   * word that matches 8,000 organizations. Facets are disjunctive: the category counts apply
   * every filter but the category one, so the other categories stay visible as choices.
   */
  async searchPage(
    f: SearchFilters,
    sort: string,
    order: 'asc' | 'desc',
    limit: number,
    offset: number,
    fuzzy: boolean,
    categoryCodes: string[],
  ): Promise<SearchPage> {
    const base = baseConditions(f, fuzzy);
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const orderBy =
      f.text && sort === 'relevance'
        ? sql`${textRankSql(f.text, TEXT_COLUMNS.doc, TEXT_COLUMNS.name, TEXT_COLUMNS.pinyin, fuzzy)} DESC, o.id`
        : sql.raw(`o.${ORDER[sort] ?? ORDER.updated} ${dir} NULLS LAST, o.id ${dir}`);
    const pageQuery = this.db.query<{ id: number }>(sql`
      SELECT o.id FROM orgs o ${sql.where([...base, categoryCondition(f), districtCondition(f)])}
      ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`);
    const perCategory = categoryCodes.map((code, i) => sql`count(*) FILTER (WHERE o.categories @> ARRAY[${code}]::text[])::int AS ${sql.raw(`c${i}`)}`);
    const countQuery = this.db.query<Record<string, number | string | null>>(sql`
      SELECT o.district_code AS code, count(*) FILTER (WHERE ${categoryCondition(f)})::int AS n${perCategory.length ? sql`, ${sql.join(perCategory)}` : sql``}
      FROM orgs o ${sql.where(base)} GROUP BY o.district_code`);
    const [page, groups] = await Promise.all([pageQuery, countQuery]);
    return { ids: page.rows.map((r) => Number(r.id)), ...countsOf(groups.rows, f, categoryCodes) };
  }

  /** Only the ids of one page, for query-less listings whose total and facets are cached. */
  async pageIds(f: SearchFilters, sort: string, order: 'asc' | 'desc', limit: number, offset: number): Promise<number[]> {
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const { rows } = await this.db.query<{ id: number }>(sql`
      SELECT o.id FROM orgs o ${sql.where(conditions(f))}
      ORDER BY ${sql.raw(`o.${ORDER[sort] ?? ORDER.updated} ${dir} NULLS LAST, o.id ${dir}`)} LIMIT ${limit} OFFSET ${offset}`);
    return rows.map((r) => Number(r.id));
  }

  /** Whether the words match anything at all, ignoring every filter (a typo, if not). */
  async textMatchesAny(text: TextQuery): Promise<boolean> {
    const { rows } = await this.db.query(sql`SELECT 1 FROM orgs o WHERE ${textMatchSql(text, TEXT_COLUMNS, false)} LIMIT 1`);
    return rows.length > 0;
  }

  /** Full records for ids, in the given order. */
  async findByIds(ids: number[]): Promise<Org[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query<Org>(sql`SELECT ${COLUMNS} FROM orgs o WHERE o.id = ANY(${ids}::bigint[])`);
    const byId = new Map(rows.map((r) => [Number(r.id), { ...r, recognitions: [] as OrgRecognition[] }]));
    const items = ids.map((id) => byId.get(id)).filter((o): o is Org => !!o);
    await this.attachRecognitions(items);
    return items;
  }

  /** Streams every matching org in pages, for exports and publications. */
  async *iterate(f: SearchFilters, batch = 2000): AsyncGenerator<Org[]> {
    let lastId = 0;
    for (;;) {
      const where = sql.where([...conditions(f), sql`o.id > ${lastId}`]);
      const { rows } = await this.db.query<Org>(sql`SELECT ${COLUMNS} FROM orgs o ${where} ORDER BY o.id LIMIT ${batch}`);
      if (!rows.length) return;
      const items = rows.map((r) => ({ ...r, recognitions: [] as OrgRecognition[] }));
      await this.attachRecognitions(items);
      yield items;
      lastId = rows[rows.length - 1].id;
    }
  }

  async findById(id: number, forUpdate = false): Promise<Org | null> {
    const { rows } = await this.db.query<Org>(sql`SELECT ${COLUMNS} FROM orgs o WHERE o.id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
    if (!rows[0]) return null;
    const org = { ...rows[0], recognitions: [] as OrgRecognition[] };
    await this.attachRecognitions([org]);
    return org;
  }

  async findByUscc(usccs: string[]): Promise<{ id: number; uscc: string; name: string }[]> {
    if (!usccs.length) return [];
    const { rows } = await this.db.query<{ id: number; uscc: string; name: string }>(sql`SELECT id, uscc, name FROM orgs WHERE uscc = ANY(${usccs}::text[])`);
    return rows;
  }

  async insert(input: OrgInput): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO orgs (uscc, name, former_names, kinds, categories, district_code, cluster_id, address, contact_person,
        contact_phone, contact_email, founded_on, employees, revenue_band, description, website, name_folded, name_pinyin, search_document)
      VALUES ${valuesRow(input)}
      RETURNING id`);
    await this.replaceRecognitions(rows[0].id, input.recognitions);
    return rows[0].id;
  }

  /** Inserts many orgs in one statement; returns their ids in input order. */
  async insertMany(inputs: OrgInput[]): Promise<number[]> {
    if (!inputs.length) return [];
    const { rows } = await this.db.query<{ id: number; uscc: string }>(sql`
      INSERT INTO orgs (uscc, name, former_names, kinds, categories, district_code, cluster_id, address, contact_person,
        contact_phone, contact_email, founded_on, employees, revenue_band, description, website, name_folded, name_pinyin, search_document)
      VALUES ${sql.join(inputs.map(valuesRow))}
      RETURNING id, uscc`);
    const idByUscc = new Map(rows.map((r) => [r.uscc, r.id]));
    const recs = inputs.flatMap((i) => i.recognitions.map((r) => ({ ...r, orgId: idByUscc.get(i.uscc)! })));
    if (recs.length) {
      await this.db.query(sql`INSERT INTO org_recognitions (org_id, kind, valid_from, valid_to, certificate_no) VALUES
        ${sql.join(recs.map((r) => sql`(${r.orgId}, ${r.kind}, ${r.validFrom ?? null}, ${r.validTo ?? null}, ${r.certificateNo ?? null})`))}`);
    }
    return inputs.map((i) => idByUscc.get(i.uscc)!);
  }

  async update(id: number, o: OrgInput): Promise<void> {
    await this.db.query(sql`
      UPDATE orgs SET uscc = ${o.uscc}, name = ${o.name}, former_names = ${o.formerNames}, kinds = ${o.kinds}, categories = ${o.categories},
        district_code = ${o.districtCode ?? null}, cluster_id = ${o.clusterId ?? null}, address = ${o.address ?? null},
        contact_person = ${o.contactPerson ?? null}, contact_phone = ${o.contactPhone ?? null}, contact_email = ${o.contactEmail ?? null},
        founded_on = ${o.foundedOn ?? null}, employees = ${o.employees ?? null}, revenue_band = ${o.revenueBand ?? null},
        description = ${o.description ?? null}, website = ${o.website ?? null},
        name_folded = ${fold(o.name)}, name_pinyin = ${pinyinKey(o.name)}, search_document = ${searchDocument(o)},
        version = version + 1, updated_at = now()
      WHERE id = ${id}`);
    await this.replaceRecognitions(id, o.recognitions);
  }

  private async replaceRecognitions(orgId: number, recs: OrgInput['recognitions']): Promise<void> {
    await this.db.query(sql`DELETE FROM org_recognitions WHERE org_id = ${orgId}`);
    for (const r of recs) {
      await this.db.query(sql`INSERT INTO org_recognitions (org_id, kind, valid_from, valid_to, certificate_no)
        VALUES (${orgId}, ${r.kind}, ${r.validFrom ?? null}, ${r.validTo ?? null}, ${r.certificateNo ?? null})`);
    }
  }

  private async attachRecognitions(orgs: Org[]): Promise<void> {
    if (!orgs.length) return;
    const { rows } = await this.db.query<OrgRecognition & { orgId: number }>(sql`
      SELECT org_id AS "orgId", kind, valid_from AS "validFrom", valid_to AS "validTo", certificate_no AS "certificateNo"
      FROM org_recognitions WHERE org_id = ANY(${orgs.map((o) => o.id)}::bigint[]) ORDER BY id`);
    const byOrg = new Map(orgs.map((o) => [o.id, o]));
    for (const { orgId, ...r } of rows) byOrg.get(Number(orgId))?.recognitions.push(r);
  }
}

/**
 * Total and disjunctive facets from per-district groups of the matches (before the category and
 * district filters): n = matches in the chosen categories, c<i> = matches in category i.
 */
function countsOf(groups: Record<string, number | string | null>[], f: SearchFilters, categoryCodes: string[]): Omit<SearchPage, 'ids'> {
  const chosenDistricts = f.districts?.length ? new Set(f.districts) : null;
  const inDistricts = (code: string | null) => !chosenDistricts || (code !== null && chosenDistricts.has(code));
  let total = 0;
  const category = new Map<string, number>();
  const district: { code: string; count: number }[] = [];
  for (const g of groups) {
    const code = g.code as string | null;
    const n = Number(g.n);
    if (code !== null && n > 0) district.push({ code, count: n });
    if (!inDistricts(code)) continue;
    total += n;
    categoryCodes.forEach((c, i) => {
      const count = Number(g[`c${i}`] ?? 0);
      if (count) category.set(c, (category.get(c) ?? 0) + count);
    });
  }
  return { total, facets: { category: [...category].map(([code, count]) => ({ code, count })), district } };
}

function searchDocument(o: OrgInput): Sql {
  return searchDocumentSql({ A: [o.name, ...o.formerNames], B: [o.description], C: [o.address] });
}

function valuesRow(o: OrgInput): Sql {
  return sql`(${o.uscc}, ${o.name}, ${o.formerNames}, ${o.kinds}, ${o.categories}, ${o.districtCode ?? null}, ${o.clusterId ?? null},
    ${o.address ?? null}, ${o.contactPerson ?? null}, ${o.contactPhone ?? null}, ${o.contactEmail ?? null}, ${o.foundedOn ?? null},
    ${o.employees ?? null}, ${o.revenueBand ?? null}, ${o.description ?? null}, ${o.website ?? null}, ${fold(o.name)}, ${pinyinKey(o.name)}, ${searchDocument(o)})`;
}

export { parseTextQuery };
