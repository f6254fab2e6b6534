/** A bulletin's period and figures as people read them (the server's numbering.ts writes the same period labels). */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinFigure } from './api';

const QUARTERS = ['一', '二', '三', '四'];

/** 2025 → 2025年, 2026-Q3 → 2026年第三季度, 2026-09 → 2026年9月 (and in English). */
export function periodLabel(period: string, en: boolean): string {
  const [year, rest] = period.split('-');
  if (!rest) return en ? year : `${year}年`;
  if (rest.startsWith('Q')) return en ? `Q${rest.slice(1)} ${year}` : `${year}年第${QUARTERS[Number(rest.slice(1)) - 1]}季度`;
  return en ? `${year}-${rest}` : `${year}年${Number(rest)}月`;
}

/** A published figure in full (a bulletin states figures exactly, not 31万), with its unit. */
export function useExactFigure() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (value: number, unit: BulletinFigure['unit']) =>
      `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(value)}${t(`stats14.units.${unit}`)}`,
    [t, i18n.language],
  );
}

export const useIsEnglish = () => useTranslation().i18n.language.startsWith('en');
