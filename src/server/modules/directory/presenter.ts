/**
 * What each caller may see of an organization. Contact phone, email and person are personal data:
 * anonymous visitors of the public portal see them masked.
 */
import type { CurrentUser } from '../auth/index.ts';
import type { Org, OrgView } from './schemas.ts';
import { maySeeContacts } from './policy.ts';

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${phone.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}

export function maskPerson(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export function presentOrg(org: Org, viewer: CurrentUser | null): OrgView {
  if (maySeeContacts(viewer)) return { ...org, contactMasked: false };
  return {
    ...org,
    contactPerson: maskPerson(org.contactPerson),
    contactPhone: maskPhone(org.contactPhone),
    contactEmail: maskEmail(org.contactEmail),
    contactMasked: true,
  };
}
