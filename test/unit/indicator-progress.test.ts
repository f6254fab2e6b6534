import { describe, expect, it } from 'vitest';
import { periodEnd, progressTo, validPeriod } from '../../src/server/modules/statistics/progress.ts';

describe('progress to a target', () => {
  const target = { year: 2025, value: 56_000 };

  it('a period ends on its last day: a year, a quarter, a month (February of a leap year too)', () => {
    expect(periodEnd('2025')).toBe('2025-12-31');
    expect(periodEnd('2026-Q1')).toBe('2026-03-31');
    expect(periodEnd('2026-Q3')).toBe('2026-09-30');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2026-11')).toBe('2026-11-30');
  });

  it('refuses months that do not exist', () => {
    expect(validPeriod('2026-13')).toBe(false);
    expect(validPeriod('2026-00')).toBe(false);
    expect(validPeriod('2026-Q5')).toBe(false);
    expect(validPeriod('2026-12')).toBe(true);
  });

  it('without a value there is no progress', () => {
    expect(progressTo(target, null, { year: 2020, value: 30_000 })).toEqual({ year: 2025, target: 56_000, percent: null, expected: null, status: 'no_value' });
  });

  it('halfway through the plan, on the straight path from the baseline, is on track; below it is behind', () => {
    const base = { year: 2020, value: 30_000 };
    // 2023-07-02 is half of the way from 2020-12-31 to 2025-12-31 (913 of 1,826 days)
    const onPath = progressTo(target, { value: 43_000, asOf: '2023-07-02' }, base);
    expect(onPath.expected).toBe(43_000);
    expect(onPath.status).toBe('on_track');
    expect(onPath.percent).toBe(76.8);
    expect(progressTo(target, { value: 42_999, asOf: '2023-07-02' }, base).status).toBe('behind');
  });

  it('after the target year the target is achieved or missed, whatever the path', () => {
    expect(progressTo(target, { value: 56_000, asOf: '2026-01-31' }, null).status).toBe('achieved');
    const missed = progressTo(target, { value: 2_000, asOf: '2026-12-01' }, { year: 2020, value: 30_000 });
    expect(missed).toMatchObject({ status: 'missed', expected: 56_000, percent: 3.6 });
  });

  it('a target reached early is achieved; without a baseline the path is unknown', () => {
    expect(progressTo(target, { value: 60_000, asOf: '2024-06-30' }, null).status).toBe('achieved');
    expect(progressTo(target, { value: 10_000, asOf: '2024-06-30' }, null)).toMatchObject({ status: 'unknown', expected: null, percent: 17.9 });
  });

  it('a district’s 2027 plan from a 2024 baseline (渝中区, document 004): the path runs over three years, read at a quarter’s end', () => {
    const plan = { year: 2027, value: 7_000 };
    const base = { year: 2024, value: 4_000 };
    // 2026-06-30 is 546 of 1,095 days from 2024-12-31 to 2027-12-31: the path expects 4,000 + 3,000 × 546/1,095 = 5,496
    const q2 = progressTo(plan, { value: 5_496, asOf: '2026-06-30' }, base);
    expect(q2).toMatchObject({ expected: 5_496, status: 'on_track', percent: 78.5 });
    expect(progressTo(plan, { value: 5_495, asOf: '2026-06-30' }, base).status).toBe('behind');
  });

  it('the path starts at the baseline: at the baseline’s own date, or before it, the plan expects the baseline value', () => {
    const base = { year: 2020, value: 30_000 };
    expect(progressTo(target, { value: 30_000, asOf: '2020-12-31' }, base)).toMatchObject({ expected: 30_000, status: 'on_track' });
    expect(progressTo(target, { value: 29_000, asOf: '2020-06-30' }, base)).toMatchObject({ expected: 30_000, status: 'behind' });
  });

  it('a baseline of the target’s own year (or later) gives no path', () => {
    expect(progressTo(target, { value: 40_000, asOf: '2024-12-31' }, { year: 2025, value: 35_000 })).toMatchObject({ status: 'unknown', expected: null });
  });
});
