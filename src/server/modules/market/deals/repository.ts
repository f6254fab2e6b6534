/**
 * SQL on deals and their messages. The organizations' names come from the directory's fragment
 * (orgJoin), a message author's name from auth's (userJoin); the subject's title from the market's own
 * achievements and demands.
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import { orgJoin } from '../../directory/index.ts';
import { userJoin } from '../../auth/index.ts';
import type { DealKind, DealSide, DealStatus, ListingStatus } from '../schemas.ts';
import type { Deal, DealMessage } from './schemas.ts';

interface DealRow {
  id: number;
  kind: DealKind;
  achievement_id: number | null;
  demand_id: number | null;
  subject_title: string;
  initiator_org_id: number;
  initiator_name: string;
  counterpart_org_id: number;
  counterpart_name: string;
  status: DealStatus;
  agreed_by_initiator: boolean;
  agreed_by_counterpart: boolean;
  withdrawn_reason: string | null;
  created_at: Date;
  updated_at: Date;
  last_message_at: Date | null;
}

const SELECT = sql`SELECT d.*, coalesce(a.title, m.title) AS subject_title, io.name AS initiator_name, co.name AS counterpart_name,
  (SELECT max(created_at) FROM deal_messages x WHERE x.deal_id = d.id) AS last_message_at
  FROM deals d LEFT JOIN achievements a ON a.id = d.achievement_id LEFT JOIN demands m ON m.id = d.demand_id
  ${orgJoin('io', sql.raw('d.initiator_org_id'))} ${orgJoin('co', sql.raw('d.counterpart_org_id'))}`;

const n = (v: unknown) => (v == null ? null : Number(v));

function toDeal(r: DealRow): Deal {
  return {
    id: Number(r.id),
    kind: r.kind,
    achievementId: n(r.achievement_id),
    demandId: n(r.demand_id),
    subjectTitle: r.subject_title,
    initiatorOrgId: Number(r.initiator_org_id),
    initiatorName: r.initiator_name,
    counterpartOrgId: Number(r.counterpart_org_id),
    counterpartName: r.counterpart_name,
    status: r.status,
    agreedByInitiator: r.agreed_by_initiator,
    agreedByCounterpart: r.agreed_by_counterpart,
    withdrawnReason: r.withdrawn_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastMessageAt: r.last_message_at,
  };
}

export class DealRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): DealRepository {
    return new DealRepository(tx);
  }

  /** What a deal is about: the listing's organization, status and title. */
  async subject(s: { achievementId?: number; demandId?: number }): Promise<{ orgId: number; status: ListingStatus; title: string } | null> {
    const { rows } = await this.db.query<{ org_id: number; status: ListingStatus; title: string }>(
      s.achievementId
        ? sql`SELECT owner_org_id AS org_id, status, title FROM achievements WHERE id = ${s.achievementId}`
        : sql`SELECT org_id, status, title FROM demands WHERE id = ${s.demandId}`,
    );
    return rows[0] ? { orgId: Number(rows[0].org_id), status: rows[0].status, title: rows[0].title } : null;
  }

  /** A new deal, or null when the organization already has an open one on the subject (a unique index). */
  async insert(d: {
    kind: DealKind;
    achievementId: number | null;
    demandId: number | null;
    initiatorOrgId: number;
    counterpartOrgId: number;
    createdBy: number;
  }): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO deals (kind, achievement_id, demand_id, initiator_org_id, counterpart_org_id, created_by)
      VALUES (${d.kind}, ${d.achievementId}, ${d.demandId}, ${d.initiatorOrgId}, ${d.counterpartOrgId}, ${d.createdBy})
      ON CONFLICT DO NOTHING RETURNING id`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  /** The organization's open deal on the subject. */
  async openThread(initiatorOrgId: number, s: { achievementId?: number; demandId?: number }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      SELECT id FROM deals WHERE initiator_org_id = ${initiatorOrgId} AND coalesce(achievement_id, 0) = ${s.achievementId ?? 0}
        AND coalesce(demand_id, 0) = ${s.demandId ?? 0} AND status IN ('inquiry','negotiating')`);
    return Number(rows[0].id);
  }

  async find(id: number, lock = false): Promise<Deal | null> {
    const { rows } = await this.db.query<DealRow>(sql`${SELECT} WHERE d.id = ${id} ${lock ? sql`FOR UPDATE OF d` : sql``}`);
    return rows[0] ? toDeal(rows[0]) : null;
  }

  async messages(id: number): Promise<DealMessage[]> {
    const { rows } = await this.db.query<{
      id: number;
      body: string;
      created_at: Date;
      author_name: string | null;
      org_name: string | null;
      author_org_id: number | null;
    }>(sql`
      SELECT m.id, m.body, m.created_at, u.display_name AS author_name, o.name AS org_name, m.author_org_id
      FROM deal_messages m ${userJoin('u', sql.raw('m.author_id'), 'LEFT JOIN')} ${orgJoin('o', sql.raw('m.author_org_id'), 'LEFT JOIN')}
      WHERE m.deal_id = ${id} ORDER BY m.id`);
    return rows.map((m) => ({
      id: Number(m.id),
      body: m.body,
      createdAt: m.created_at,
      authorName: m.author_name,
      orgName: m.org_name,
      authorOrgId: n(m.author_org_id),
    }));
  }

  async list(
    scope: { all: true } | { orgId: number },
    statuses: DealStatus[] | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: Deal[]; total: number }> {
    const where: Sql[] = [];
    if (!('all' in scope)) where.push(sql`(d.initiator_org_id = ${scope.orgId} OR d.counterpart_org_id = ${scope.orgId})`);
    if (statuses?.length) where.push(sql`d.status = ANY(${statuses}::text[])`);
    const [items, count] = await Promise.all([
      this.db.query<DealRow>(sql`${SELECT} ${sql.where(where)} ORDER BY d.updated_at DESC, d.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM deals d ${sql.where(where)}`),
    ]);
    return { items: items.rows.map(toDeal), total: count.rows[0].n };
  }

  /**
   * A message, and the deal touched: the other side answering turns an inquiry into a negotiation.
   * Returns the deal's status, organizations and subject after it.
   */
  async addMessage(
    id: number,
    m: { authorId: number; authorOrgId: number | null; body: string },
    side: DealSide,
  ): Promise<{ status: DealStatus; initiatorOrgId: number; counterpartOrgId: number; subjectTitle: string }> {
    await this.db.query(sql`INSERT INTO deal_messages (deal_id, author_id, author_org_id, body) VALUES (${id}, ${m.authorId}, ${m.authorOrgId}, ${m.body})`);
    const { rows } = await this.db.query<DealRow>(sql`
      UPDATE deals SET updated_at = now(), status = CASE WHEN status = 'inquiry' AND ${side} = 'counterpart' THEN 'negotiating' ELSE status END
      WHERE id = ${id} RETURNING *, (SELECT coalesce(a.title, m.title) FROM deals x LEFT JOIN achievements a ON a.id = x.achievement_id LEFT JOIN demands m ON m.id = x.demand_id WHERE x.id = ${id}) AS subject_title`);
    const d = rows[0];
    return { status: d.status, initiatorOrgId: Number(d.initiator_org_id), counterpartOrgId: Number(d.counterpart_org_id), subjectTitle: d.subject_title };
  }

  async setAgreement(id: number, initiator: boolean, counterpart: boolean, status: DealStatus): Promise<void> {
    await this.db.query(
      sql`UPDATE deals SET agreed_by_initiator = ${initiator}, agreed_by_counterpart = ${counterpart}, status = ${status}, updated_at = now() WHERE id = ${id}`,
    );
  }

  async withdraw(id: number, reason: string): Promise<void> {
    await this.db.query(sql`UPDATE deals SET status = 'withdrawn', withdrawn_reason = ${reason}, updated_at = now() WHERE id = ${id}`);
  }
}
