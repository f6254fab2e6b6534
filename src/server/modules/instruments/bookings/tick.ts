/**
 * The time-driven steps (the jobs' tick): unanswered requests expire, confirmed bookings not checked
 * in after the grace period become no-shows (freeing their slots), reminders go out. Safe to run in
 * many processes at once (SKIP LOCKED).
 */
import { publishEvent } from '../../../platform/events/outbox.ts';
import { notify } from '../../notifications/index.ts';
import { shanghaiTime } from './rules.ts';
import { notifyExpired, type BookingContext } from './context.ts';

/** The reminder lead for a booking confirmed after the normal lead had begun. */
const SHORT_REMINDER_LEAD_HOURS = 2;

export async function tick(ctx: BookingContext): Promise<{ expired: number; noShows: number; reminders: number }> {
  return ctx.db.transaction(async (tx) => {
    const repo = ctx.repo.with(tx);
    const expired = await repo.expireStale([]);
    await notifyExpired(tx, expired);
    const noShows = await repo.markNoShows(ctx.rules.noShowGraceMinutes);
    for (const n of noShows) {
      await publishEvent(tx, { type: 'booking.noShow', aggregateType: 'booking', aggregateId: n.id, payload: { id: n.id, instrumentId: n.instrumentId } });
      await notify(tx, [n.userId], 'booking.noShow', n.id, {});
    }
    // Reminders: `lead` ahead (BOOKING_REMINDER_HOURS) for a booking confirmed before then. One confirmed later —
    // booked at 17:00 for 09:00 tomorrow — has just been told of its confirmation, so a reminder at once (as
    // there was) only repeats it with a misleading "即将开始" 16 hours ahead: it is reminded SHORT_LEAD ahead
    // instead, unless it was confirmed even later than that. Leads are seconds: make_interval's hours are whole.
    const lead = ctx.rules.reminderHours * 3600;
    const short = Math.min(lead, SHORT_REMINDER_LEAD_HOURS * 3600);
    const due = await repo.takeDueReminders(lead, short);
    for (const r of due) await notify(tx, [r.userId], 'booking.reminder', r.id, { instrument: r.name, start: shanghaiTime(r.start), end: shanghaiTime(r.end) });
    return { expired: expired.length, noShows: noShows.length, reminders: due.length };
  });
}
