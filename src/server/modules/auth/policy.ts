/**
 * Who may do what, as predicates every module builds its own policy on. A module's policy.ts says
 * "may edit this listing" with these, so "acts for this organization" is defined once, here.
 */
import type { CurrentUser } from './schemas.ts';

export const isAdmin = (user: CurrentUser | null): boolean => user?.role === 'admin';

export const isDistrictAdmin = (user: CurrentUser | null): boolean => user?.role === 'district_admin';

/** A member of the organization, acting for it (its staff account). */
export const actsFor = (user: CurrentUser | null, orgId: number | null | undefined): boolean =>
  !!user && user.role === 'org_member' && orgId != null && user.orgId === orgId;

/** Edits what belongs to the organization: its own members, and the city administrator. */
export const editsForOrg = (user: CurrentUser | null, orgId: number | null | undefined): boolean => isAdmin(user) || actsFor(user, orgId);

/** Administers the district: the city administrator everywhere, a district administrator in their own. */
export const administersDistrict = (user: CurrentUser | null, districtCode: string | null | undefined): boolean =>
  isAdmin(user) || (isDistrictAdmin(user) && !!districtCode && user!.districtCode === districtCode);

/** Any office (city or district) that watches the figures. */
export const isOffice = (user: CurrentUser | null): boolean => isAdmin(user) || isDistrictAdmin(user);
