/** SQL on org_invitations. */
import { sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import { userJoin } from '../../auth/index.ts';

export interface Invitation {
  id: number;
  orgId: number;
  email: string;
  displayName: string;
  invitedByName: string | null;
  status: 'pending' | 'accepted' | 'revoked';
  createdAt: Date;
  expiresAt: Date;
}

interface Row {
  id: number;
  org_id: number;
  email: string;
  display_name: string;
  invited_by_name: string | null;
  status: Invitation['status'];
  created_at: Date;
  expires_at: Date;
}

const toInvitation = (r: Row): Invitation => ({
  id: Number(r.id),
  orgId: Number(r.org_id),
  email: r.email,
  displayName: r.display_name,
  invitedByName: r.invited_by_name,
  status: r.status,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

const SELECT = sql`SELECT i.*, b.display_name AS invited_by_name FROM org_invitations i ${userJoin('b', sql.raw('i.invited_by'), 'LEFT JOIN')}`;

export class InvitationRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): InvitationRepository {
    return new InvitationRepository(tx);
  }

  async insert(i: { orgId: number; email: string; displayName: string; invitedBy: number; expiresAt: Date }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO org_invitations (org_id, email, display_name, invited_by, expires_at)
      VALUES (${i.orgId}, ${i.email}, ${i.displayName}, ${i.invitedBy}, ${i.expiresAt}) RETURNING id`);
    return Number(rows[0].id);
  }

  async byId(id: number, lock = false): Promise<Invitation | null> {
    const { rows } = await this.db.query<Row>(sql`${SELECT} WHERE i.id = ${id} ${lock ? sql`FOR UPDATE OF i` : sql.raw('')}`);
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  /** Pending and not yet expired: the ones still worth showing and still acceptable. */
  async open(orgId: number): Promise<Invitation[]> {
    const { rows } = await this.db.query<Row>(sql`${SELECT} WHERE i.org_id = ${orgId} AND i.status = 'pending' AND i.expires_at > now() ORDER BY i.id DESC`);
    return rows.map(toInvitation);
  }

  async openForEmail(orgId: number, email: string): Promise<boolean> {
    const { rows } = await this.db.query(
      sql`SELECT 1 FROM org_invitations WHERE org_id = ${orgId} AND lower(email) = lower(${email}) AND status = 'pending' AND expires_at > now()`,
    );
    return rows.length > 0;
  }

  /** An expired pending invitation no longer blocks inviting the same address again. */
  async retireExpired(orgId: number, email: string): Promise<void> {
    await this.db.query(sql`
      UPDATE org_invitations SET status = 'revoked', decided_at = now()
      WHERE org_id = ${orgId} AND lower(email) = lower(${email}) AND status = 'pending' AND expires_at <= now()`);
  }

  async settle(id: number, status: 'accepted' | 'revoked', userId: number | null): Promise<boolean> {
    const r = await this.db.query(sql`
      UPDATE org_invitations SET status = ${status}, accepted_user_id = ${userId}, decided_at = now() WHERE id = ${id} AND status = 'pending'`);
    return (r.rowCount ?? 0) > 0;
  }
}
