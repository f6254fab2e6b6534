/**
 * What a booking costs. The user's own organization pays the internal price, everyone else the
 * external one; time-priced units (hour, core-hour, GPU-hour) may have a lower off-peak price for
 * the minutes outside the daily peak window. Amounts are integer fen, rounded once at the end.
 */
import type { PriceUnit } from './schemas.ts';

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

export interface PriceRules {
  priceUnit: PriceUnit;
  priceInternalFen: number;
  priceExternalFen: number;
  offPeakPriceFen?: number | null;
  peakStart?: string | null;
  peakEnd?: string | null;
}

export interface Estimate {
  hours: number;
  unitPriceFen: number;
  peakMinutes: number;
  offPeakMinutes: number;
  estimatedFen: number;
}

const minutesOf = (clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
};

/** Minutes of [start, end) that fall inside the daily window [peakStart, peakEnd), Shanghai time. */
export function minutesInDailyWindow(start: Date, end: Date, peakStart: string, peakEnd: string): number {
  const a = start.getTime() + SHANGHAI_OFFSET_MS;
  const b = end.getTime() + SHANGHAI_OFFSET_MS;
  const ws = minutesOf(peakStart) * 60_000;
  const we = minutesOf(peakEnd) * 60_000;
  let total = 0;
  for (let day = Math.floor(a / DAY_MS) * DAY_MS; day < b; day += DAY_MS) {
    const lo = Math.max(a, day + ws);
    const hi = Math.min(b, day + we);
    if (hi > lo) total += hi - lo;
  }
  return Math.round(total / 60_000);
}

export function estimatePrice(rules: PriceRules, start: Date, end: Date, quantity: number, internal: boolean): Estimate {
  const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
  const base = internal ? rules.priceInternalFen : rules.priceExternalFen;
  const hours = Math.round((minutes / 60) * 100) / 100;
  if (rules.priceUnit === 'sample') {
    return { hours, unitPriceFen: base, peakMinutes: minutes, offPeakMinutes: 0, estimatedFen: base * quantity };
  }
  const units = rules.priceUnit === 'hour' ? 1 : quantity;
  let peak = minutes;
  let offPeakRate = base;
  if (rules.offPeakPriceFen != null && rules.peakStart && rules.peakEnd) {
    peak = minutesInDailyWindow(start, end, rules.peakStart, rules.peakEnd);
    offPeakRate = Math.min(base, rules.offPeakPriceFen);
  }
  const off = minutes - peak;
  const fen = Math.round(((peak * base + off * offPeakRate) * units) / 60);
  return { hours, unitPriceFen: base, peakMinutes: peak, offPeakMinutes: off, estimatedFen: fen };
}
