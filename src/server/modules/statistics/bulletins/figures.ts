/** The figures a bulletin shows, as the indicators hold them at a moment: what the preview shows and a publication freezes. */
import type { IndicatorView } from '../schemas.ts';
import type { BulletinFigure } from './schemas.ts';

/**
 * One indicator's figure. The target it is read against: the first target of the bulletin's year or later (the
 * plan the period works towards), else the last target there is.
 */
export function figureOf(i: IndicatorView, bulletinPeriod: string): BulletinFigure {
  const year = Number(bulletinPeriod.slice(0, 4));
  const p = i.progress.find((x) => x.year >= year) ?? i.progress.at(-1) ?? null;
  return {
    indicatorId: i.id,
    indicator: i.indicator,
    scope: i.scope,
    category: i.category,
    nameZh: i.nameZh,
    nameEn: i.nameEn,
    unit: i.unit,
    method: i.method,
    source: i.source,
    value: i.latest?.value ?? null,
    period: i.latest?.period ?? null,
    asOf: i.latest?.asOf ?? null,
    origin: i.latest?.origin ?? null,
    target: p ? { year: p.year, value: p.target, percent: p.percent, status: p.status } : null,
  };
}

export const UNIT_ZH: Record<BulletinFigure['unit'], string> = {
  count: '个',
  people: '人',
  yuan: '元',
  m2: '平方米',
  'person-times': '人次',
  percent: '%',
};
export const UNIT_EN: Record<BulletinFigure['unit'], string> = {
  count: 'count',
  people: 'people',
  yuan: 'yuan',
  m2: 'm²',
  'person-times': 'person-times',
  percent: '%',
};
export const METHOD_ZH = { computed: '平台计算', surveyed: '统计调查', entered: '部门填报' } as const;
export const METHOD_EN = { computed: 'computed', surveyed: 'surveyed', entered: 'entered' } as const;
export const STATUS_ZH = { achieved: '已完成', on_track: '进度正常', behind: '进度滞后', missed: '未完成', unknown: '无法判断', no_value: '暂无数据' } as const;
export const STATUS_EN = { achieved: 'achieved', on_track: 'on track', behind: 'behind', missed: 'missed', unknown: 'unknown', no_value: 'no value' } as const;

/** 12345678.5 → 12,345,678.5 (a figure as people read it; no rounding beyond what the indicator holds). */
export const grouped = (n: number | null): string => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));
