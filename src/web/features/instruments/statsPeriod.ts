/** The statistics page's number formats and period presets */
import { addDays, num } from '../../lib/time';

/** Rates come as fractions (0.42 = 42 %). */
export const pct = (v: number | null | undefined) => (v == null ? '—' : `${num(v * 100, 1)}%`);

export function presets(today: string) {
  const y = Number(today.slice(0, 4));
  return {
    thisYear: { from: `${y}-01-01`, to: `${y}-12-31` },
    lastYear: { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
    last12: { from: addDays(today, -364), to: today },
  };
}

/** A period as the page keeps it: first and last day, both inclusive */
export type Period = { from: string; to: string };
