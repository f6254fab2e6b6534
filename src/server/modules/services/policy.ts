/**
 * Who may do what with services, in one place, built on auth's shared predicates:
 *   - a service is published and edited (withdrawn, republished) by the members of its provider
 *     organization and by the city administrator (`editsForOrg`);
 *   - only the city administrator names another provider than their own organization;
 *   - everybody, signed in or not, reads the catalogue; withdrawn services are listed only to those who
 *     may edit them (a withdrawn service's own page stays readable: orders refer to it).
 */
import { actsFor, editsForOrg, isAdmin, type CurrentUser } from '../auth/index.ts';

/** Edits (and withdraws) the service. */
export const mayEditService = (user: CurrentUser | null, s: { providerOrgId: number }): boolean => editsForOrg(user, s.providerOrgId);

/** May publish services at all: an organization's member (for it) or the city administrator (for any). */
export const mayPublishServices = (user: CurrentUser | null): boolean => isAdmin(user) || (!!user && actsFor(user, user.orgId));

/** May publish for a provider other than one's own organization. */
export const mayChooseProvider = (user: CurrentUser | null): boolean => isAdmin(user);
