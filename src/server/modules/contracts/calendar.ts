/**
 * Working days with China's official holiday and make-up working-day calendar (国务院办公厅 notices), from the
 * npm package `chinese-days` (its data is updated each year when the State Council publishes the next year's
 * arrangement: `npm update chinese-days`). Everything here goes through this file, so the source can be replaced
 * (a table the city maintains, say) without touching the rules.
 */
import chineseDays from 'chinese-days';

export interface WorkCalendar {
  isWorkday(day: string): boolean;
}

export const chinaCalendar: WorkCalendar = { isWorkday: (day) => chineseDays.isWorkday(day) };

const nextDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The day `n` working days after `start` (the start day itself not counted, as time limits are counted). */
export function addWorkingDays(start: string, n: number, cal: WorkCalendar = chinaCalendar): string {
  let day = start;
  let left = n;
  while (left > 0) {
    day = nextDay(day);
    if (cal.isWorkday(day)) left--;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar = chinaCalendar): number {
  let n = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (cal.isWorkday(day)) n++;
  return n;
}

/** The Beijing calendar day of a moment (UTC+8 all year). */
export const beijingDay = (d = new Date()): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
