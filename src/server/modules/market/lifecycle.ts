/**
 * The life cycle achievements and demands share: draft → published (or in_review first when
 * MARKET_REVIEW is on) → closed, who may act on a listing, and who may see it. Each step is one
 * transaction with the row locked, its history and its domain event.
 */
import { sql, type Sql } from '../../platform/db/sql.ts';
import type { Database } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { recordHistory } from '../../platform/history.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { CurrentUser } from '../auth/index.ts';
import { actorOf } from '../auth/index.ts';
import type { ListingStatus } from './schemas.ts';

export type ListingKind = 'achievement' | 'demand';
const TABLE = { achievement: { table: 'achievements', org: 'owner_org_id' }, demand: { table: 'demands', org: 'org_id' } } as const;

/** Members of the listing's organization and city admins. */
export function mayEditListing(user: CurrentUser | null, orgId: number): boolean {
  return !!user && (user.role === 'admin' || (user.role === 'org_member' && user.orgId === orgId));
}

/** Published and closed listings are public; drafts and listings in review only to those who edit them. */
export function maySeeListing(user: CurrentUser | null, status: ListingStatus, orgId: number): boolean {
  return status === 'published' || status === 'closed' || mayEditListing(user, orgId);
}

/**
 * The conditions of a list query for the statuses asked for: published ones for everybody, drafts
 * and those in review only of the user's own organization (admins: all).
 */
export function visibleListings(alias: string, orgColumn: string, statuses: ListingStatus[] | undefined, user: CurrentUser | null): Sql[] {
  const wanted = statuses?.length ? statuses : ['published'];
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  const where = [sql`${col('status')} = ANY(${wanted}::text[])`];
  if (wanted.some((s) => s === 'draft' || s === 'in_review') && user?.role !== 'admin') {
    where.push(user?.role === 'org_member' ? sql`(${col('status')} IN ('published','closed') OR ${col(orgColumn)} = ${user.orgId})` : sql`${col('status')} IN ('published','closed')`);
  }
  return where;
}

export type ListingAction = 'publish' | 'close' | 'approve' | 'return';

/** From which statuses an action may be taken, and where it leads. */
function nextStatus(action: ListingAction, from: ListingStatus, reviewRequired: boolean): ListingStatus | null {
  switch (action) {
    case 'publish':
      return from === 'draft' || from === 'closed' ? (reviewRequired ? 'in_review' : 'published') : null;
    case 'close':
      return from === 'closed' ? null : 'closed';
    case 'approve':
      return from === 'in_review' ? 'published' : null;
    case 'return':
      return from === 'in_review' ? 'draft' : null;
  }
}

export async function transitionListing(
  db: Database,
  kind: ListingKind,
  id: number,
  action: ListingAction,
  user: CurrentUser,
  opts: { reviewRequired: boolean; reason?: string },
): Promise<{ from: ListingStatus; to: ListingStatus; orgId: number }> {
  const t = TABLE[kind];
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ status: ListingStatus; org_id: number }>(
      sql`SELECT status, ${sql.raw(t.org)} AS org_id FROM ${sql.raw(t.table)} WHERE id = ${id} FOR UPDATE`,
    );
    const row = rows[0];
    if (!row || !maySeeListing(user, row.status, Number(row.org_id))) throw notFound(`market.${kind}NotFound`);
    const orgId = Number(row.org_id);
    if (action === 'approve' || action === 'return') {
      if (user.role !== 'admin') throw forbidden('market.reviewAdminOnly');
    } else if (!mayEditListing(user, orgId)) throw forbidden(`market.${kind}NotOwner`);
    const to = nextStatus(action, row.status, opts.reviewRequired);
    if (!to) throw conflict('market.badTransition', { actionKey: `market.action.${action}`, statusKey: `market.status.${row.status}` });
    await tx.query(sql`
      UPDATE ${sql.raw(t.table)} SET status = ${to}, updated_at = now(), version = version + 1,
        published_at = CASE WHEN ${to} = 'published' THEN now() ELSE published_at END,
        closed_at = CASE WHEN ${to} = 'closed' THEN now() ELSE closed_at END,
        review_note = CASE WHEN ${action} = 'return' THEN ${opts.reason ?? null} WHEN ${to} = 'published' THEN NULL ELSE review_note END
      WHERE id = ${id}`);
    await recordHistory(tx, { entityType: kind, entityId: id, action, actor: actorOf(user), before: { status: row.status }, after: { status: to, reason: opts.reason ?? null } });
    await publishEvent(tx, { type: `${kind}.${to === 'in_review' ? 'submitted' : to}`, aggregateType: kind, aggregateId: id, payload: { id, orgId, from: row.status, to }, actorId: user.id });
    return { from: row.status, to, orgId };
  });
}
