/**
 * What each caller sees. An instrument's contact person and phone are personal data: masked for
 * anonymous visitors, as the directory masks an organization's. A booking carries what the viewer may do next, so pages show only possible actions.
 */
import type { CurrentUser } from '../auth/index.ts';
import { maskPerson, maskPhone } from '../directory/index.ts';
import type { Instrument } from './repository.ts';
import type { BookingRow } from './bookings/repository.ts';
import { mayManage, sharingAdmits } from './service.ts';
import { workHours } from './bookings/service.ts';

export function presentInstrument<T extends Instrument>(i: T, viewer: CurrentUser | null) {
  return {
    ...i,
    contactName: viewer ? i.contactName : maskPerson(i.contactName ?? null),
    contactPhone: viewer ? i.contactPhone : maskPhone(i.contactPhone ?? null),
    contactMasked: !viewer,
    canManage: mayManage(viewer, i.ownerOrgId),
    // in service and its sharing mode admits the viewer (an anonymous visitor: as an outsider, once signed in)
    canBook: i.status === 'in_service' && sharingAdmits(viewer, i),
  };
}

export function presentBooking(b: BookingRow, viewer: CurrentUser, now = new Date()) {
  const owner = mayManage(viewer, b.ownerOrgId);
  const mine = b.userId === viewer.id;
  const t = now.getTime();
  const { cancelNoticeHours, priceUnit, ...rest } = b;
  const cancellable = ['pending', 'confirmed'].includes(b.status) && b.end.getTime() > t;
  return {
    ...rest,
    unit: priceUnit,
    workHours: workHours(b),
    can: {
      approve: owner && b.status === 'pending',
      decline: owner && b.status === 'pending',
      cancel: cancellable && (owner || (mine && (b.status === 'pending' || b.start.getTime() - t >= cancelNoticeHours * 3600_000))),
      checkIn: (mine || owner) && b.status === 'confirmed' && t >= b.start.getTime() - 15 * 60_000 && t < b.end.getTime(),
      checkOut: (mine || owner) && b.status === 'in_use',
      recordUsage: owner && ['confirmed', 'in_use', 'completed', 'no_show'].includes(b.status) && b.start.getTime() <= t,
    },
  };
}
