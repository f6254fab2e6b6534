/**
 * A week of one instrument's availability: Monday–Sunday columns, time rows. Each cell is free, taken (someone's
 * booking, or mine), closed (outside opening hours or an exception) or past; colour is backed by a pattern and a
 * label so it does not rely on colour alone. Clicking a free cell selects it (stretched to the minimum booking
 * length); clicking a later free cell of the same free stretch extends the selection to it.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability, Span } from '../api';
import { addDays, DAY_MS, fmtDay, fmtMonthDay, shMs, shParts } from '../../../lib/time';

type CellState = 'free' | 'busy' | 'mine' | 'closed' | 'past';
interface Cell {
  start: number;
  end: number;
  state: CellState;
  free?: { start: number; end: number };
  reason?: string | null;
}

interface Props {
  weekStart: string; // Monday, YYYY-MM-DD (Shanghai)
  availability: Availability;
  minBookingMinutes: number;
  selection: Span | null;
  onSelect: (s: Span) => void;
  now?: number;
}

const ms = (s: string) => Date.parse(s);
const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

/** Rows to show: from the earliest opening to the latest closing of the week, else office hours. */
function hourRange(av: Availability, weekStart: string): [number, number] {
  let lo = 24;
  let hi = 0;
  const base = shMs(weekStart, '00:00');
  for (const s of [...av.open, ...av.busy]) {
    const a = Math.max(ms(s.start), base);
    const b = Math.min(ms(s.end), base + 7 * DAY_MS);
    if (b <= a) continue;
    const sameDay = Math.floor((a - base) / DAY_MS) === Math.floor((b - 1 - base) / DAY_MS);
    const ha = ((a - base) % DAY_MS) / 3600_000;
    const hb = ((b - base) % DAY_MS) / 3600_000 || 24;
    if (!sameDay) return [0, 24];
    lo = Math.min(lo, Math.floor(ha));
    hi = Math.max(hi, Math.ceil(hb));
  }
  return lo < hi ? [lo, hi] : [8, 18];
}

export function useWeekCells(av: Availability, weekStart: string, now: number) {
  return useMemo(() => {
    const [lo, hi] = hourRange(av, weekStart);
    const stepMin = hi - lo > 14 ? 60 : 30; // keep the grid at most ~28 rows tall
    const rows = ((hi - lo) * 60) / stepMin;
    const free = av.free.map((s) => ({ start: ms(s.start), end: ms(s.end) }));
    const busy = av.busy.map((s) => ({ start: ms(s.start), end: ms(s.end), mine: s.mine }));
    const closed = av.closed.map((s) => ({ start: ms(s.start), end: ms(s.end), reason: s.reason }));
    const days = Array.from({ length: 7 }, (_, d) => addDays(weekStart, d));
    const grid: Cell[][] = days.map((date) =>
      Array.from({ length: rows }, (_, r) => {
        const start = shMs(date, '00:00') + (lo * 60 + r * stepMin) * 60_000;
        const end = start + stepMin * 60_000;
        const b = busy.find((x) => overlaps(start, end, x.start, x.end));
        if (b) return { start, end, state: b.mine ? 'mine' : 'busy' };
        const f = free.find((x) => overlaps(start, end, x.start, x.end));
        if (end <= now) return { start, end, state: 'past' };
        if (f) return { start, end, state: 'free', free: f };
        const c = closed.find((x) => overlaps(start, end, x.start, x.end));
        return { start, end, state: 'closed', reason: c?.reason ?? null };
      }),
    );
    return { days, grid, lo, stepMin, rows };
  }, [av, weekStart, now]);
}

