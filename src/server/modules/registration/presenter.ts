/**
 * What callers see of claims and invitations. Claims are shown only to their registrant and to the
 * reviewing office (the routes see to it), who both may see the contact details, so nothing is masked.
 */
import type { Claim } from './repository.ts';
import type { ClaimView } from './schemas.ts';
import type { Invitation } from './invitations/repository.ts';

export const presentClaim = ({ userId: _userId, ...view }: Claim): ClaimView => view;

export const presentInvitation = (i: Invitation) => ({
  id: i.id,
  email: i.email,
  displayName: i.displayName,
  invitedByName: i.invitedByName,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
});
