/**
 * A bulletin's number (文号): the issuing office's prefix, the year of the first publication and a sequence per scope
 * and year — 渝科服统〔2026〕3号 for the city, 渝中科服统〔2026〕1号 for 渝中区. A correction keeps the number (it is
 * the same document, corrected), so the number is given once. The pattern and the city's prefix are configurable
 * (BULLETIN_NUMBER_PATTERN, BULLETIN_CITY_PREFIX: docs/OPERATIONS.md).
 */
export interface NumberRule {
  pattern: string;
  cityPrefix: string;
}

export const DEFAULT_NUMBER_RULE: NumberRule = { pattern: '{prefix}〔{year}〕{seq}号', cityPrefix: '渝科服统' };

/** 渝中区 → 渝中科服统, 石柱土家族自治县 → 石柱土家族科服统, 万州区 → 万州科服统; the city's is the rule's. */
export function prefixOf(scope: string, districtName: string | null, rule: NumberRule = DEFAULT_NUMBER_RULE): string {
  if (scope === 'chongqing' || !districtName) return rule.cityPrefix;
  return `${districtName.replace(/(自治县|区|县)$/, '')}科服统`;
}

export const formatNumber = (prefix: string, year: number, seq: number, rule: NumberRule = DEFAULT_NUMBER_RULE): string =>
  rule.pattern.replaceAll('{prefix}', prefix).replaceAll('{year}', String(year)).replaceAll('{seq}', String(seq));

const QUARTERS = ['一', '二', '三', '四'];

/** 2025 → 2025年, 2026-Q3 → 2026年第三季度, 2026-09 → 2026年9月 (and in English). */
export function periodLabel(period: string, en = false): string {
  const [year, rest] = period.split('-');
  if (!rest) return en ? year : `${year}年`;
  if (rest.startsWith('Q')) return en ? `Q${rest.slice(1)} ${year}` : `${year}年第${QUARTERS[Number(rest.slice(1)) - 1]}季度`;
  return en ? `${year}-${rest}` : `${year}年${Number(rest)}月`;
}
