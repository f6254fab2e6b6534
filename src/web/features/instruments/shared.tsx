/** Small pieces several instrument pages share: class names, unit labels, prices. */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { classesQuery, type InstrumentClass, type PriceUnit } from './api';
import { yuan } from '../../lib/time';

const NONE: InstrumentClass[] = [];

/** The instrument classes with names in the current language (`name(code, fallback)`: the fallback, e.g. the API's
 * Chinese className, until the classes have loaded). */
export function useClasses() {
  const { i18n } = useTranslation();
  const classes = useQuery(classesQuery).data ?? NONE;
  const en = i18n.language.startsWith('en');
  return useMemo(() => {
    const byCode = new Map(classes.map((c) => [c.code, en ? c.nameEn : c.nameZh]));
    return {
      classes: [...classes].sort((a, b) => a.sortOrder - b.sortOrder),
      name: (code: string, fallback?: string | null) => byCode.get(code) ?? fallback ?? code,
      en,
    };
  }, [classes, en]);
}

/** "¥120.00/小时" (no unit: "¥120.00") */
export function usePrice() {
  const { t } = useTranslation();
  // a quote names no unit for an instrument it could not read (its problems say why)
  return (fen: number | null | undefined, unit: PriceUnit | null) => (unit ? `${yuan(fen)}/${t(`inst.unit.${unit}`)}` : yuan(fen));
}

/** Units priced per sample, core or GPU need a quantity; per-hour prices do not. */
export const needsQuantity = (unit: PriceUnit) => unit !== 'hour';
