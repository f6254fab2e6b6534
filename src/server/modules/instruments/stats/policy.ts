/**
 * Who sees which sharing indicators: an organization's member those of its own organization's
 * instruments; the offices (city and district) all of them.
 */
import { actsFor, isOffice, type CurrentUser } from '../../auth/index.ts';

/**
 * The owner organization the user's figures are limited to: their own for a member (null when they ask
 * for another's: not allowed), the one asked for (or none) for an office.
 */
export function statsOwner(user: CurrentUser, requested: number | undefined): { ownerOrgId?: number } | null {
  if (isOffice(user)) return requested ? { ownerOrgId: requested } : {};
  if (!actsFor(user, user.orgId) || (requested && requested !== user.orgId)) return null;
  return { ownerOrgId: user.orgId! };
}
