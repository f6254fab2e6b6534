/** SQL on contracts, their stations, experts and number sequences (this module's tables only). */
import type { Queryable } from '../../platform/db/database.ts';
import { sql, type Sql } from '../../platform/db/sql.ts';
import type { Contract, ContractExpert, ContractScope, ContractFields, ContractStatus, FigureBreakdown, Station } from './schemas.ts';
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
  stationId?: number;
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

const FIGURE_KEYS: Record<FigureBreakdown, Sql> = {
  month: sql`to_char(x.registered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`,
  type: sql`x.contract_type`,
  field: sql`coalesce(x.tech_field, '')`,
  district: sql`coalesce(x.seller_division_code, '')`,
  station: sql`coalesce(s.code, '')`,
  sellerNature: sql`coalesce(x.seller->>'nature', '')`,
  buyerNature: sql`coalesce(x.buyer->>'nature', '')`,
};

export class ContractRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): ContractRepository {
    return new ContractRepository(tx);
  }

  async insert(c: {
    dealId: number | null;
    sellerOrgId: number;
    buyerOrgId: number | null;
    fields: ContractFields;
    createdBy: number | null;
  }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO contracts (deal_id, seller_org_id, buyer_org_id, created_by)
      VALUES (${c.dealId}, ${c.sellerOrgId}, ${c.buyerOrgId}, ${c.createdBy}) RETURNING id`);
    const id = Number(rows[0].id);
    const sets = fieldSets(c.fields);
    if (sets.length) await this.db.query(sql`UPDATE contracts SET ${sql.join(sets)} WHERE id = ${id}`);
    return id;
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
    if (c.stationId != null) sets.push(sql`station_id = ${c.stationId}`);
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
  }

  private conditions(
    scope: ContractScope,
    q: { status?: ContractStatus[]; q?: string; type?: string; district?: string; station?: number; overdueBefore?: string },
  ) {
    const where: Sql[] = [];
    if ('districtCode' in scope) where.push(sql`x.seller_division_code = ${scope.districtCode}`);
    if ('stationIds' in scope) where.push(sql`x.station_id = ANY(${scope.stationIds}::bigint[]) AND x.status <> 'draft'`);
    if ('orgId' in scope) where.push(sql`(x.seller_org_id = ${scope.orgId} OR x.buyer_org_id = ${scope.orgId})`);
    if ('districtCode' in scope || 'all' in scope) where.push(sql`x.status <> 'draft'`);
    if (q.status?.length) where.push(sql`x.status = ANY(${q.status}::text[])`);
    if (q.type) where.push(sql`x.contract_type = ${q.type}`);
    if (q.district) where.push(sql`x.seller_division_code = ${q.district}`);
    if (q.station) where.push(sql`x.station_id = ${q.station}`);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.push(sql`(x.project_name ILIKE ${like} OR x.seller->>'name' ILIKE ${like} OR x.buyer->>'name' ILIKE ${like} OR x.registration_number = ${q.q})`);
    }
    if (q.overdueBefore) where.push(sql`x.status IN ('submitted','accepted','under_review','expert_review') AND x.deadline < ${q.overdueBefore}::date`);
    return where;
  }

  async list(
    scope: ContractScope,
    q: { status?: ContractStatus[]; q?: string; type?: string; district?: string; station?: number; overdueBefore?: string },
    page: number,
    pageSize: number,
  ): Promise<{ items: Contract[]; total: number }> {
    const where = this.conditions(scope, q);
    const items = await this.db.query<Row>(
      sql`${SELECT} ${sql.where(where)} ORDER BY x.deadline ASC NULLS LAST, x.updated_at DESC, x.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    );
    const count = await this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contracts x ${sql.where(where)}`);
    return { items: items.rows.map(toContract), total: count.rows[0].n };
  }

  async *each(
    scope: ContractScope,
    q: { status?: ContractStatus[]; q?: string; type?: string; district?: string; station?: number },
  ): AsyncGenerator<Contract[]> {
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

  async figures(by: FigureBreakdown, year: number | null): Promise<{ key: string; count: number; amountFen: number; techAmountFen: number }[]> {
    const key = FIGURE_KEYS[by];
    const where: Sql[] = [sql`x.status = 'registered'`];
    if (year != null)
      where.push(
        sql`x.registered_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai') AND x.registered_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`,
      );
    const { rows } = await this.db.query<Row>(sql`
      SELECT ${key} AS key, count(*)::int AS n, coalesce(sum(x.amount_fen), 0)::bigint AS amount, coalesce(sum(x.tech_amount_fen), 0)::bigint AS tech
      FROM contracts x LEFT JOIN contract_stations s ON s.id = x.station_id ${sql.where(where)} GROUP BY 1 ORDER BY 1`);
    return rows.map((r) => ({ key: r.key, count: Number(r.n), amountFen: Number(r.amount), techAmountFen: Number(r.tech) }));
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
