/** The district map's data: the Chongqing outline (loaded once), the legend's steps and colours, a district's text */
import * as echarts from 'echarts/core';

export interface Feature {
  properties: { code: string; name: string; center?: [number, number] };
}
let geoPromise: Promise<{ features: Feature[] }> | null = null;
export function loadGeo() {
  geoPromise ??= fetch('/geo/chongqing.json')
    .then((r) => r.json())
    .then((geo) => {
      echarts.registerMap('chongqing', geo);
      return geo;
    });
  return geoPromise;
}

/** light → dark; a legend of n steps takes n of them spread over the whole range */
const PALETTE = ['#e6f0fb', '#bcd6f3', '#8cb8e8', '#5a95d6', '#2c6bb4', '#0b3d73'];

/**
 * The legend's steps for whole numbers from min to max: about five, of a round size (1, 2, 5 × 10ⁿ), the first
 * starting at min and the last ending at max, so the legend shows the data's own smallest and largest value.
 */
export function legendSteps(min: number, max: number): [number, number][] {
  if (max <= min) return [[min, max]];
  const raw = (max - min + 1) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const size = Math.max(1, Math.round([1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!));
  const steps: [number, number][] = [];
  for (let lo = Math.floor(min / size) * size; lo <= max; lo += size) steps.push([Math.max(lo, min), Math.min(lo + size - 1, max)]);
  return steps;
}

/** A district as the map draws it and the listbox names it */
export interface Datum {
  name: string;
  value: number;
  districtName: string;
  effectiveName: string;
  selected: boolean;
}
/** "渝北区", or "万盛区 → 綦江区" for a merged district */
export const districtText = (d: Datum) => (d.districtName === d.effectiveName ? d.districtName : `${d.districtName} → ${d.effectiveName}`);

export const colours = (n: number) => Array.from({ length: n }, (_, i) => PALETTE[n === 1 ? 0 : Math.round((i * (PALETTE.length - 1)) / (n - 1))]);
