import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { Facet } from '../api';
import { followSize, hasSize } from '../../../lib/chartSize';
import { colours, type Datum, districtText, type Feature, legendSteps, loadGeo } from './districtMapData';
import MapLegend from './MapLegend';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

declare global {
  interface Window {
    __kftMap?: echarts.ECharts;
    /** Test hook: pixel position (relative to the map canvas) of a district's centre. */
    __kftMapPoint?: (code: string) => [number, number] | null;
  }
}

interface Props {
  facets: Facet[];
  selected: string[];
  /** code of the polygon → code of the current division it belongs to (merged districts). */
  effectiveCode: (code: string) => string;
  nameOf: (code: string) => string;
  onToggle: (code: string) => void;
  /** the map's name for screen readers */
  label: string;
  countLabel: (n: number) => string;
  /** what the colours count (机构数), above the legend */
  legendTitle: string;
  /** a legend step with its unit: "0–9" → "0–9 家" */
  rangeLabel: (range: string) => string;
  /** several districts can be chosen at once */
  multiple?: boolean;
}

/**
 * The districts of Chongqing coloured by a count, with a legend of the numbers each colour stands for. Districts are
 * chosen by clicking them or with the keyboard: the map is a listbox (Tab reaches it, the arrow keys move between
 * districts, whose tooltip shows where the focus is, Enter or Space chooses); the polygons are its options.
 */
