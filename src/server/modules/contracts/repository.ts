/** SQL on contracts, their stations, experts and number sequences (this module's tables only). */
import type { Queryable } from '../../platform/db/database.ts';
import { sql, type Sql } from '../../platform/db/sql.ts';
import { parseTextQuery, searchDocumentSql } from '../../platform/text/search-sql.ts';
import { fold } from '../../platform/text/fold.ts';
import { documentTerms } from '../../platform/text/segment.ts';
import type { Contract, ContractExpert, ContractScope, ContractFields, ContractStatus, Station } from './schemas.ts';
import type { StationSeed } from './stations.ts';

// biome-ignore lint/suspicious/noExplicitAny: a row as the driver gives it
type Row = Record<string, any>;

const SELECT = sql`SELECT x.*, x.signed_on::text AS signed_on_t, x.valid_from::text AS valid_from_t, x.valid_until::text AS valid_until_t,
  x.clock_started_on::text AS clock_t, x.deadline::text AS deadline_t, s.name AS station_name, s.code AS station_code,
  d.filename AS doc_filename, d.size AS doc_size, d.sha256 AS doc_sha256, d.uploaded_at AS doc_uploaded_at
  FROM contracts x LEFT JOIN contract_stations s ON s.id = x.station_id LEFT JOIN contract_documents d ON d.contract_id = x.id`;

const n = (v: unknown) => (v == null ? null : Number(v));

function toContract(r: Row): Contract {
  return {
    id: Number(r.id),
    dealId: n(r.deal_id),
    sellerOrgId: Number(r.seller_org_id),
    buyerOrgId: n(r.buyer_org_id),
    stationId: n(r.station_id),
    stationName: r.station_name ?? null,
    stationCode: r.station_code ?? null,
    status: r.status,
    projectName: r.project_name,
    contractType: r.contract_type,
    subType: r.sub_type,
    signedOn: r.signed_on_t,
    validFrom: r.valid_from_t,
    validUntil: r.valid_until_t,
    seller: r.seller ?? {},
    buyer: r.buyer ?? {},
    sellerDivisionCode: r.seller_division_code,
    amountFen: n(r.amount_fen),
    techAmountFen: n(r.tech_amount_fen),
    equipmentFen: Number(r.equipment_fen),
    partsFen: Number(r.parts_fen),
    materialsFen: Number(r.materials_fen),
    techField: r.tech_field,
    ipType: r.ip_type,
    planSource: r.plan_source,
    newInvestmentFen: n(r.new_investment_fen),
    newOutputFen: n(r.new_output_fen),
    disputed: r.disputed,
    expertRequired: r.expert_required,
    clockStartedOn: r.clock_t,
    deadline: r.deadline_t,
    correctionNote: r.correction_note,
    rejectReason: r.reject_reason,
    registrationNumber: r.registration_number,
    registeredAt: r.registered_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    version: Number(r.version),
    cancelledAt: r.cancelled_at ?? null,
    buyerAnswer: r.buyer_answer ?? null,
    buyerAnsweredAt: r.buyer_answered_at ?? null,
    buyerDisputeReason: r.buyer_dispute_reason ?? null,
    document: r.doc_filename == null ? null : { filename: r.doc_filename, size: Number(r.doc_size), sha256: r.doc_sha256, uploadedAt: r.doc_uploaded_at },
  };
}

/** the columns a step may set besides the form's fields */
export interface ContractChange {
  status?: ContractStatus;
  buyerOrgId?: number | null;
  /** null: no station (a draft whose seller withdrew its choice) */
  stationId?: number | null;
  expertRequired?: boolean;
  clockStartedOn?: string | null;
  deadline?: string | null;
  correctionNote?: string | null;
  rejectReason?: string;
  registrationNumber?: string;
  registered?: true;
  submitted?: true;
  decided?: true;
  cancelled?: true;
  /** the buyer's answer; null clears it (the content changed) */
  buyerAnswer?: { answer: 'confirmed' | 'disputed'; reason: string | null } | null;
}

const COLUMNS: Record<keyof ContractFields, string> = {
  projectName: 'project_name',
  contractType: 'contract_type',
  subType: 'sub_type',
  signedOn: 'signed_on',
  validFrom: 'valid_from',
  validUntil: 'valid_until',
  seller: 'seller',
  buyer: 'buyer',
  amountFen: 'amount_fen',
  techAmountFen: 'tech_amount_fen',
  equipmentFen: 'equipment_fen',
  partsFen: 'parts_fen',
  materialsFen: 'materials_fen',
  techField: 'tech_field',
  ipType: 'ip_type',
  planSource: 'plan_source',
  newInvestmentFen: 'new_investment_fen',
  newOutputFen: 'new_output_fen',
  disputed: 'disputed',
};

