import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Facet } from '../api';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

interface Feature { properties: { code: string; name: string; center?: [number, number] } }
let geoPromise: Promise<{ features: Feature[] }> | null = null;
function loadGeo() {
  geoPromise ??= fetch('/geo/chongqing.json').then((r) => r.json()).then((geo) => {
    echarts.registerMap('chongqing', geo);
    return geo;
  });
  return geoPromise;
}

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
  label: string;
  countLabel: (n: number) => string;
}

export default function DistrictMap({ facets, selected, effectiveCode, nameOf, onToggle, label, countLabel }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [geo, setGeo] = useState<{ features: Feature[] } | null>(null);
  const toggleRef = useRef(onToggle);
  toggleRef.current = onToggle;

  useEffect(() => { void loadGeo().then(setGeo); }, []);

  useEffect(() => {
    if (!geo || !el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    window.__kftMap = c;
    window.__kftMapPoint = (code: string) => {
      const f = geo.features.find((x) => x.properties.code === code);
      if (!f?.properties.center) return null;
      const p = c.convertToPixel({ seriesIndex: 0 }, f.properties.center) as number[] | undefined;
      return p ? [p[0], p[1]] : null;
    };
    c.on('click', (p: any) => { if (p?.name) toggleRef.current(String(p.name)); });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; if (window.__kftMap === c) delete window.__kftMap; };
  }, [geo]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !geo) return;
    const counts = new Map(facets.map((f) => [f.code, f.count]));
    const data = geo.features.map((f) => {
      const code = f.properties.code;
      const eff = effectiveCode(code);
      const isSel = selected.includes(eff);
      return {
        name: code,
        value: counts.get(eff) ?? 0,
        districtName: nameOf(code),
        effectiveName: nameOf(eff),
        itemStyle: isSel ? { borderColor: '#d4380d', borderWidth: 2 } : undefined,
      };
    });
    const max = Math.max(1, ...data.map((d) => d.value));
    c.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: any) => {
          const d = p.data;
          if (!d) return '';
          const n = d.districtName === d.effectiveName ? d.districtName : `${d.districtName} → ${d.effectiveName}`;
          return `${n}<br/>${countLabel(d.value)}`;
        },
      },
      visualMap: { min: 0, max, left: 8, bottom: 8, calculable: false, itemHeight: 80, itemWidth: 10, inRange: { color: ['#e6f0fb', '#6aa3e0', '#0b3d73'] }, textStyle: { fontSize: 10 } },
      series: [{
        type: 'map', map: 'chongqing', nameProperty: 'code', roam: false, selectedMode: false,
        layoutCenter: ['50%', '50%'], layoutSize: '95%',
        label: { show: false },
        emphasis: { label: { show: true, formatter: (p: any) => p.data?.districtName ?? '', fontSize: 11 }, itemStyle: { areaColor: '#ffd666' } },
        itemStyle: { borderColor: '#fff', borderWidth: 0.6 },
        data,
      }],
    }, { notMerge: false });
    if (el.current) el.current.dataset.ready = facets.length ? 'true' : 'false';
  }, [geo, facets, selected, effectiveCode, nameOf, countLabel]);

  return <div ref={el} className="kft-map" role="img" aria-label={label} data-testid="district-map" />;
}
