/**
 * Who may do what in surveys. Offices (city, district) keep the forms and launch rounds — a district office for its
 * own district only; an organization's members fill its own filings; the district office of the organization's
 * district reviews them (the city office those of organizations without a district), and the city sees every
 * district's progress. Nobody else sees a filing: its figures are the organization's business data.
 */
import { actsFor, administersDistrict, isAdmin, isDistrictAdmin, isOffice, type CurrentUser } from '../auth/index.ts';

export const mayManageForms = (user: CurrentUser | null): boolean => isOffice(user);

/** The city launches anywhere (districtCode null: city-wide), a district office in its own district. */
export const mayLaunchIn = (user: CurrentUser | null, districtCode: string | null): boolean =>
  isAdmin(user) || (isDistrictAdmin(user) && !!districtCode && user!.districtCode === districtCode);

/** Rounds an office watches: the city every round, a district office the city's and its own (its district's part). */
export const maySeeRound = (user: CurrentUser | null, round: { district_code: string | null }): boolean =>
  isAdmin(user) || (isDistrictAdmin(user) && (round.district_code === null || round.district_code === user!.districtCode));

export const mayFile = (user: CurrentUser | null, filing: { org_id: number }): boolean => actsFor(user, filing.org_id);

export const mayReview = (user: CurrentUser | null, filing: { district_code: string | null }): boolean =>
  filing.district_code === null ? isAdmin(user) : isDistrictAdmin(user) && user!.districtCode === filing.district_code;

export const maySeeFiling = (user: CurrentUser | null, filing: { org_id: number; district_code: string | null }): boolean =>
  actsFor(user, filing.org_id) || administersDistrict(user, filing.district_code) || (isAdmin(user) && filing.district_code === null);

/** The district whose filings a district office's lists are limited to; null for the city (all of them). */
export const districtOfOffice = (user: CurrentUser): string | null => (isDistrictAdmin(user) ? user.districtCode : null);