function fieldSets(f: ContractFields): Sql[] {
  const sets: Sql[] = [];
  for (const [k, col] of Object.entries(COLUMNS) as [keyof ContractFields, string][]) {
    const v = f[k];
    if (v === undefined) continue;
    if (k === 'seller' || k === 'buyer') sets.push(sql`${sql.raw(col)} = ${JSON.stringify(v ?? {})}::jsonb`);
    else sets.push(sql`${sql.raw(col)} = ${v}`);
  }
  if (f.seller !== undefined) sets.push(sql`seller_division_code = ${f.seller?.divisionCode ?? null}`);
  return sets;
}

/**
 * The list's total is counted exactly up to this many matches; beyond, it is the planner's estimate, rounded, with
 * `totalApproximate` (the page writes "约 N"), as the directory does: counting all 180,000 registered contracts for
 * a page of 20 read them all.
 */
export const COUNT_LIMIT = 1000;

/** An estimate to two significant digits, never at or below the exact limit (it is known to be beyond). */
function roundEstimate(estimate: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(estimate, 1))) - 1);
  return Math.max(COUNT_LIMIT + 1, Math.round(estimate / magnitude) * magnitude);
}

/** The search document of a contract: its project's name (weight A) and both parties' names (B), folded and segmented. */
function searchDocument(projectName: string | null, sellerName: string | null, buyerName: string | null): Sql {
  return searchDocumentSql({ A: [projectName], B: [sellerName, buyerName] });
}

export interface ListFilters {
  status?: ContractStatus[];
  q?: string;
  type?: string;
  district?: string;
  station?: number;
  overdueBefore?: string;
}

/**
 * The register's text search: every query word in the segmented document (a GIN index, also for two-character
 * words such as 隧道; traditional and simplified fold alike), or, for three characters or more, a substring of the
 * project's or a party's name (the trigram indexes of 0029: part of a name the segmenter cuts otherwise), or the
 * registration number. Each branch has its own index, so PostgreSQL combines them with a BitmapOr.
 */
