import type { Actor } from '../../platform/history.ts';

export type Role = 'admin' | 'district_admin' | 'org_member';
export const ROLES: Role[] = ['admin', 'district_admin', 'org_member'];

/** The signed-in user as the rest of the server sees it. Anonymous callers have none. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number | null;
  districtCode: string | null;
}

/** The user as history records them: every module's changes name their author the same way. */
export const actorOf = (user: CurrentUser): Actor => ({ id: user.id, name: user.displayName || user.username });
