/**
 * Who may do what with indicators: everybody reads them (statistics are published); the city office edits any
 * indicator and enters any figure, a district office those of its own district's scope (its own plan's targets).
 */
import { isAdmin, isDistrictAdmin, type CurrentUser } from '../auth/index.ts';

export const mayEditIndicator = (user: CurrentUser | null, scope: string): boolean =>
  isAdmin(user) || (isDistrictAdmin(user) && !!user?.districtCode && scope === `district:${user.districtCode}`);

export const mayAddIndicatorIn = mayEditIndicator;
