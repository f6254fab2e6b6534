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
// one district as an equality: then the (district, updated) index gives the list in order and stops after a page
// (with = ANY the planner cannot rely on the index's order and sorts every organization of the district)
const districtCondition = (f: SearchFilters) =>
  f.districts?.length === 1 ? sql`o.district_code = ${f.districts[0]}` : f.districts?.length ? sql`o.district_code = ANY(${f.districts}::text[])` : sql`true`;

function conditions(f: SearchFilters): Sql[] {
  return [...baseConditions(f), categoryCondition(f), districtCondition(f)];
}

const ORDER: Record<string, string> = {
  name: 'name_folded',
  updated: 'updated_at',
  founded: 'founded_on',
  employees: 'employees',
};
/** the sort columns that may be empty: those without a value go last either way */
const NULLABLE = new Set(['founded_on', 'employees']);

/**
 * A list's order by one of ORDER's columns, then id. NULLS LAST only where the column may be empty: on
 * updated_at DESC it did not match the (updated_at DESC, id DESC) index, so the default list sorted every match
 * (the planner does not know that a NOT NULL column has no nulls to place).
 */
function listOrder(sort: string, dir: 'ASC' | 'DESC'): Sql {
  const column = ORDER[sort] ?? ORDER.updated;
  return sql.raw(`o.${column} ${dir}${NULLABLE.has(column) ? ' NULLS LAST' : ''}, o.id ${dir}`);
}

export interface SearchPage {
  ids: number[];
  total: number;
  /** the total is the planner's estimate: the words match more than EXACT_LIMIT organizations */
  approximate?: boolean;
  /** the facet counts are those of a sample of the matches, scaled to the estimate */
  facetsApproximate?: boolean;
  facets: { category: { code: string; count: number }[]; district: { code: string; count: number }[] };
}

/**
 * Up to this many matches a search is exact: its page ranked by relevance over every match, its total and
 * facets counted. Beyond, reading every match (one table page each) is what made a broad word cost 26 ms of
 * database time at 56,000 organizations and grow with the directory: see broadPage and sampledCounts.
 */
