import { describe, expect, it } from 'vitest';
import { formatNumber, periodLabel, prefixOf } from '../../src/server/modules/statistics/bulletins/numbering.ts';
import { loadConfig } from '../../src/server/config.ts';

describe('a bulletin’s number and period', () => {
  it('numbers the city’s bulletins 渝科服统〔year〕n号 and a district’s with its short name', () => {
    expect(formatNumber(prefixOf('chongqing', null), 2026, 3)).toBe('渝科服统〔2026〕3号');
    expect(formatNumber(prefixOf('district:500103', '渝中区'), 2026, 1)).toBe('渝中科服统〔2026〕1号');
    expect(prefixOf('district:500240', '石柱土家族自治县')).toBe('石柱土家族科服统');
    expect(prefixOf('district:500229', '城口县')).toBe('城口科服统');
  });

  it('follows a configured pattern and city prefix', () => {
    const rule = { pattern: '{prefix}字〔{year}〕第{seq}号', cityPrefix: '渝科统' };
    expect(formatNumber(prefixOf('chongqing', null, rule), 2027, 12, rule)).toBe('渝科统字〔2027〕第12号');
    expect(formatNumber(prefixOf('district:500103', '渝中区', rule), 2027, 2, rule)).toBe('渝中科服统字〔2027〕第2号');
  });

  it('refuses a pattern that could give two offices the same number', () => {
    expect(() => loadConfig({ BULLETIN_NUMBER_PATTERN: '〔{year}〕{seq}号' })).toThrow(/BULLETIN_NUMBER_PATTERN/);
    expect(loadConfig({ BULLETIN_NUMBER_PATTERN: '{prefix}[{year}]{seq}' }).bulletinNumbers.pattern).toBe('{prefix}[{year}]{seq}');
    expect(loadConfig({}).bulletinNumbers).toEqual({ pattern: '{prefix}〔{year}〕{seq}号', cityPrefix: '渝科服统' });
  });

  it('names a period as people write it', () => {
    expect(periodLabel('2025')).toBe('2025年');
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('2026-09')).toBe('2026年9月');
    expect(periodLabel('2026-Q3', true)).toBe('Q3 2026');
  });
});
