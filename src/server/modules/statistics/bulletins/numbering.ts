/**
 * A bulletin's number (文号): the issuing office's prefix, the year of the first publication and a sequence per scope
 * and year — 渝科服统〔2026〕3号 for the city, 渝中科服统〔2026〕1号 for 渝中区. A correction keeps the number (it is
 * the same document, corrected), so the number is given once.
 */
export const CITY_PREFIX = '渝科服统';

/** 渝中区 → 渝中, 石柱土家族自治县 → 石柱土家族, 万州区 → 万州: the district's short name before 科服统. */
export function prefixOf(scope: string, districtName: string | null): string {
  if (scope === 'chongqing' || !districtName) return CITY_PREFIX;
  return `${districtName.replace(/(自治县|区|县)$/, '')}科服统`;
}

export const formatNumber = (prefix: string, year: number, seq: number): string => `${prefix}〔${year}〕${seq}号`;

const QUARTERS = ['一', '二', '三', '四'];

/** 2025 → 2025年, 2026-Q3 → 2026年第三季度, 2026-09 → 2026年9月 (and in English). */
export function periodLabel(period: string, en = false): string {
  const [year, rest] = period.split('-');
  if (!rest) return en ? year : `${year}年`;
  if (rest.startsWith('Q')) return en ? `Q${rest.slice(1)} ${year}` : `${year}年第${QUARTERS[Number(rest.slice(1)) - 1]}季度`;
  return en ? `${year}-${rest}` : `${year}年${Number(rest)}月`;
}
