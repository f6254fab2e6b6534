/**
 * The life cycle achievements and demands share: draft → published (or in_review first when
 * MARKET_REVIEW is on) → closed, with review by the city administrator. Each step is one transaction
 * with the row locked, its history and its domain event.
 */
import type { Database } from '../../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../../platform/http/errors.ts';
import { recordHistory } from '../../../platform/history.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../../auth/index.ts';
import { mayEditListing, mayReview, maySeeListing } from '../policy.ts';
import type { ListingKind, ListingStatus } from '../schemas.ts';
import { ListingRepository } from './repository.ts';

export type ListingAction = 'publish' | 'close' | 'approve' | 'return';

/** From which statuses an action may be taken, and where it leads. */
export function nextStatus(action: ListingAction, from: ListingStatus, reviewRequired: boolean): ListingStatus | null {
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
  return db.transaction(async (tx) => {
    const repo = new ListingRepository(tx);
    const row = await repo.lockStatus(kind, id);
    if (!row || !maySeeListing(user, row.status, row.orgId)) throw notFound(`market.${kind}NotFound`);
    const { orgId } = row;
    if (action === 'approve' || action === 'return') {
      if (!mayReview(user)) throw forbidden('market.reviewAdminOnly');
    } else if (!mayEditListing(user, orgId)) throw forbidden(`market.${kind}NotOwner`);
    const to = nextStatus(action, row.status, opts.reviewRequired);
    if (!to) throw conflict('market.badTransition', { actionKey: `market.action.${action}`, statusKey: `market.status.${row.status}` });
    await repo.setStatus(kind, id, to, action === 'return', opts.reason ?? null);
    await recordHistory(tx, {
      entityType: kind,
      entityId: id,
      action,
      actor: actorOf(user),
      before: { status: row.status },
      after: { status: to, reason: opts.reason ?? null },
    });
    await publishEvent(tx, {
      type: `${kind}.${to === 'in_review' ? 'submitted' : to}`,
      aggregateType: kind,
      aggregateId: id,
      payload: { id, orgId, from: row.status, to },
      actorId: user.id,
    });
    // reviews (approve, return) and publications are decisions the audit trail keeps
    await recordAudit(tx, {
      type: `market.${kind}_${action}`,
      actor: user,
      subject: { type: kind, id },
      detail: { orgId, from: row.status, to, reason: opts.reason ?? null },
    });
    return { from: row.status, to, orgId };
  });
}