export default function WeekCalendar({ weekStart, availability, minBookingMinutes, selection, onSelect, now = Date.now() }: Props) {
  const { t } = useTranslation();
  const { days, grid, lo, stepMin, rows } = useWeekCells(availability, weekStart, now);
  const [anchor, setAnchor] = useState<number | null>(null);
  const sel = selection ? { start: ms(selection.start), end: ms(selection.end) } : null;
  const today = shParts(now).date;

  function pick(c: Cell) {
    if (!c.free) return;
    const f = c.free;
    // second click inside the same free stretch, after the first: extend the selection to this cell
    if (anchor !== null && c.end > anchor && anchor >= f.start && c.end <= f.end + 1) {
      onSelect({ start: new Date(anchor).toISOString(), end: new Date(Math.min(c.end, f.end)).toISOString() });
      setAnchor(null);
      return;
    }
    // a free stretch may begin "now" (to the millisecond); start on the next 5-minute mark instead
    const start = Math.ceil(Math.max(c.start, f.start) / 300_000) * 300_000;
    if (start >= f.end) return;
    const end = Math.min(f.end, Math.max(c.end, start + minBookingMinutes * 60_000));
    setAnchor(start);
    onSelect({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
  }

  const label = (c: Cell) =>
    `${fmtDay(c.start)} ${shParts(c.start).time}–${shParts(c.end).time === '00:00' ? '24:00' : shParts(c.end).time} ${t(`cal.${c.state}`)}${c.reason ? t('common.paren', { x: c.reason }) : ''}`;

  // a table laid out by CSS grid (its row groups and rows are display: contents): the days are its column headers,
  // the times its row headers; a free cell holds the button that picks it
  const times = Array.from({ length: rows }, (_, r) => lo * 60 + r * stepMin);
  return (
    <div>
      <table
        className="kft-cal"
        aria-label={t('cal.label')}
        data-testid="week-calendar"
        style={{ gridTemplateRows: `auto repeat(${rows}, var(--kft-cal-row))` }}
      >
        <thead>
          <tr>
            <th scope="col" className="kft-cal-head">
              <span className="kft-sr-only">{t('cal.time')}</span>
            </th>
            {days.map((d, i) => (
              <th key={d} scope="col" className={`kft-cal-head${d === today ? ' kft-cal-today' : ''}`} aria-label={fmtDay(shMs(d, '12:00'))}>
                <span className="kft-cal-wd">{t(`cal.weekdays.${i}`)}</span> <span className="kft-cal-md">{fmtMonthDay(shMs(d, '12:00'))}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {times.map((minutes, r) => {
            const hourLabel = minutes % 60 === 0 ? `${String(minutes / 60).padStart(2, '0')}:00` : '';
            return (
              <tr key={minutes}>
                <th scope="row" className="kft-cal-hour">
                  {hourLabel}
                </th>
                {grid.map((col, d) => {
                  const c = col[r];
                  const selected = !!sel && overlaps(c.start, c.end, sel.start, sel.end) && c.state === 'free';
                  const cls = `kft-cal-cell kft-cal-${c.state}${selected ? ' kft-cal-selected' : ''}${minutes % 60 === 0 ? ' kft-cal-hourline' : ''}`;
                  return c.state === 'free' ? (
                    <td key={days[d]} className="kft-cal-slot">
                      <button
                        type="button"
                        className={cls}
                        aria-label={label(c)}
                        aria-pressed={selected}
                        onClick={() => pick(c)}
                        data-testid="cal-free"
                        data-state={c.state}
                        data-start={new Date(c.start).toISOString()}
                      />
                    </td>
                  ) : (
                    <td key={days[d]} className={cls} aria-label={label(c)} title={label(c)} data-state={c.state} />
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul className="kft-legend" aria-label={t('cal.legend')}>
        {(['free', 'busy', 'mine', 'closed', 'past'] as const).map((s) => (
          <li key={s}>
            <span className={`kft-cal-swatch kft-cal-${s}`} aria-hidden="true" />
            {t(`cal.${s}`)}
          </li>
        ))}
        <li>
          <span className="kft-cal-swatch kft-cal-free kft-cal-selected" aria-hidden="true" />
          {t('cal.selected')}
        </li>
      </ul>
    </div>
  );
}
