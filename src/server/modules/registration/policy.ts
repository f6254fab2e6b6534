/**
 * Who may do what with registrations, built on auth's shared predicates:
 *   - a claim is reviewed by the office of its district: the city administrator every claim, a district
 *     administrator those of their own district (the list shows them no other);
 *   - an organization's colleagues and invitations are managed by its confirmed members (acting for it)
 *     and by the city administrator.
 */
import { administersDistrict, editsForOrg, isDistrictAdmin, isOffice, type CurrentUser } from '../auth/index.ts';

export const mayReviewClaims = (user: CurrentUser | null): boolean => isOffice(user);

export const mayReviewClaim = (user: CurrentUser | null, claim: { districtCode: string }): boolean => administersDistrict(user, claim.districtCode);

/** The one district a reviewer's list is limited to (a district administrator's own), or null for all. */
export const reviewScope = (user: CurrentUser): string | null => (isDistrictAdmin(user) ? user.districtCode : null);

export const mayManageMembers = (user: CurrentUser | null, orgId: number): boolean => editsForOrg(user, orgId);