export default function DistrictMap({ facets, selected, effectiveCode, nameOf, onToggle, label, countLabel, legendTitle, rangeLabel, multiple }: Props) {
  const { t, i18n } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [geo, setGeo] = useState<{ features: Feature[] } | null>(null);
  const toggleRef = useRef(onToggle);
  toggleRef.current = onToggle;
  const id = useId();
  const [active, setActive] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);

  useEffect(() => {
    void loadGeo().then(setGeo);
  }, []);

  const data = useMemo(() => {
    const counts = new Map(facets.map((f) => [f.code, f.count]));
    return (geo?.features ?? []).map((f) => {
      const code = f.properties.code;
      const eff = effectiveCode(code);
      const isSel = selected.includes(eff);
      return {
        name: code,
        value: counts.get(eff) ?? 0,
        districtName: nameOf(code),
        effectiveName: nameOf(eff),
        selected: isSel,
        itemStyle: isSel ? { borderColor: '#d4380d', borderWidth: 2 } : undefined,
      };
    });
  }, [geo, facets, selected, effectiveCode, nameOf]);
  const steps = useMemo(() => (data.length ? legendSteps(Math.min(...data.map((d) => d.value)), Math.max(...data.map((d) => d.value))) : []), [data]);
  const stepColours = useMemo(() => colours(steps.length), [steps.length]);
  const fmt = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const stepText = ([lo, hi]: [number, number]) => rangeLabel(lo === hi ? fmt.format(lo) : `${fmt.format(lo)}–${fmt.format(hi)}`);

  // the latest option, drawn whenever the chart has a size (now, or once it gets one)
  const option = useRef<echarts.EChartsCoreOption | null>(null);
  const focus = useRef<{ active: number | null; focused: boolean }>({ active: null, focused: false });
  focus.current = { active, focused };
  // these read only refs, so they are made once and the effects that call them run no more often for it
  const live = useCallback(() => (chart.current && !chart.current.isDisposed() && el.current && hasSize(el.current) ? chart.current : null), []);
  /** the keyboard's district: highlighted, with its tooltip, while the map has the keyboard's focus */
  const showFocus = useCallback(
    (i: number | null) => {
      const c = live();
      if (!c || i === null) return;
      c.dispatchAction({ type: 'downplay', seriesIndex: 0 });
      c.dispatchAction({ type: 'highlight', seriesIndex: 0, dataIndex: i });
      c.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
    },
    [live],
  );
  const hideFocus = useCallback(() => {
    const c = live();
    if (!c) return;
    c.dispatchAction({ type: 'downplay', seriesIndex: 0 });
    c.dispatchAction({ type: 'hideTip' });
  }, [live]);
  const draw = useCallback(() => {
    const c = chart.current;
    if (!c || c.isDisposed() || !el.current || !hasSize(el.current) || !option.current) return;
    c.setOption(option.current, { notMerge: false });
    option.current = null;
    if (focus.current.focused) showFocus(focus.current.active);
  }, [showFocus]);

  // created and disposed within React's commit (a layout effect), so no resize can reach a chart whose element is gone
  useLayoutEffect(() => {
    if (!geo || !el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    window.__kftMap = c;
    const point = (code: string): [number, number] | null => {
      const f = geo.features.find((x) => x.properties.code === code);
      if (!f?.properties.center || c.isDisposed()) return null;
      const p = c.convertToPixel({ seriesIndex: 0 }, f.properties.center) as number[] | undefined;
      return p ? [p[0], p[1]] : null;
    };
    window.__kftMapPoint = point;
    c.on('click', (p: { name?: string }) => {
      if (p?.name) toggleRef.current(String(p.name));
    });
    const stop = followSize(el.current, c, draw);
    return () => {
      stop();
      c.dispose();
      chart.current = null;
      if (window.__kftMap === c) delete window.__kftMap;
      if (window.__kftMapPoint === point) delete window.__kftMapPoint;
    };
  }, [geo, draw]);

  useEffect(() => {
    if (!geo) return;
    option.current = {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data?: Datum }) => (p.data ? `${districtText(p.data)}<br/>${countLabel(p.data.value)}` : ''),
      },
      // the legend is drawn in the page (below), from the same steps and colours
      visualMap: { type: 'piecewise', show: false, pieces: steps.map(([lo, hi], i) => ({ gte: lo, lte: hi, color: stepColours[i] })) },
      series: [
        {
          type: 'map',
          map: 'chongqing',
          nameProperty: 'code',
          roam: false,
          selectedMode: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          label: { show: false },
          emphasis: {
            label: { show: true, formatter: (p: { data?: Datum }) => p.data?.districtName ?? '', fontSize: 11 },
            itemStyle: { areaColor: '#ffd666' },
          },
          itemStyle: { borderColor: '#fff', borderWidth: 0.6 },
          data,
        },
      ],
    };
    draw();
    if (el.current) el.current.dataset.ready = facets.length ? 'true' : 'false';
  }, [geo, data, steps, stepColours, countLabel, draw, facets.length]);

  const wasFocused = useRef(false);
  useEffect(() => {
    if (focused) showFocus(active);
    else if (wasFocused.current) hideFocus();
    wasFocused.current = focused;
  }, [active, focused, showFocus, hideFocus]);

  const onKeyDown = (e: KeyboardEvent) => {
    const n = data.length;
    if (!n) return;
    const i = active ?? -1;
    const move: Record<string, number> = {
      ArrowRight: (i + 1) % n,
      ArrowDown: (i + 1) % n,
      ArrowLeft: (i - 1 + n) % n,
      ArrowUp: (i - 1 + n) % n,
      Home: 0,
      End: n - 1,
    };
    if (e.key in move) {
      setActive(move[e.key]);
      setFocused(true);
    } else if ((e.key === 'Enter' || e.key === ' ') && active !== null) onToggle(data[active].name);
    else if (e.key === 'Escape') setFocused(false);
    else return;
    e.preventDefault();
  };
  const onFocus = (e: FocusEvent) => {
    // start from a chosen district if there is one
    if (active === null && data.length)
      setActive(
        Math.max(
          0,
          data.findIndex((d) => d.selected),
        ),
      );
    // a click focuses the map too: then the pointer shows the district, not the keyboard's
    if (e.currentTarget.matches(':focus-visible')) setFocused(true);
  };

  return (
    <div className="kft-map-wrap">
      <div
        role="listbox"
        tabIndex={0}
        className="kft-map-box"
        aria-label={label}
        aria-describedby={`${id}-keys`}
        aria-multiselectable={multiple || undefined}
        aria-activedescendant={active !== null && data[active] ? `${id}-${data[active].name}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={() => setFocused(false)}
      >
        <div ref={el} className="kft-map" aria-hidden="true" data-testid="district-map" />
        {data.map((d) => (
          <div key={d.name} id={`${id}-${d.name}`} role="option" tabIndex={-1} aria-selected={d.selected} className="kft-sr-only">
            {districtText(d)}
            {t('common.sep')}
            {countLabel(d.value)}
          </div>
        ))}
      </div>
      <p id={`${id}-keys`} className="kft-map-keys">
        {t('map.keys')}
      </p>
      <MapLegend id={id} title={legendTitle} steps={steps} colours={stepColours} stepText={stepText} />
    </div>
  );
}
