/**
 * Who may do what with instruments, in one place, built on auth's shared predicates:
 *   - an instrument is managed (edited, its calendar, qualifications, photos, bookings decided) by the
 *     members of its owner organization and by the city administrator (`editsForOrg`);
 *   - instruments are registered by organization members (for their own organization) and the city
 *     administrator (who names the owner); only the city administrator moves one to another owner;
 *   - the instrument classes are reference data of the city administrator;
 *   - a members-only instrument is booked by its owner's members only; an anonymous visitor counts
 *     as an outsider (what they could book once signed in).
 */
import { actsFor, editsForOrg, isAdmin, type CurrentUser } from '../auth/index.ts';
import type { SharingMode } from './schemas.ts';

type Owned = { ownerOrgId: number };

/** Edits the instrument, its calendar, qualifications and photos; decides its bookings. */
export const mayManageInstrument = (user: CurrentUser | null, instrument: Owned): boolean => editsForOrg(user, instrument.ownerOrgId);

/** May register instruments at all: an organization's member (for it) or the city administrator (for any). */
export const mayRegisterInstruments = (user: CurrentUser | null): boolean => isAdmin(user) || (!!user && actsFor(user, user.orgId));

/** May register or move an instrument for an organization other than one's own. */
export const mayChooseOwner = (user: CurrentUser | null): boolean => isAdmin(user);

/** Adds or renames instrument classes. */
export const mayEditClasses = (user: CurrentUser | null): boolean => isAdmin(user);

/** Does the instrument's sharing mode let the viewer book it? */
export const sharingAdmits = (viewer: CurrentUser | null, i: Owned & { sharingMode: SharingMode }): boolean =>
  i.sharingMode !== 'members' || (!!viewer && viewer.orgId === i.ownerOrgId);

/** A booking by one of the owner's own users is internal: the internal price, no approval unless asked, no training. */
export const isInternalUser = (user: CurrentUser | null, instrument: Owned): boolean => !!user && user.orgId === instrument.ownerOrgId;
