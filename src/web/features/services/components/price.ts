/** A service's price as people read it: ¥12,000 · ¥8,000–15,000 · 面议 (fen → yuan, no decimals when whole). */
import type { TFunction } from 'i18next';
import type { Service } from '../api';

const fmt = (fen: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(fen / 100);

export function servicePrice(s: Pick<Service, 'pricingMode' | 'priceFen' | 'priceMinFen' | 'priceMaxFen'>, t: TFunction): string {
  if (s.pricingMode === 'fixed' && s.priceFen != null) return `¥${fmt(s.priceFen)}`;
  if (s.pricingMode === 'range' && s.priceMinFen != null && s.priceMaxFen != null) return `¥${fmt(s.priceMinFen)}–${fmt(s.priceMaxFen)}`;
  return t('svc.quote');
}
