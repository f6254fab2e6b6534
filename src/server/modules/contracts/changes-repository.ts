/** SQL on the requests to amend or cancel a registered contract (contract_changes, this module's table). */
import type { Queryable } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';

// biome-ignore lint/suspicious/noExplicitAny: a row as the driver gives it
type Row = Record<string, any>;

/** the fields an amendment may change (changes.ts AMENDABLE) */
export type Amendable =
  | 'projectName'
  | 'validFrom'
  | 'validUntil'
  | 'amountFen'
  | 'techAmountFen'
  | 'equipmentFen'
  | 'partsFen'
  | 'materialsFen'
  | 'techField'
  | 'ipType'
  | 'planSource'
  | 'newInvestmentFen'
  | 'newOutputFen';

export interface ContractChangeRequest {
  id: number;
  contractId: number;
  kind: 'amend' | 'cancel';
  status: 'pending' | 'approved' | 'rejected';
  changes: Partial<Record<Amendable, unknown>> | null;
  before: Partial<Record<Amendable, unknown>> | null;
  reason: string;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
}

const toChange = (r: Row): ContractChangeRequest => ({
  id: Number(r.id),
  contractId: Number(r.contract_id),
  kind: r.kind,
  status: r.status,
  changes: r.changes ?? null,
  before: r.before ?? null,
  reason: r.reason,
  requestedAt: r.requested_at,
  decidedAt: r.decided_at ?? null,
  decisionNote: r.decision_note ?? null,
});

export class ContractChangeRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): ContractChangeRepository {
    return new ContractChangeRepository(tx);
  }

  /** A new pending request; null when one is already open (the partial unique index decides, also under races). */
  async insert(c: { contractId: number; kind: 'amend' | 'cancel'; changes: unknown; reason: string; by: number | null }): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO contract_changes (contract_id, kind, changes, reason, requested_by)
      VALUES (${c.contractId}, ${c.kind}, ${c.changes == null ? null : JSON.stringify(c.changes)}::jsonb, ${c.reason}, ${c.by})
      ON CONFLICT (contract_id) WHERE status = 'pending' DO NOTHING RETURNING id`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async find(contractId: number, id: number, lock = false): Promise<ContractChangeRequest | null> {
    const { rows } = await this.db.query<Row>(
      sql`SELECT * FROM contract_changes WHERE id = ${id} AND contract_id = ${contractId} ${lock ? sql`FOR UPDATE` : sql``}`,
    );
    return rows[0] ? toChange(rows[0]) : null;
  }

  async list(contractId: number): Promise<ContractChangeRequest[]> {
    const { rows } = await this.db.query<Row>(sql`SELECT * FROM contract_changes WHERE contract_id = ${contractId} ORDER BY id DESC`);
    return rows.map(toChange);
  }

  async decide(id: number, d: { status: 'approved' | 'rejected'; before: unknown; note: string | null; by: number | null }): Promise<void> {
    await this.db.query(sql`
      UPDATE contract_changes SET status = ${d.status}, before = ${d.before == null ? null : JSON.stringify(d.before)}::jsonb,
        decision_note = ${d.note}, decided_by = ${d.by}, decided_at = now()
      WHERE id = ${id}`);
  }
}
