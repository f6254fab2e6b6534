/**
 * The booking rules that are plain functions of their data: who needs the owner's approval, work
 * hours from recorded use, the settings (BOOKING_* in config) and how times are written in messages.
 */
import type { CurrentUser } from '../../auth/index.ts';
import { isInternalUser } from '../policy.ts';
import type { Instrument } from '../repository.ts';
import type { BookingRow } from './repository.ts';
import type { BookingStatus } from './schemas.ts';

export interface BookingRules {
  /** how long an unanswered request holds its slot */
  pendingTtlHours: number;
  /** after this many minutes past the start without a check-in, a booking is a no-show and its slot free */
  noShowGraceMinutes: number;
  /** how long before the start the reminder goes out */
  reminderHours: number;
}

/** Requests for these need the owner's approval: by arrangement always; otherwise as the owner set it, for outsiders. */
export function needsApproval(instrument: Instrument, user: CurrentUser): boolean {
  if (instrument.sharingMode === 'arrangement') return true;
  return instrument.needsApproval && !isInternalUser(user, instrument);
}

export function workHours(b: Pick<BookingRow, 'actualStart' | 'actualEnd'>): number | null {
  if (!b.actualStart || !b.actualEnd) return null;
  return round2((b.actualEnd.getTime() - b.actualStart.getTime()) / 3600_000);
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A time as messages name it: Beijing time, 2026-11-24 09:00. */
export const shanghaiTime = (d: Date) => SHANGHAI.format(d).replace(/\//g, '-');

export const round2 = (n: number) => Math.round(n * 100) / 100;
export const yuan = (fen: number) => (fen / 100).toFixed(2);

/** A booking's status as a message parameter: its name in the caller's language (booking.statusName.*). */
export const statusParam = (b: { status: BookingStatus }) => ({ statusKey: `booking.statusName.${b.status}` });
