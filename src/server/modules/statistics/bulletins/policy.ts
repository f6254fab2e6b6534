/**
 * Who may do what with bulletins: everybody reads the published versions (statistics are published); the city
 * office composes and publishes the city's bulletins and any district's, a district office its own district's.
 * Drafts and working copies are seen only by those who may compose them. Organizations do not compose bulletins.
 */
import { isAdmin, isDistrictAdmin, type CurrentUser } from '../../auth/index.ts';

export const mayComposeBulletin = (user: CurrentUser | null, scope: string): boolean =>
  isAdmin(user) || (isDistrictAdmin(user) && !!user?.districtCode && scope === `district:${user.districtCode}`);

/** The scopes whose bulletins the user composes: null for all of them (the city office). */
export const composableScopes = (user: CurrentUser | null): string[] | null | [] =>
  isAdmin(user) ? null : isDistrictAdmin(user) && user?.districtCode ? [`district:${user.districtCode}`] : [];

/**
 * The indicators a bulletin may cite: its own scope's; the city's bulletin also the clusters' (the city plans
 * them), a district's also the city's (a district reports against the city's figures).
 */
export const mayCite = (bulletinScope: string, indicatorScope: string): boolean =>
  indicatorScope === bulletinScope || (bulletinScope === 'chongqing' ? indicatorScope.startsWith('cluster:') : indicatorScope === 'chongqing');
