import { describe, expect, it } from 'vitest';
import { estimatePrice, minutesInDailyWindow } from '../../src/server/modules/instruments/pricing.ts';
import { foldLine, icsCalendar } from '../../src/server/modules/instruments/calendar.ts';

const t = (s: string) => new Date(`${s}+08:00`);
const hourly = {
  priceUnit: 'hour' as const,
  priceInternalFen: 10_000,
  priceExternalFen: 30_000,
  offPeakPriceFen: 12_000,
  peakStart: '08:00',
  peakEnd: '18:00',
};

describe('booking prices', () => {
  it('counts peak minutes in Shanghai wall-clock time, across midnight', () => {
    expect(minutesInDailyWindow(t('2026-03-02T17:00:00'), t('2026-03-02T19:00:00'), '08:00', '18:00')).toBe(60);
    expect(minutesInDailyWindow(t('2026-03-02T22:00:00'), t('2026-03-03T09:30:00'), '08:00', '18:00')).toBe(90);
    expect(minutesInDailyWindow(t('2026-03-02T08:00:00'), t('2026-03-04T08:00:00'), '08:00', '18:00')).toBe(1200);
  });

  it('charges the external price in peak hours and the off-peak price outside them', () => {
    const e = estimatePrice(hourly, t('2026-03-02T17:00:00'), t('2026-03-02T19:30:00'), 1, false);
    expect(e).toMatchObject({ hours: 2.5, peakMinutes: 60, offPeakMinutes: 90, estimatedFen: 30_000 + 18_000 });
  });

  it('never charges an internal user more off-peak than the internal price', () => {
    expect(estimatePrice(hourly, t('2026-03-02T19:00:00'), t('2026-03-02T21:00:00'), 1, true).estimatedFen).toBe(20_000);
  });

  it('prices per sample by quantity and compute by units × hours', () => {
    expect(
      estimatePrice({ ...hourly, priceUnit: 'sample', offPeakPriceFen: null }, t('2026-03-02T09:00:00'), t('2026-03-02T10:00:00'), 7, false).estimatedFen,
    ).toBe(210_000);
    const gpu = { priceUnit: 'gpu_hour' as const, priceInternalFen: 500, priceExternalFen: 800 };
    expect(estimatePrice(gpu, t('2026-03-02T09:00:00'), t('2026-03-02T21:00:00'), 4, false).estimatedFen).toBe(12 * 4 * 800);
  });
});

describe('iCalendar output', () => {
  it('folds long lines at 75 octets without splitting a Chinese character', () => {
    const line = `SUMMARY:${'场发射扫描电子显微镜'.repeat(5)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(line);
  });

  it('escapes commas, semicolons and newlines in text', () => {
    const ics = icsCalendar('日历', [{ uid: 'x@k', start: t('2026-03-02T09:00:00'), end: t('2026-03-02T10:00:00'), summary: 'a,b;c\nd' }]);
    expect(ics).toContain('SUMMARY:a\\,b\\;c\\nd');
    expect(ics).toContain('DTSTART:20260302T010000Z');
  });
});
