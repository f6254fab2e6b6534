/**
 * Who may do what with vouchers (built on auth's shared predicates):
 *   - a city scheme is configured, and its vouchers issued, by the city administrator; a co-funded scheme of a
 *     district also by that district's administrator;
 *   - an organization's members apply for vouchers and see their wallet; nobody else's;
 *   - offices see what concerns them: the city everything, a district its schemes and its holders.
 */
import { actsFor, administersDistrict, isAdmin, isDistrictAdmin, type CurrentUser } from '../auth/index.ts';

/** Creates (districtCode null: a city scheme) or manages a scheme, and issues its vouchers. */
export const mayManageScheme = (user: CurrentUser | null, scheme: { districtCode: string | null }): boolean =>
  scheme.districtCode == null ? isAdmin(user) : administersDistrict(user, scheme.districtCode);

/** A holder's vouchers and applications: its own members, and the offices of the scheme or of the holder. */
export const maySeeHolding = (
  user: CurrentUser | null,
  holding: { holderOrgId: number; holderDistrict?: string | null; schemeDistrict?: string | null },
): boolean =>
  actsFor(user, holding.holderOrgId) ||
  isAdmin(user) ||
  (isDistrictAdmin(user) && (user!.districtCode === holding.holderDistrict || user!.districtCode === holding.schemeDistrict));

/** Applies on behalf of an organization: its members only (an office issues directly instead). */
export const mayApply = (user: CurrentUser | null): boolean => user?.role === 'org_member' && user.orgId != null;

/** A claim: the provider that submitted it, the holder it was for, the holder's district office and the city. */
export const maySeeClaim = (user: CurrentUser | null, c: { providerOrgId: number; holderOrgId: number; districtCode: string | null }): boolean =>
  actsFor(user, c.providerOrgId) || actsFor(user, c.holderOrgId) || administersDistrict(user, c.districtCode);

/** Reviews a claim: the office of the holder's district, or the city. */
export const mayReviewClaim = (user: CurrentUser | null, c: { districtCode: string | null }): boolean => administersDistrict(user, c.districtCode);

/** Payment batches go to the city's finance office: the city administrator makes and settles them. */
export const mayBatch = (user: CurrentUser | null): boolean => isAdmin(user);
