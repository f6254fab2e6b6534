/**
 * Who reads the audit trail: the city administrator all of it, a district administrator the entries
 * that concern their district. Only the city administrator verifies the chain. Nobody edits it: there
 * is no write route at all, and the table refuses UPDATE and DELETE (platform/audit).
 */
import { isAdmin, isOffice, type CurrentUser } from '../auth/index.ts';

export const mayReadAudit = (user: CurrentUser | null) => isOffice(user);
export const mayVerifyAudit = (user: CurrentUser | null) => isAdmin(user);

/** The district a reader is held to (null: all). */
export const auditScope = (user: CurrentUser): string | null => (isAdmin(user) ? null : user.districtCode);
