/**
 * Who may do what with notices: everyone reads them; the city office posts city-wide ones and edits any, a district
 * office posts for its own district and edits its district's only. Organizations do not post notices.
 */
import { administersDistrict, isAdmin, isOffice, type CurrentUser } from '../auth/index.ts';

export const mayPostNotice = (user: CurrentUser | null): boolean => isOffice(user);

export const mayEditNotice = (user: CurrentUser | null, notice: { districtCode: string | null }): boolean =>
  notice.districtCode === null ? isAdmin(user) : administersDistrict(user, notice.districtCode);