function textCondition(q: string): Sql {
  const text = parseTextQuery(q);
  const branches: Sql[] = [sql`x.registration_number = ${q}`];
  if (text?.terms.length) branches.push(sql`x.search_document @@ to_tsquery('simple', ${text.tsquery})`);
  const folded = fold(q);
  if ([...folded].length >= 3) {
    const like = `%${folded.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    branches.push(sql`x.project_name ILIKE ${like}`, sql`x.seller->>'name' ILIKE ${like}`, sql`x.buyer->>'name' ILIKE ${like}`);
  }
  return sql`(${sql.join(branches, ' OR ')})`;
}

export class ContractRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): ContractRepository {
    return new ContractRepository(tx);
  }

  async insert(c: {
    dealId: number | null;
    sellerOrgId: number;
    buyerOrgId: number | null;
    /** the station the seller chose (else routed at submission) */
    stationId?: number | null;
    fields: ContractFields;
    createdBy: number | null;
  }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO contracts (deal_id, seller_org_id, buyer_org_id, station_id, created_by)
      VALUES (${c.dealId}, ${c.sellerOrgId}, ${c.buyerOrgId}, ${c.stationId ?? null}, ${c.createdBy}) RETURNING id`);
    const id = Number(rows[0].id);
    const sets = fieldSets(c.fields);
    if (sets.length) await this.db.query(sql`UPDATE contracts SET ${sql.join(sets)} WHERE id = ${id}`);
    await this.db.query(
      sql`UPDATE contracts SET search_document = ${searchDocument(c.fields.projectName ?? null, c.fields.seller?.name ?? null, c.fields.buyer?.name ?? null)} WHERE id = ${id}`,
    );
    return id;
  }

  /** The search document again from the row as it stands (after a write that changed a name). */
  async refreshSearch(id: number): Promise<void> {
    const { rows } = await this.db.query<Row>(sql`SELECT project_name, seller->>'name' AS seller, buyer->>'name' AS buyer FROM contracts WHERE id = ${id}`);
    if (rows[0])
      await this.db.query(sql`UPDATE contracts SET search_document = ${searchDocument(rows[0].project_name, rows[0].seller, rows[0].buyer)} WHERE id = ${id}`);
  }

  /**
   * Fills the search document of up to `batch` rows written before it existed (migration 0035); the number filled
   * (0: none left). The pipeline is JavaScript, so the migration could not.
   */
  async fillSearchDocuments(batch = 1000): Promise<number> {
    const { rows } = await this.db.query<Row>(sql`
      SELECT id, project_name, seller->>'name' AS seller, buyer->>'name' AS buyer FROM contracts WHERE search_document IS NULL ORDER BY id LIMIT ${batch}`);
    if (!rows.length) return 0;
    const a = rows.map((r) => documentTerms(r.project_name ?? '').join(' '));
    const b = rows.map((r) => documentTerms([r.seller, r.buyer].filter(Boolean).join(' ')).join(' '));
    await this.db.query(sql`
      UPDATE contracts x SET search_document = setweight(to_tsvector('simple', u.a), 'A') || setweight(to_tsvector('simple', u.b), 'B')
      FROM unnest(${rows.map((r) => Number(r.id))}::bigint[], ${a}::text[], ${b}::text[]) AS u(id, a, b) WHERE x.id = u.id`);
    return rows.length;
  }

  async find(id: number, lock = false): Promise<Contract | null> {
    const { rows } = await this.db.query<Row>(sql`${SELECT} WHERE x.id = ${id} ${lock ? sql`FOR UPDATE OF x` : sql``}`);
    return rows[0] ? toContract(rows[0]) : null;
  }

  async byDeal(dealId: number): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM contracts WHERE deal_id = ${dealId}`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async update(id: number, fields: ContractFields, c: ContractChange = {}): Promise<void> {
    const sets: Sql[] = [sql`updated_at = now()`, sql`version = version + 1`, ...fieldSets(fields)];
    if (c.status) sets.push(sql`status = ${c.status}`);
    if (c.stationId !== undefined) sets.push(sql`station_id = ${c.stationId}`);
    if (c.buyerOrgId !== undefined) sets.push(sql`buyer_org_id = ${c.buyerOrgId}`);
    if (c.expertRequired !== undefined) sets.push(sql`expert_required = ${c.expertRequired}`);
    if (c.clockStartedOn !== undefined) sets.push(sql`clock_started_on = ${c.clockStartedOn}::date`);
    if (c.deadline !== undefined) sets.push(sql`deadline = ${c.deadline}::date`);
    if (c.correctionNote !== undefined) sets.push(sql`correction_note = ${c.correctionNote}`);
    if (c.rejectReason != null) sets.push(sql`reject_reason = ${c.rejectReason}`);
    if (c.registrationNumber) sets.push(sql`registration_number = ${c.registrationNumber}`);
    if (c.registered) sets.push(sql`registered_at = now()`);
    if (c.submitted) sets.push(sql`submitted_at = now()`);
    if (c.decided) sets.push(sql`decided_at = now()`);
    if (c.cancelled) sets.push(sql`cancelled_at = now()`);
    if (c.buyerAnswer === null) sets.push(sql`buyer_answer = NULL, buyer_answered_at = NULL, buyer_dispute_reason = NULL`);
    else if (c.buyerAnswer) sets.push(sql`buyer_answer = ${c.buyerAnswer.answer}, buyer_answered_at = now(), buyer_dispute_reason = ${c.buyerAnswer.reason}`);
    await this.db.query(sql`UPDATE contracts SET ${sql.join(sets)} WHERE id = ${id}`);
    if (fields.projectName !== undefined || fields.seller !== undefined || fields.buyer !== undefined) await this.refreshSearch(id);
  }

  private conditions(scope: ContractScope, q: ListFilters) {
    const where: Sql[] = [];
    if ('districtCode' in scope) where.push(sql`x.seller_division_code = ${scope.districtCode}`);
    if ('stationIds' in scope) where.push(sql`x.station_id = ANY(${scope.stationIds}::bigint[]) AND x.status <> 'draft'`);
    if ('orgId' in scope) where.push(sql`(x.seller_org_id = ${scope.orgId} OR x.buyer_org_id = ${scope.orgId})`);
    if ('districtCode' in scope || 'all' in scope) where.push(sql`x.status <> 'draft'`);
    // one state as a plain equality: the planner then walks that state's slice of the order index
    if (q.status?.length === 1) where.push(sql`x.status = ${q.status[0]}`);
    else if (q.status?.length) where.push(sql`x.status = ANY(${q.status}::text[])`);
    if (q.type) where.push(sql`x.contract_type = ${q.type}`);
    if (q.district) where.push(sql`x.seller_division_code = ${q.district}`);
    if (q.station) where.push(sql`x.station_id = ${q.station}`);
    if (q.q) where.push(textCondition(q.q));
    if (q.overdueBefore) where.push(sql`x.status IN ('submitted','accepted','under_review','expert_review') AND x.deadline < ${q.overdueBefore}::date`);
    return where;
  }

  /**
   * One page in the register's order (register_order: the contracts on the clock by deadline, then the others by
   * decision, newest first), and the total. The bounded count comes first and chooses the page's plan: with few
   * matches (≤ COUNT_LIMIT) they are read by their indexes and sorted (`+ 0` keeps the planner off the order
   * index, which it would walk past every other contract when it overestimates a search, 290 ms for 200 party
   * matches); with many, the walk of the order index meets 20 of them soon.
   */
  async list(scope: ContractScope, q: ListFilters, page: number, pageSize: number): Promise<{ items: Contract[]; total: number; totalApproximate: boolean }> {
    const where = this.conditions(scope, q);
    const count = await this.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM contracts x ${sql.where(where)} LIMIT ${COUNT_LIMIT + 1}) m`,
    );
    const n = count.rows[0].n;
    const few = n <= COUNT_LIMIT;
    // the page's ids first (an index-only walk when the filters are the index's columns: a deep page skips index
    // entries, not rows), then those rows
    const items = await this.db.query<Row>(sql`${SELECT} JOIN (
        SELECT x.id, x.register_order FROM contracts x ${sql.where(where)}
        ORDER BY ${few ? sql`x.register_order + 0` : sql`x.register_order`}, x.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
      ) p ON p.id = x.id ORDER BY p.register_order, p.id DESC`);
    if (few) return { items: items.rows.map(toContract), total: n, totalApproximate: false };
    const plan = await this.db.query<{ 'QUERY PLAN': unknown }>(sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM contracts x ${sql.where(where)}`);
    const raw = plan.rows[0]['QUERY PLAN'];
    const estimate = Number((typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan['Plan Rows']);
    return { items: items.rows.map(toContract), total: roundEstimate(estimate), totalApproximate: true };
  }

  async *each(scope: ContractScope, q: Omit<ListFilters, 'overdueBefore'>): AsyncGenerator<Contract[]> {
    const where = this.conditions(scope, q);
    let after = 0;
    for (;;) {
      const { rows } = await this.db.query<Row>(sql`${SELECT} ${sql.where([...where, sql`x.id > ${after}`])} ORDER BY x.id LIMIT 500`);
      if (!rows.length) return;
      yield rows.map(toContract);
      after = Number(rows[rows.length - 1].id);
    }
  }

  /** A registered (or registered, then cancelled) contract by its number. */
  async byNumber(number: string): Promise<Contract | null> {
    const { rows } = await this.db.query<Row>(sql`${SELECT} WHERE x.registration_number = ${number} AND x.status IN ('registered', 'cancelled')`);
    return rows[0] ? toContract(rows[0]) : null;
  }

  /** The next sequence of a station's year: one row per station and year, incremented under its lock. */
  async nextSeq(stationId: number, year: number): Promise<number> {
    const { rows } = await this.db.query<{ last_seq: number }>(sql`
      INSERT INTO contract_numbers (station_id, year, last_seq) VALUES (${stationId}, ${year}, 1)
      ON CONFLICT (station_id, year) DO UPDATE SET last_seq = contract_numbers.last_seq + 1 RETURNING last_seq`);
    return Number(rows[0].last_seq);
  }

  // ---------------------------------------------------------------- stations

  async seedStations(list: readonly StationSeed[]): Promise<void> {
    for (const s of list) {
      const serves = [...(s.districtCode ? [s.districtCode] : []), ...(s.alsoServes ?? [])];
      await this.db.query(sql`
        INSERT INTO contract_stations (code, name, district_code, serves, host_org)
        VALUES (${s.code}, ${s.name}, ${s.districtCode}, ${serves}::text[], ${s.hostOrg}) ON CONFLICT (code) DO NOTHING`);
    }
  }

  async stations(): Promise<Station[]> {
    const { rows } = await this.db.query<Row>(sql`SELECT * FROM contract_stations WHERE active ORDER BY code`);
    return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, districtCode: r.district_code, serves: r.serves, hostOrg: r.host_org }));
  }

  /** The station a seller's division is routed to; the city station when no district station serves it. */
  async stationFor(divisionCode: string | null): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      SELECT id FROM contract_stations WHERE active AND (${divisionCode}::text = ANY(serves) OR district_code IS NULL)
      ORDER BY (district_code IS NULL), code LIMIT 1`);
    return Number(rows[0].id);
  }

  async stationIdByCode(code: string): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM contract_stations WHERE code = ${code}`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async staffStations(userId: number): Promise<number[]> {
    const { rows } = await this.db.query<{ station_id: number }>(sql`SELECT station_id FROM contract_station_staff WHERE user_id = ${userId}`);
    return rows.map((r) => Number(r.station_id));
  }

  async addStaff(stationId: number, userId: number): Promise<void> {
    await this.db.query(sql`INSERT INTO contract_station_staff (station_id, user_id) VALUES (${stationId}, ${userId}) ON CONFLICT DO NOTHING`);
  }

  // ---------------------------------------------------------------- the signed contract

  /** Stores (or replaces) the signed contract's PDF. */
  async putDocument(contractId: number, f: { filename: string; sha256: string; content: Buffer }, by: number | null): Promise<void> {
    await this.db.query(sql`
      INSERT INTO contract_documents (contract_id, filename, size, sha256, content, uploaded_by)
      VALUES (${contractId}, ${f.filename}, ${f.content.length}, ${f.sha256}, ${f.content}, ${by})
      ON CONFLICT (contract_id) DO UPDATE SET filename = EXCLUDED.filename, size = EXCLUDED.size, sha256 = EXCLUDED.sha256,
        content = EXCLUDED.content, uploaded_by = EXCLUDED.uploaded_by, uploaded_at = now()`);
  }

  async documentContent(contractId: number): Promise<{ filename: string; content: Buffer } | null> {
    const { rows } = await this.db.query<Row>(sql`SELECT filename, content FROM contract_documents WHERE contract_id = ${contractId}`);
    return rows[0] ? { filename: rows[0].filename, content: Buffer.from(rows[0].content) } : null;
  }

  // ---------------------------------------------------------------- experts

  async experts(contractId: number): Promise<ContractExpert[]> {
    const { rows } = await this.db.query<Row>(sql`SELECT * FROM contract_experts WHERE contract_id = ${contractId} ORDER BY assigned_at, expert_id`);
    return rows.map((r) => ({
      expertId: Number(r.expert_id),
      expertName: r.expert_name,
      opinion: r.opinion,
      conclusion: r.conclusion,
      assignedAt: r.assigned_at,
      opinedAt: r.opined_at,
    }));
  }

  /** The contracts an expert is assigned to, the open reviews first, with the expert's own row. */
  async assignedTo(expertId: number): Promise<{ contract: Contract; expert: ContractExpert }[]> {
    const { rows } = await this.db.query<Row>(sql`
      SELECT q.*, e.expert_id AS e_expert_id, e.expert_name AS e_expert_name, e.opinion AS e_opinion, e.conclusion AS e_conclusion,
        e.assigned_at AS e_assigned_at, e.opined_at AS e_opined_at
      FROM (${SELECT}) q JOIN contract_experts e ON e.contract_id = q.id
      WHERE e.expert_id = ${expertId}
      ORDER BY (q.status = 'expert_review') DESC, q.deadline ASC NULLS LAST, q.id DESC LIMIT 200`);
    return rows.map((r) => ({
      contract: toContract(r),
      expert: {
        expertId: Number(r.e_expert_id),
        expertName: r.e_expert_name,
        opinion: r.e_opinion,
        conclusion: r.e_conclusion,
        assignedAt: r.e_assigned_at,
        opinedAt: r.e_opined_at,
      },
    }));
  }

  async assignExpert(contractId: number, expertId: number, name: string): Promise<void> {
    await this.db.query(
      sql`INSERT INTO contract_experts (contract_id, expert_id, expert_name) VALUES (${contractId}, ${expertId}, ${name}) ON CONFLICT DO NOTHING`,
    );
  }

  async recordOpinion(contractId: number, expertId: number, conclusion: string, opinion: string): Promise<boolean> {
    const { rows } = await this.db.query(sql`
      UPDATE contract_experts SET opinion = ${opinion}, conclusion = ${conclusion}, opined_at = now()
      WHERE contract_id = ${contractId} AND expert_id = ${expertId} RETURNING expert_id`);
    return rows.length > 0;
  }
}
