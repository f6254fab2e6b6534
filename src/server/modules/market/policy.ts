/**
 * Who may do what in the market, in one place, built on auth's shared predicates: listings
 * (achievements and demands) belong to an organization, experts to their own account, deals to
 * their two organizations; the city administrator reviews and keeps the vocabulary.
 */
import { forbidden, invalid } from '../../platform/http/errors.ts';
import { actsFor, editsForOrg, isAdmin, type CurrentUser } from '../auth/index.ts';
import type { ContactHiddenReason, DealSide, ListingStatus } from './schemas.ts';

// ------------------------------------------------------------------ listings

/** Edits the listing: members of its organization and the city administrator. */
export const mayEditListing = (user: CurrentUser | null, orgId: number): boolean => editsForOrg(user, orgId);

/** Published and closed listings are public; drafts and listings in review only to those who edit them. */
export const maySeeListing = (user: CurrentUser | null, status: ListingStatus, orgId: number): boolean =>
  status === 'published' || status === 'closed' || mayEditListing(user, orgId);

/** Moves a listing to another organization: the city administrator only. */
export const mayChangeListingOrg = (user: CurrentUser | null): boolean => isAdmin(user);

/** Approves or returns what is in review: the city administrator. */
export const mayReview = (user: CurrentUser | null): boolean => isAdmin(user);

/**
 * Whose unpublished listings a list shows the viewer: everyone's (the city administrator), their own
 * organization's (its members), or none.
 */
export function unpublishedScope(user: CurrentUser | null): { all: true } | { orgId: number | null } {
  if (isAdmin(user)) return { all: true };
  return { orgId: user?.role === 'org_member' ? user.orgId : null };
}

/** Which organization a new listing belongs to: a member's own; the city administrator names it. */
export function listingOrgFor(requested: number | undefined, user: CurrentUser, path: string): number {
  if (user.role === 'org_member') {
    if (requested != null && requested !== user.orgId) throw forbidden('market.otherOrg');
    return user.orgId!;
  }
  if (!isAdmin(user)) throw forbidden();
  if (requested == null) throw invalid([{ path, key: 'field.required' }]);
  return requested;
}

/** Sees and rates a demand's matches: its organization's members (rating) and the city administrator (seeing). */
export const maySeeMatches = (user: CurrentUser | null, orgId: number): boolean => mayEditListing(user, orgId);
export const mayRateMatches = (user: CurrentUser | null, orgId: number): boolean => actsFor(user, orgId);

// ------------------------------------------------------------------ experts

/** A member registers only themself as an expert; the city administrator registers anyone. */
export const mayRegisterAnyExpert = (user: CurrentUser | null): boolean => isAdmin(user);
export const mayRegisterSelfAsExpert = (user: CurrentUser | null): boolean => user?.role === 'org_member';

/** The expert's own profile. */
export const isOwnExpert = (user: CurrentUser | null, e: { userId: number | null }): boolean => !!user && e.userId === user.id;

/** Edits an expert profile: the expert and the city administrator. */
export const mayEditExpert = (user: CurrentUser | null, e: { userId: number | null }): boolean => isOwnExpert(user, e) || isAdmin(user);

/** Links a profile to another account: the city administrator only. */
export const mayRelinkExpert = (user: CurrentUser | null): boolean => isAdmin(user);

/** Decides on showing the contact data: the expert alone. */
export const mayDecideContact = (user: CurrentUser | null, e: { userId: number | null }): boolean => isOwnExpert(user, e);

/**
 * Why a caller does not see an expert's phone and email, or null when they do: the expert sees their
 * own; others only after the expert agreed, and then only signed-in organization members.
 */
export function contactHiddenReason(e: { userId: number | null; contactConsent: boolean }, user: CurrentUser | null): ContactHiddenReason | null {
  if (isOwnExpert(user, e)) return null;
  if (!e.contactConsent) return 'no_consent';
  if (user?.role !== 'org_member') return 'sign_in';
  return null;
}

/** A demand's contact person and phone: signed-in users only. */
export const maySeeDemandContact = (user: CurrentUser | null): boolean => !!user;

// ------------------------------------------------------------------ deals

/** Opens a deal: a member, for their organization. */
export const mayOpenDeal = (user: CurrentUser | null): boolean => user?.role === 'org_member' && user.orgId != null;

/** The side of the deal the user speaks for, if any. */
export function dealSide(d: { initiatorOrgId: number; counterpartOrgId: number }, user: CurrentUser | null): DealSide | null {
  return actsFor(user, d.initiatorOrgId) ? 'initiator' : actsFor(user, d.counterpartOrgId) ? 'counterpart' : null;
}

/** Reads a deal: its two sides, and the city administrator (who does not act in it). */
export const mayReadDeal = (user: CurrentUser | null, d: { initiatorOrgId: number; counterpartOrgId: number }): boolean => !!dealSide(d, user) || isAdmin(user);

/** Lists deals: a member their organization's, the city administrator all. */
export function dealScope(user: CurrentUser): { all: true } | { orgId: number } {
  if (user.role === 'org_member' && user.orgId != null) return { orgId: user.orgId };
  if (isAdmin(user)) return { all: true };
  throw forbidden();
}

/** Whether a refusal to act in a deal is a 403 (the administrator may read it) or a 404 (not theirs). */
export const dealReadOnly = (user: CurrentUser | null): boolean => isAdmin(user);

// ------------------------------------------------------------------ vocabulary

/** Edits the tech fields and the synonym list: the city administrator. */
export const mayEditVocabulary = (user: CurrentUser | null): boolean => isAdmin(user);

/** Registers listings (achievements, demands) and expert profiles: staff of an organization, or the city admin for one. */
export const mayWriteListings = (user: CurrentUser | null): boolean => isAdmin(user) || user?.role === 'org_member';

/** Rates match results: the demand's organization (checked per demand by mayRateMatches) or the city admin. */
export const mayGiveMatchFeedback = (user: CurrentUser | null): boolean => isAdmin(user) || user?.role === 'org_member';
