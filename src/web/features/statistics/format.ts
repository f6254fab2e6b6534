/**
 * A statistic as people read it: large figures in the language's own compact form (1,100 亿元, 110B yuan), small
 * ones in full with grouping, followed by the unit.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Indicator } from './api';

export function useFigure() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (value: number, unit: Indicator['unit']) => {
      const compact = value >= 100_000;
      const text = new Intl.NumberFormat(i18n.language, compact ? { notation: 'compact', maximumFractionDigits: 2 } : { maximumFractionDigits: 2 }).format(
        value,
      );
      return `${text}${t(`stats14.units.${unit}`)}`;
    },
    [t, i18n.language],
  );
}
