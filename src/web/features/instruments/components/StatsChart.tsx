/** Bars of work hours and external service hours per instrument-year, with the national averages as lines. */
import { useLayoutEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { Stats } from '../api';
import { followSize } from '../../../lib/chartSize';

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export default function StatsChart({ stats, compact }: { stats: Stats; compact: boolean }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  // the 12 busiest, largest at the top (category axes draw bottom-up)
  const top = useMemo(
    () =>
      [...stats.rows]
        .sort((a, b) => b.workHoursPerInstrumentYear - a.workHoursPerInstrumentYear)
        .slice(0, 12)
        .reverse(),
    [stats],
  );

  // a layout effect: the chart is disposed in the same commit that takes its element out of the page
  useLayoutEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const stop = followSize(el.current, c);
    const line = (v: number, name: string, color: string) => ({
      silent: true,
      symbol: 'none',
      lineStyle: { color, type: 'dashed' as const },
      label: { formatter: name, color, fontSize: 10 },
      data: [{ xAxis: v }],
    });
    // data-drawn: the bars have finished growing (ECharts' 'finished'), for a screenshot of the final picture
    el.current.dataset.drawn = 'false';
    c.on('finished', () => {
      if (el.current) el.current.dataset.drawn = 'true';
    });
    c.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 24, top: 48, bottom: 30, containLabel: true },
      // the axis reaches the national averages so their lines are always drawn
      xAxis: {
        type: 'value',
        max: (v: { max: number }) => Math.ceil((Math.max(v.max, stats.national.workHoursPerYear) * 1.05) / 100) * 100,
        name: t('stats.hoursPerYear'),
        nameLocation: 'middle',
        nameGap: 24,
        axisLabel: { fontSize: 10, hideOverlap: true },
      },
      yAxis: { type: 'category', data: top.map((r) => r.name), axisLabel: { width: compact ? 90 : 200, overflow: 'truncate', fontSize: 11 } },
      series: [
        {
          name: t('stats.workPerYear'),
          type: 'bar',
          data: top.map((r) => Math.round(r.workHoursPerInstrumentYear)),
          itemStyle: { color: '#0b5cad' },
          markLine: line(stats.national.workHoursPerYear, t('stats.nationalWork', { n: stats.national.workHoursPerYear }), '#0b5cad'),
        },
        {
          name: t('stats.externalPerYear'),
          type: 'bar',
          data: top.map((r) => Math.round(r.externalHoursPerInstrumentYear)),
          itemStyle: { color: '#d46b08' },
          markLine: line(stats.national.externalHoursPerYear, t('stats.nationalExternal', { n: stats.national.externalHoursPerYear }), '#d46b08'),
        },
      ],
    });
    el.current.dataset.ready = 'true';
    return () => {
      stop();
      c.dispose();
    };
  }, [stats, compact, t, top]);

  return (
    <div
      ref={el}
      className="kft-chart"
      style={{ height: Math.max(240, 60 + top.length * 34) }}
      role="img"
      aria-label={t('stats.chartLabel')}
      data-testid="stats-chart"
    />
  );
}
