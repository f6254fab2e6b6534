/**
 * Deals (技术交易), the start of trading: an organization sends an inquiry on an achievement or an
 * offer on a demand, and the two organizations talk in one thread. inquiry → negotiating (the other
 * side's first reply) → agreed (both sides agreed) | withdrawn (either side, with a reason). Every
 * step keeps its history; contract registration will start from agreed deals.
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { listHistory, recordHistory } from '../../platform/history.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { notify, type NotificationKind } from '../notifications/index.ts';
import type { CurrentUser } from '../auth/index.ts';
import { actorOf } from '../auth/index.ts';
import type { DealInput } from './schemas.ts';

type DealStatus = 'inquiry' | 'negotiating' | 'agreed' | 'withdrawn';
type Side = 'initiator' | 'counterpart';

interface DealRow {
  id: number;
  kind: 'inquiry' | 'offer';
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

const SELECT = sql.raw(`SELECT d.*, coalesce(a.title, m.title) AS subject_title, io.name AS initiator_name, co.name AS counterpart_name,
  (SELECT max(created_at) FROM deal_messages x WHERE x.deal_id = d.id) AS last_message_at
  FROM deals d LEFT JOIN achievements a ON a.id = d.achievement_id LEFT JOIN demands m ON m.id = d.demand_id
  JOIN orgs io ON io.id = d.initiator_org_id JOIN orgs co ON co.id = d.counterpart_org_id`);

function sideOf(d: Pick<DealRow, 'initiator_org_id' | 'counterpart_org_id'>, user: CurrentUser | null): Side | null {
  if (!user?.orgId || user.role !== 'org_member') return null;
  return Number(d.initiator_org_id) === user.orgId ? 'initiator' : Number(d.counterpart_org_id) === user.orgId ? 'counterpart' : null;
}

function present(d: DealRow, user: CurrentUser | null) {
  return {
    id: Number(d.id),
    kind: d.kind,
    subject: d.achievement_id ? { kind: 'achievement' as const, id: Number(d.achievement_id), title: d.subject_title } : { kind: 'demand' as const, id: Number(d.demand_id), title: d.subject_title },
    initiator: { orgId: Number(d.initiator_org_id), name: d.initiator_name },
    counterpart: { orgId: Number(d.counterpart_org_id), name: d.counterpart_name },
    status: d.status,
    agreedByInitiator: d.agreed_by_initiator,
    agreedByCounterpart: d.agreed_by_counterpart,
    withdrawnReason: d.withdrawn_reason,
    mySide: sideOf(d, user),
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    lastMessageAt: d.last_message_at,
  };
}

export class DealService {
  constructor(private readonly db: Database) {}

  /** Opens a deal, or adds the message to the organization's open thread on the same subject. */
  async open(input: DealInput, user: CurrentUser): Promise<{ id: number; created: boolean }> {
    if (user.role !== 'org_member' || !user.orgId) throw forbidden('deal.membersOnly');
    return this.db.transaction(async (tx) => {
      const subject = input.achievementId
        ? (await tx.query<{ org_id: number; status: string; title: string }>(sql`SELECT owner_org_id AS org_id, status, title FROM achievements WHERE id = ${input.achievementId}`)).rows[0]
        : (await tx.query<{ org_id: number; status: string; title: string }>(sql`SELECT org_id, status, title FROM demands WHERE id = ${input.demandId}`)).rows[0];
      const kind = input.achievementId ? 'inquiry' : 'offer';
      if (!subject || subject.status !== 'published') throw notFound(input.achievementId ? 'market.achievementNotFound' : 'market.demandNotFound');
      if (Number(subject.org_id) === user.orgId) throw conflict('deal.ownSubject');
      const { rows: inserted } = await tx.query<{ id: number }>(sql`
        INSERT INTO deals (kind, achievement_id, demand_id, initiator_org_id, counterpart_org_id, created_by)
        VALUES (${kind}, ${input.achievementId ?? null}, ${input.demandId ?? null}, ${user.orgId}, ${subject.org_id}, ${user.id})
        ON CONFLICT DO NOTHING RETURNING id`);
      let id: number;
      if (inserted[0]) {
        id = Number(inserted[0].id);
        await recordHistory(tx, { entityType: 'deal', entityId: id, action: 'open', actor: actorOf(user), before: null, after: { kind, status: 'inquiry', subject: subject.title } });
        await publishEvent(tx, { type: 'deal.opened', aggregateType: 'deal', aggregateId: id, payload: { id, kind, initiatorOrgId: user.orgId, counterpartOrgId: Number(subject.org_id) }, actorId: user.id });
        await this.notifyOrg(tx, Number(subject.org_id), 'deal.opened', id, { subject: subject.title, kindKey: `deal.kind.${kind}` });
      } else {
        const { rows } = await tx.query<{ id: number }>(sql`
          SELECT id FROM deals WHERE initiator_org_id = ${user.orgId} AND coalesce(achievement_id, 0) = ${input.achievementId ?? 0}
            AND coalesce(demand_id, 0) = ${input.demandId ?? 0} AND status IN ('inquiry','negotiating')`);
        id = Number(rows[0].id);
      }
      await this.addMessage(tx, id, input.message, user, 'initiator', !inserted[0]);
      return { id, created: !!inserted[0] };
    });
  }

  async get(id: number, user: CurrentUser) {
    const d = await this.row(this.db, id);
    if (!d || (!sideOf(d, user) && user.role !== 'admin')) throw notFound('deal.notFound');
    const { rows } = await this.db.query<{ id: number; body: string; created_at: Date; author_name: string | null; org_name: string | null; author_org_id: number | null }>(sql`
      SELECT m.id, m.body, m.created_at, u.display_name AS author_name, o.name AS org_name, m.author_org_id
      FROM deal_messages m LEFT JOIN users u ON u.id = m.author_id LEFT JOIN orgs o ON o.id = m.author_org_id
      WHERE m.deal_id = ${id} ORDER BY m.id`);
    return {
      ...present(d, user),
      messages: rows.map((m) => ({
        id: Number(m.id),
        body: m.body,
        createdAt: m.created_at,
        authorName: m.author_name,
        orgName: m.org_name,
        side: Number(m.author_org_id) === Number(d.initiator_org_id) ? ('initiator' as const) : ('counterpart' as const),
      })),
    };
  }

  async list(user: CurrentUser, statuses: string[] | undefined, page: number, pageSize: number) {
    const where = [];
    if (user.role === 'org_member') where.push(sql`(d.initiator_org_id = ${user.orgId} OR d.counterpart_org_id = ${user.orgId})`);
    else if (user.role !== 'admin') throw forbidden();
    if (statuses?.length) where.push(sql`d.status = ANY(${statuses}::text[])`);
    const [items, count] = await Promise.all([
      this.db.query<DealRow>(sql`${SELECT} ${sql.where(where)} ORDER BY d.updated_at DESC, d.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM deals d ${sql.where(where)}`),
    ]);
    return { items: items.rows.map((d) => present(d, user)), total: count.rows[0].n, page, pageSize };
  }

  async reply(id: number, body: string, user: CurrentUser) {
    await this.db.transaction(async (tx) => {
      const d = await this.lockForSide(tx, id, user);
      if (d.status === 'agreed' || d.status === 'withdrawn') throw conflict('deal.closed', { statusKey: `deal.status.${d.status}` });
      await this.addMessage(tx, id, body, user, sideOf(d, user)!);
    });
    return this.get(id, user);
  }

  async agree(id: number, user: CurrentUser) {
    await this.db.transaction(async (tx) => {
      const d = await this.lockForSide(tx, id, user);
      const side = sideOf(d, user)!;
      if (d.status === 'inquiry') throw conflict('deal.notNegotiating');
      if (d.status !== 'negotiating') throw conflict('deal.closed', { statusKey: `deal.status.${d.status}` });
      const initiator = d.agreed_by_initiator || side === 'initiator';
      const counterpart = d.agreed_by_counterpart || side === 'counterpart';
      const status: DealStatus = initiator && counterpart ? 'agreed' : 'negotiating';
      await tx.query(sql`UPDATE deals SET agreed_by_initiator = ${initiator}, agreed_by_counterpart = ${counterpart}, status = ${status}, updated_at = now() WHERE id = ${id}`);
      await recordHistory(tx, { entityType: 'deal', entityId: id, action: 'agree', actor: actorOf(user), before: { status: d.status }, after: { status, side } });
      const other = side === 'initiator' ? Number(d.counterpart_org_id) : Number(d.initiator_org_id);
      if (status === 'agreed') {
        await publishEvent(tx, { type: 'deal.agreed', aggregateType: 'deal', aggregateId: id, payload: { id, initiatorOrgId: Number(d.initiator_org_id), counterpartOrgId: Number(d.counterpart_org_id), achievementId: d.achievement_id, demandId: d.demand_id }, actorId: user.id });
      }
      await this.notifyOrg(tx, other, 'deal.agreed', id, { subject: d.subject_title, bothKey: status === 'agreed' ? 'deal.bothAgreed' : 'deal.oneAgreed' });
    });
    return this.get(id, user);
  }

  async withdraw(id: number, reason: string, user: CurrentUser) {
    await this.db.transaction(async (tx) => {
      const d = await this.lockForSide(tx, id, user);
      if (d.status === 'agreed' || d.status === 'withdrawn') throw conflict('deal.closed', { statusKey: `deal.status.${d.status}` });
      await tx.query(sql`UPDATE deals SET status = 'withdrawn', withdrawn_reason = ${reason}, updated_at = now() WHERE id = ${id}`);
      await recordHistory(tx, { entityType: 'deal', entityId: id, action: 'withdraw', actor: actorOf(user), before: { status: d.status }, after: { status: 'withdrawn', reason } });
      await publishEvent(tx, { type: 'deal.withdrawn', aggregateType: 'deal', aggregateId: id, payload: { id }, actorId: user.id });
      const other = sideOf(d, user) === 'initiator' ? Number(d.counterpart_org_id) : Number(d.initiator_org_id);
      await this.notifyOrg(tx, other, 'deal.withdrawn', id, { subject: d.subject_title, reason });
    });
    return this.get(id, user);
  }

  async history(id: number, user: CurrentUser) {
    await this.get(id, user);
    return listHistory(this.db, 'deal', id);
  }

  private async row(db: Queryable, id: number, lock = false): Promise<DealRow | null> {
    const { rows } = await db.query<DealRow>(sql`${SELECT} WHERE d.id = ${id} ${lock ? sql`FOR UPDATE OF d` : sql``}`);
    return rows[0] ?? null;
  }

  /** The deal, locked, when the user speaks for one of its two organizations (admins read only). */
  private async lockForSide(tx: Queryable, id: number, user: CurrentUser): Promise<DealRow> {
    const d = await this.row(tx, id, true);
    if (!d) throw notFound('deal.notFound');
    if (!sideOf(d, user)) throw user.role === 'admin' ? forbidden('deal.partiesOnly') : notFound('deal.notFound');
    return d;
  }

  private async addMessage(tx: Queryable, id: number, body: string, user: CurrentUser, side: Side, notifyOther = true) {
    await tx.query(sql`INSERT INTO deal_messages (deal_id, author_id, author_org_id, body) VALUES (${id}, ${user.id}, ${user.orgId}, ${body})`);
    // the other side answering turns an inquiry into a negotiation
    const { rows } = await tx.query<DealRow>(sql`
      UPDATE deals SET updated_at = now(), status = CASE WHEN status = 'inquiry' AND ${side} = 'counterpart' THEN 'negotiating' ELSE status END
      WHERE id = ${id} RETURNING *, (SELECT coalesce(a.title, m.title) FROM deals x LEFT JOIN achievements a ON a.id = x.achievement_id LEFT JOIN demands m ON m.id = x.demand_id WHERE x.id = ${id}) AS subject_title`);
    const d = rows[0];
    if (side === 'counterpart' && d.status === 'negotiating') {
      await recordHistory(tx, { entityType: 'deal', entityId: id, action: 'reply', actor: actorOf(user), before: null, after: { status: d.status } });
    }
    if (!notifyOther) return; // the opening message comes with its own notification
    const other = side === 'initiator' ? Number(d.counterpart_org_id) : Number(d.initiator_org_id);
    await this.notifyOrg(tx, other, 'deal.message', id, { subject: d.subject_title, from: user.displayName || user.username });
  }

  private async notifyOrg(tx: Queryable, orgId: number, kind: NotificationKind, dealId: number, params: Record<string, unknown>) {
    const { rows } = await tx.query<{ id: number }>(sql`SELECT id FROM users WHERE org_id = ${orgId} AND role = 'org_member' AND disabled_at IS NULL`);
    await notify(tx, rows.map((r) => Number(r.id)), kind, null, params, `/deals/${dealId}`);
  }
}
