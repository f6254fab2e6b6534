/**
 * What each caller sees of an instrument. Its contact person and phone are personal data: masked for
 * anonymous visitors, as the directory masks an organization's. The view carries what the viewer may
 * do (`canManage`, `canBook`), so pages show only possible actions. The iCalendar feed names no booker.
 */
import type { CurrentUser } from '../auth/index.ts';
import { maskPerson, maskPhone } from '../directory/index.ts';
import { translate, type Locale } from '../../platform/http/i18n.ts';
import type { Instrument } from './repository.ts';
import type { InstrumentCalendar } from './catalogue/repository.ts';
import { mayManageInstrument, sharingAdmits } from './policy.ts';
import { icsCalendar } from './calendar.ts';
import type { InstrumentView } from './schemas.ts';

export function presentInstrument<T extends Instrument>(i: T, viewer: CurrentUser | null): T & InstrumentView {
  return {
    ...i,
    contactName: viewer ? i.contactName : maskPerson(i.contactName ?? null),
    contactPhone: viewer ? i.contactPhone : maskPhone(i.contactPhone ?? null),
    contactMasked: !viewer,
    canManage: mayManageInstrument(viewer, i),
    // in service and its sharing mode admits the viewer (an anonymous visitor: as an outsider, once signed in)
    canBook: i.status === 'in_service' && sharingAdmits(viewer, i),
  } as T & InstrumentView;
}

/** The instrument's taken slots (tentative while pending) and blackouts as an iCalendar feed. */
export function presentInstrumentFeed({ instrument, calendar }: { instrument: Instrument; calendar: InstrumentCalendar }, locale: Locale): string {
  const location = [instrument.address, instrument.room].filter(Boolean).join(' ') || undefined;
  const events = [
    ...calendar.busy.map((b) => ({
      uid: `booking-${b.bookingId}@kefutong`,
      start: b.start,
      end: b.end,
      summary: translate(locale, 'instrument.calendar.taken', { instrument: instrument.name }),
      status: b.status === 'pending' ? ('TENTATIVE' as const) : ('CONFIRMED' as const),
      location,
    })),
    ...calendar.closed.map((c, n) => ({
      uid: `closed-${instrument.id}-${c.start.getTime()}-${n}@kefutong`,
      start: c.start,
      end: c.end,
      summary: c.reason
        ? translate(locale, 'instrument.calendar.closedFor', { instrument: instrument.name, reason: c.reason })
        : translate(locale, 'instrument.calendar.closed', { instrument: instrument.name }),
    })),
  ];
  return icsCalendar(instrument.name, events);
}
