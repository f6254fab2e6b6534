/**
 * Who may subscribe to what. An admin may subscribe to every event type; an organization (its members,
 * acting for it) only to event types that carry organization ids in their payload, and receives only the
 * events that name its own id there. The catalogue below says, per event type, which payload fields name
 * the organizations an event is about (found from the modules' publishEvent calls); a type without any is
 * the administrators' only.
 */
import { actsFor, isAdmin, type CurrentUser } from '../auth/index.ts';

type OrgPaths = readonly (readonly string[])[];
const BOOKING: OrgPaths = [['ownerOrgId'], ['userOrgId']];
const LISTING: OrgPaths = [['orgId']];
const DEAL: OrgPaths = [['initiatorOrgId'], ['counterpartOrgId']];
const NONE: OrgPaths = [];

/** Every subscribable event type, in the order the page lists them, with the payload paths naming organizations. */
export const EVENT_CATALOGUE: Record<string, OrgPaths> = {
  'booking.requested': BOOKING,
  'booking.confirmed': BOOKING,
  'booking.declined': BOOKING,
  'booking.cancelled': BOOKING,
  'booking.usageRecorded': BOOKING,
  'booking.expired': NONE,
  'booking.noShow': NONE,
  'instrument.created': [['ownerOrgId']],
  'instrument.updated': NONE,
  'org.created': [['id']],
  'org.updated': [['after', 'id']],
  'achievement.created': [['ownerOrgId']],
  'achievement.submitted': LISTING,
  'achievement.published': LISTING,
  'achievement.draft': LISTING,
  'achievement.closed': LISTING,
  'demand.created': LISTING,
  'demand.submitted': LISTING,
  'demand.published': LISTING,
  'demand.draft': LISTING,
  'demand.closed': LISTING,
  'deal.opened': DEAL,
  'deal.agreed': DEAL,
  'deal.withdrawn': NONE,
  'publication.published': NONE,
  'bulletin.published': NONE,
  'bulletin.corrected': NONE,
};
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE);

/** The organizations an event is about, read from its payload. */
export function orgsOfEvent(type: string, payload: Record<string, unknown>): number[] {
  const ids: number[] = [];
  for (const path of EVENT_CATALOGUE[type] ?? NONE) {
    let v: unknown = payload;
    for (const key of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    if (v != null && Number.isFinite(Number(v))) ids.push(Number(v));
  }
  return ids;
}

/** The owner of a subscription: the platform (orgId null, administrators) or one organization. */
export interface SubscriptionOwner {
  orgId: number | null;
}

/** Who may create and manage webhooks at all: administrators, and members acting for their organization. */
export const mayUseWebhooks = (user: CurrentUser): boolean => isAdmin(user) || (user.role === 'org_member' && user.orgId != null);

/** The owner a new subscription gets: an admin's is the platform's, a member's is the organization's. */
export const ownerFor = (user: CurrentUser): SubscriptionOwner => ({ orgId: isAdmin(user) ? null : user.orgId });

/** May manage (see, change, delete) a subscription: admins every one, members their organization's. */
export const mayManage = (user: CurrentUser, owner: SubscriptionOwner): boolean => isAdmin(user) || (owner.orgId != null && actsFor(user, owner.orgId));

/** Event types a caller may subscribe to. */
export function visibleEventTypes(user: CurrentUser): string[] {
  if (isAdmin(user)) return EVENT_TYPES;
  if (!mayUseWebhooks(user)) return [];
  return EVENT_TYPES.filter((t) => EVENT_CATALOGUE[t].length > 0);
}

/** May the owner of a subscription see this event (checked again for every event, not only at subscribing). */
export function ownerMaySee(owner: SubscriptionOwner, type: string, payload: Record<string, unknown>): boolean {
  if (owner.orgId == null) return true;
  return orgsOfEvent(type, payload).includes(owner.orgId);
}