export const EXACT_LIMIT = 1000;
/** how many matches the facets of a broad search are counted over (then scaled to the estimated total) */
const FACET_SAMPLE = 600;

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
        : listOrder(sort, dir);
    const pageQuery = this.db.query<{ id: number }>(sql`
      SELECT o.id FROM orgs o ${sql.where([...base, categoryCondition(f), districtCondition(f)])}
      ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`);
    const countQuery = this.db.query<Record<string, number | string | null>>(groupsSql(f, base, categoryCodes, null));
    const [page, groups] = await Promise.all([pageQuery, countQuery]);
    return { ids: page.rows.map((r) => Number(r.id)), ...countsOf(groups.rows, f, categoryCodes) };
  }

  /**
   * How many organizations the conditions match, without reading them where that would be many: the planner's
   * estimate (from the text column's statistics) when it is far beyond EXACT_LIMIT, else a count of at most
   * EXACT_LIMIT + 1 matches (estimates of several words together can be far too low).
   */
  async countMatches(where: Sql[], opts: { trustFew?: boolean } = {}): Promise<{ total: number; approximate: boolean; few?: boolean }> {
    const plan = await this.db.query<{ 'QUERY PLAN': unknown }>(sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM orgs o ${sql.where(where)}`);
    const raw = plan.rows[0]['QUERY PLAN'];
    const estimate = Number((typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan['Plan Rows']);
    // surely few: the caller counts them exactly anyway, so no separate count
    if (opts.trustFew && estimate <= EXACT_LIMIT / 2) return { total: estimate, approximate: false, few: true };
    if (estimate <= 5 * EXACT_LIMIT) {
      const { rows } = await this.db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM orgs o ${sql.where(where)} LIMIT ${EXACT_LIMIT + 1}) x`,
      );
      if (Number(rows[0].n) <= EXACT_LIMIT) return { total: Number(rows[0].n), approximate: false };
    }
    return { total: roundEstimate(estimate), approximate: true };
  }

  /**
   * A search whose words match more than EXACT_LIMIT organizations (before the category and district filters,
   * which its facets ignore), read in bounded work whatever it matches:
   *   - total: counted when the filters leave at most EXACT_LIMIT, else estimated;
   *   - page: ranked by relevance over the matches when they are few, else those with the words in their name
   *     first, each tier most recently updated first (walks of the update-time index that stop after a page);
   *   - facets: counted over a sample of FACET_SAMPLE matches and scaled to the estimated total.
   */
  async broadSearchPage(
    f: SearchFilters,
    sort: string,
    order: 'asc' | 'desc',
    limit: number,
    offset: number,
    categoryCodes: string[],
    baseTotal: number,
  ): Promise<SearchPage> {
    const base = baseConditions(f);
    const full = [...base, categoryCondition(f), districtCondition(f)];
    const counted = f.categories?.length || f.districts?.length ? await this.countMatches(full) : { total: baseTotal, approximate: true };
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    let pageQuery: Promise<{ rows: { id: number }[] }>;
    if (f.text && sort === 'relevance' && counted.approximate) pageQuery = this.db.query<{ id: number }>(broadPage(f, full, limit, offset));
    else {
      const orderBy =
        f.text && sort === 'relevance'
          ? sql`${textRankSql(f.text, TEXT_COLUMNS.doc, TEXT_COLUMNS.name, TEXT_COLUMNS.pinyin, false)} DESC, o.id`
          : listOrder(sort, dir);
      pageQuery = this.db.query<{ id: number }>(sql`SELECT o.id FROM orgs o ${sql.where(full)} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`);
    }
    const [page, sample] = await Promise.all([
      pageQuery,
      this.db.query<Record<string, number | string | null>>(groupsSql(f, base, categoryCodes, FACET_SAMPLE)),
    ]);
    const sampled = sample.rows.reduce((n, g) => n + Number(g.all), 0);
    const counts = countsOf(sample.rows, f, categoryCodes, sampled ? baseTotal / sampled : 1);
    return { ids: page.rows.map((r) => Number(r.id)), total: counted.total, approximate: counted.approximate, facetsApproximate: true, facets: counts.facets };
  }

  /** How many organizations a search's words match before the category and district filters (which its facets ignore). */
  breadth(f: SearchFilters) {
    return this.countMatches(baseConditions(f), { trustFew: true });
  }

  /** Only the ids of one page, for query-less listings whose total and facets are cached. */
  async pageIds(f: SearchFilters, sort: string, order: 'asc' | 'desc', limit: number, offset: number): Promise<number[]> {
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const { rows } = await this.db.query<{ id: number }>(sql`
      SELECT o.id FROM orgs o ${sql.where(conditions(f))}
      ORDER BY ${listOrder(sort, dir)} LIMIT ${limit} OFFSET ${offset}`);
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
    const { rows } = await this.db.query<Org>(sql.prepared(sql`SELECT ${COLUMNS} FROM orgs o WHERE o.id = ANY(${ids}::bigint[])`));
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

  async usccsOf(ids: number[]): Promise<{ id: number; uscc: string }[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query<{ id: number; uscc: string }>(sql`SELECT id, uscc FROM orgs WHERE id = ANY(${ids}::bigint[])`);
    return rows.map((r) => ({ id: Number(r.id), uscc: r.uscc }));
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
    const { rows } = await this.db.query<OrgRecognition & { orgId: number }>(
      sql.prepared(sql`
        SELECT org_id AS "orgId", kind, valid_from AS "validFrom", valid_to AS "validTo", certificate_no AS "certificateNo"
        FROM org_recognitions WHERE org_id = ANY(${orgs.map((o) => o.id)}::bigint[]) ORDER BY id`),
    );
    const byOrg = new Map(orgs.map((o) => [o.id, o]));
    for (const { orgId, ...r } of rows) byOrg.get(Number(orgId))?.recognitions.push(r);
  }
}

