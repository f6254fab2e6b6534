import type { ECharts } from 'echarts/core';

/** Whether an element is in the page and has a size (an element taken out of the page measures 0×0). */
export const hasSize = (el: HTMLElement) => el.isConnected && el.clientWidth > 0 && el.clientHeight > 0;

/**
 * Keeps a chart sized to its element; `onSized` runs after each resize (a chart drawn while it had no size
 * catches up there). Resizes only while the element is in the page and has a size: ECharts 6.1.0 throws
 * `Cannot read properties of null (reading '0')` from the update of a geo/map chart sized 0×0
 * (apache/echarts#21706), and a resize observer reports exactly that when React takes the element out of
 * the page before the effect that disconnects it has run. Returns the function that stops observing.
 */
export function followSize(el: HTMLElement, chart: ECharts, onSized?: () => void): () => void {
  const ro = new ResizeObserver(() => {
    if (chart.isDisposed() || !hasSize(el)) return;
    chart.resize();
    onSized?.();
  });
  ro.observe(el);
  return () => ro.disconnect();
}
