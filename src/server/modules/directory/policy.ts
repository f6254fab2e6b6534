/**
 * Who may do what in the directory, in one place (built on auth's shared predicates):
 *   - the city administrator manages every organization; a district administrator those registered in
 *     their district (before and after an edit: nobody moves an organization out of their own reach);
 *   - offices (city and district) import; only the city publishes lists;
 *   - a signed-in caller sees contact details; an anonymous visitor sees them masked.
 */
import { administersDistrict, isAdmin, isOffice, type CurrentUser } from '../auth/index.ts';

/** May create or edit an organization registered in this district. */
export const mayManageOrgIn = (user: CurrentUser | null, districtCode: string | null): boolean => administersDistrict(user, districtCode);

/** May manage some organizations at all (the create and edit pages, the import). */
export const mayManageOrgs = (user: CurrentUser | null): boolean => isOffice(user);

export const mayImport = (user: CurrentUser | null): boolean => isOffice(user);

/** An import job is seen by the one who started it, and by the city administrator. */
export const maySeeImport = (user: CurrentUser, job: { createdBy: number | null }): boolean => isAdmin(user) || job.createdBy === user.id;

export const mayPublish = (user: CurrentUser | null): boolean => isAdmin(user);

/** Change history: signed-in staff of the platform's organizations and the offices. */
export const maySeeHistory = (user: CurrentUser | null): boolean => !!user;

/** Contact person, phone and email are personal data: shown to signed-in callers, masked for the public. */
export const maySeeContacts = (viewer: CurrentUser | null): boolean => !!viewer;
