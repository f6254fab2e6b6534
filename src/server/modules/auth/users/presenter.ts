import type { z } from 'zod';
import type { ManagedUserRow } from './repository.ts';
import type { ManagedUserView } from './schemas.ts';

export function toManagedUser(r: ManagedUserRow): z.infer<typeof ManagedUserView> {
  const locked = !!r.locked_until && r.locked_until > new Date();
  return {
    id: Number(r.id),
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    email: r.email,
    emailVerified: !!r.email_verified_at,
    orgId: r.org_id == null ? null : Number(r.org_id),
    districtCode: r.district_code,
    status: r.disabled_at ? 'disabled' : locked ? 'locked' : 'active',
    lockedUntil: locked ? r.locked_until : null,
    totpEnabled: !!r.totp_enabled_at,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  };
}
