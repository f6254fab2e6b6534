/** Small pieces several instrument pages share: class names, unit labels, prices. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type InstrumentClass, type PriceUnit } from '../../api/client';
import { yuan } from '../../lib/time';

let classesPromise: Promise<InstrumentClass[]> | null = null;
function loadClasses() {
  classesPromise ??= api<{ items: InstrumentClass[] }>('/api/v1/instrument-classes')
    .then((r) => r.items)
    .catch((e) => { classesPromise = null; throw e; });
  return classesPromise;
}

/** The instrument classes with names in the current language (`name(code, fallback)`: the fallback, e.g. the API's
 * Chinese className, until the classes have loaded). */
export function useClasses() {
  const { i18n } = useTranslation();
  const [classes, setClasses] = useState<InstrumentClass[]>([]);
  useEffect(() => { loadClasses().then(setClasses).catch(() => setClasses([])); }, []);
  const en = i18n.language.startsWith('en');
  return useMemo(() => {
    const byCode = new Map(classes.map((c) => [c.code, en ? c.nameEn : c.nameZh]));
    return { classes: [...classes].sort((a, b) => a.sortOrder - b.sortOrder), name: (code: string, fallback?: string | null) => byCode.get(code) ?? fallback ?? code, en };
  }, [classes, en]);
}

/** "¥120.00/小时" */
export function usePrice() {
  const { t } = useTranslation();
  return (fen: number | null | undefined, unit: PriceUnit) => `${yuan(fen)}/${t(`inst.unit.${unit}`)}`;
}

/** Units priced per sample, core or GPU need a quantity; per-hour prices do not. */
export const needsQuantity = (unit: PriceUnit) => unit !== 'hour';
