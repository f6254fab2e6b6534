/**
 * A demand as a caller sees it: the contact person and phone only for signed-in users (docs/MARKET.md);
 * for anonymous callers both are null, and `contactHidden` says there is a contact to sign in for.
 */
import type { CurrentUser } from '../../auth/index.ts';
import { mayEditListing, maySeeDemandContact } from '../policy.ts';
import type { Segment } from '../schemas.ts';
import type { Demand, DemandView } from './schemas.ts';

export function presentDemand(d: Demand, viewer: CurrentUser | null): DemandView {
  const canManage = mayEditListing(viewer, d.orgId);
  if (maySeeDemandContact(viewer)) return { ...d, contactHidden: false, canManage };
  return { ...d, contactName: null, contactPhone: null, contactHidden: !!(d.contactName || d.contactPhone), canManage };
}

export function presentDemandList<P extends { items: (Demand & { highlight: { title: Segment[]; snippet: Segment[] } })[] }>(
  page: P,
  viewer: CurrentUser | null,
) {
  return { ...page, items: page.items.map((d) => ({ ...presentDemand(d, viewer), highlight: d.highlight })) };
}
