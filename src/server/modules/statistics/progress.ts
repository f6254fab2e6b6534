/**
 * Progress to a target, the way a plan is read: how much of the target the latest figure is, and whether it is on
 * the straight path from the baseline (the figure at the end of the baseline year) to the target (at the end of
 * the target year). Pure, so the rule is unit-tested apart from the SQL.
 */
export type ProgressStatus = 'achieved' | 'on_track' | 'behind' | 'missed' | 'unknown' | 'no_value';

export interface Progress {
  year: number;
  target: number;
  /** the latest value as a percentage of the target, one decimal; null without a value */
  percent: number | null;
  /** what the straight path from the baseline expects at the latest value's date; null without a baseline */
  expected: number | null;
  status: ProgressStatus;
}

/** The last day of a period: 2025 → 2025-12-31, 2026-Q3 → 2026-09-30, 2026-11 → 2026-11-30. */
export function periodEnd(period: string): string {
  const year = Number(period.slice(0, 4));
  const q = /^\d{4}-Q([1-4])$/.exec(period);
  const mo = /^\d{4}-(\d{2})$/.exec(period);
  const month = q ? Number(q[1]) * 3 : mo ? Number(mo[1]) : 12;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Whether a period string names a real period (a month 01–12, a quarter, a year). */
export function validPeriod(period: string): boolean {
  const mo = /^\d{4}-(\d{2})$/.exec(period);
  if (mo) return Number(mo[1]) >= 1 && Number(mo[1]) <= 12;
  return /^\d{4}(-Q[1-4])?$/.test(period);
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

export function progressTo(
  target: { year: number; value: number },
  latest: { value: number; asOf: string } | null,
  baseline: { year: number; value: number } | null,
): Progress {
  const base = { year: target.year, target: target.value };
  if (!latest) return { ...base, percent: null, expected: null, status: 'no_value' };
  const percent = target.value > 0 ? Math.round((latest.value / target.value) * 1000) / 10 : null;
  const due = day(`${target.year}-12-31`);
  const at = day(latest.asOf);
  if (at >= due) return { ...base, percent, expected: target.value, status: latest.value >= target.value ? 'achieved' : 'missed' };
  if (latest.value >= target.value) return { ...base, percent, expected: null, status: 'achieved' };
  if (!baseline || baseline.year >= target.year) return { ...base, percent, expected: null, status: 'unknown' };
  const from = day(`${baseline.year}-12-31`);
  const share = Math.min(1, Math.max(0, (at - from) / (due - from)));
  const expected = Math.round(baseline.value + (target.value - baseline.value) * share);
  return { ...base, percent, expected, status: latest.value >= expected ? 'on_track' : 'behind' };
}