/**
 * The matches (before the category and district filters) grouped by district: n = those in the chosen categories,
 * c<i> = those in category i, all = every one; over a sample of the first `sample` matches when given.
 */
function groupsSql(f: SearchFilters, base: Sql[], categoryCodes: string[], sample: number | null): Sql {
  const perCategory = categoryCodes.map((code, i) => sql`count(*) FILTER (WHERE o.categories @> ARRAY[${code}]::text[])::int AS ${sql.raw(`c${i}`)}`);
  const from = sample ? sql`(SELECT o.district_code, o.categories FROM orgs o ${sql.where(base)} LIMIT ${sample}) o` : sql`orgs o ${sql.where(base)}`;
  return sql`
    SELECT o.district_code AS code, count(*)::int AS "all", count(*) FILTER (WHERE ${categoryCondition(f)})::int AS n${perCategory.length ? sql`, ${sql.join(perCategory)}` : sql``}
    FROM ${from} GROUP BY o.district_code`;
}

/**
 * A broad search's page in relevance order without ranking every match: the organizations with every query word
 * in their name come first, then the rest, each tier most
 * recently updated first, so that each tier is a walk down the update-time index that stops after one page.
 */
function broadPage(f: SearchFilters, full: Sql[], limit: number, offset: number): Sql {
  const words = f.text!.terms;
  // a plain substring test on the folded name: title_lexemes() unpacks the whole document per row, which made
  // this tier cost 180 ms for 检测 at 56,000 organizations (EXPLAIN ANALYZE); strpos costs microseconds
  const inName = words.length
    ? sql.join(
        words.map((w) => sql`strpos(o.name_folded, ${w}) > 0`),
        ' AND ',
      )
    : sql`false`;
  return sql`
    WITH named AS (SELECT o.id, 0 AS tier, o.updated_at AS at FROM orgs o ${sql.where([...full, inName])}
                   ORDER BY o.updated_at DESC, o.id DESC LIMIT ${offset + limit}),
    rest AS (SELECT o.id, 1 AS tier, o.updated_at AS at FROM orgs o ${sql.where([...full, sql`NOT (${inName})`])}
             ORDER BY o.updated_at DESC, o.id DESC LIMIT ${offset + limit})
    SELECT id FROM (SELECT * FROM named UNION ALL SELECT * FROM rest) p ORDER BY tier, at DESC, id DESC LIMIT ${limit} OFFSET ${offset}`;
}

/** A round figure: it is an estimate, and never inside the exact range. */
function roundEstimate(estimate: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(estimate, 1))) - 1);
  return Math.max(EXACT_LIMIT + 1, Math.round(estimate / magnitude) * magnitude);
}

/**
 * Total and disjunctive facets from per-district groups of the matches (before the category and
 * district filters): n = matches in the chosen categories, c<i> = matches in category i; each
 * multiplied by scale when the groups are those of a sample.
 */
function countsOf(groups: Record<string, number | string | null>[], f: SearchFilters, categoryCodes: string[], scale = 1): Omit<SearchPage, 'ids'> {
  const chosenDistricts = f.districts?.length ? new Set(f.districts) : null;
  const inDistricts = (code: string | null) => !chosenDistricts || (code !== null && chosenDistricts.has(code));
  let total = 0;
  const category = new Map<string, number>();
  const district: { code: string; count: number }[] = [];
  for (const g of groups) {
    const code = g.code as string | null;
    const n = Math.round(Number(g.n) * scale);
    if (code !== null && n > 0) district.push({ code, count: n });
    if (!inDistricts(code)) continue;
    total += n;
    categoryCodes.forEach((c, i) => {
      const count = Math.round(Number(g[`c${i}`] ?? 0) * scale);
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
