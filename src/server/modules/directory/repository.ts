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

type Facet = 'category' | 'district';

function conditions(f: SearchFilters, except?: Facet): Sql[] {
  const c: Sql[] = [];
  if (f.text) c.push(textMatchSql(f.text, sql.raw('o.search_document'), sql.raw('o.name_folded'), sql.raw('o.name_pinyin')));
  if (f.categories?.length && except !== 'category') c.push(sql`o.categories && ${f.categories}::text[]`);
  if (f.districts?.length && except !== 'district') c.push(sql`o.district_code = ANY(${f.districts}::text[])`);
  if (f.clusters?.length) c.push(sql`o.cluster_id = ANY(${f.clusters}::text[])`);
  if (f.kinds?.length) c.push(sql`o.kinds && ${f.kinds}::text[]`);
  if (f.recognitions?.length) {
    c.push(sql`EXISTS (SELECT 1 FROM org_recognitions r WHERE r.org_id = o.id AND r.kind = ANY(${f.recognitions}::text[])
      AND (r.valid_from IS NULL OR r.valid_from <= current_date) AND (r.valid_to IS NULL OR r.valid_to >= current_date))`);
  }
  return c;
}

const ORDER: Record<string, string> = {
  name: 'o.name_folded',
  updated: 'o.updated_at',
  founded: 'o.founded_on',
  employees: 'o.employees',
};

export class DirectoryRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): DirectoryRepository {
    return new DirectoryRepository(tx);
  }

  async search(f: SearchFilters, sort: string, order: 'asc' | 'desc', limit: number, offset: number): Promise<{ items: Org[]; total: number }> {
    const where = sql.where(conditions(f));
    let orderBy: Sql;
    if (sort === 'relevance' && f.text) {
      orderBy = sql`${textRankSql(f.text, sql.raw('o.search_document'), sql.raw('o.name_folded'), sql.raw('o.name_pinyin'))} DESC, o.id`;
    } else {
      const col = ORDER[sort] ?? ORDER.updated;
      orderBy = sql.raw(`${col} ${order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, o.id ${order === 'asc' ? 'ASC' : 'DESC'}`);
    }
    const { rows } = await this.db.query<Org & { total: number }>(sql`
      SELECT ${COLUMNS}, count(*) OVER () AS total FROM orgs o ${where}
      ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`);
    let total = rows[0]?.total ?? 0;
    if (!rows.length && offset > 0) {
      const c = await this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs o ${where}`);
      total = c.rows[0].n;
    }
    const items = rows.map(({ total: _t, ...org }) => ({ ...org, recognitions: [] as OrgRecognition[] }));
    await this.attachRecognitions(items);
    return { items, total: Number(total) };
  }

  /** Counts per value of one facet under every other filter (disjunctive faceting). */
  async facet(f: SearchFilters, facet: Facet): Promise<{ code: string; count: number }[]> {
    const where = sql.where(conditions(f, facet));
    const q =
      facet === 'category'
        ? sql`SELECT c AS code, count(*)::int AS count FROM orgs o CROSS JOIN LATERAL unnest(o.categories) AS c ${where} GROUP BY c`
        : sql`SELECT o.district_code AS code, count(*)::int AS count FROM orgs o ${where} GROUP BY o.district_code`;
    const { rows } = await this.db.query<{ code: string | null; count: number }>(q);
    return rows.filter((r): r is { code: string; count: number } => r.code !== null);
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

function searchDocument(o: OrgInput): Sql {
  return searchDocumentSql({ A: [o.name, ...o.formerNames], B: [o.description], C: [o.address] });
}

function valuesRow(o: OrgInput): Sql {
  return sql`(${o.uscc}, ${o.name}, ${o.formerNames}, ${o.kinds}, ${o.categories}, ${o.districtCode ?? null}, ${o.clusterId ?? null},
    ${o.address ?? null}, ${o.contactPerson ?? null}, ${o.contactPhone ?? null}, ${o.contactEmail ?? null}, ${o.foundedOn ?? null},
    ${o.employees ?? null}, ${o.revenueBand ?? null}, ${o.description ?? null}, ${o.website ?? null}, ${fold(o.name)}, ${pinyinKey(o.name)}, ${searchDocument(o)})`;
}

export { parseTextQuery };
