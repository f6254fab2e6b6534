/**
 * A dashboard as a workbook (.xlsx), in the caller's language (zh-CN headers first): one sheet per view of the page —
 * the indicators with their progress, the trend, the breakdown by category, by district and the cluster comparison.
 */
import { excelJS } from '../../../platform/export/exceljs.ts';
import { translate, type Locale } from '../../../platform/http/i18n.ts';
import type { DashboardIndicator, DashboardView } from './schemas.ts';

type Cell = string | number | null;

export async function dashboardWorkbook(
  d: DashboardView,
  locale: Locale,
  districtName: (code: string) => string,
): Promise<{ filename: string; asciiName: string; body: Buffer }> {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, `dashboard.sheet.${key}`, params);
  const en = locale === 'en';
  const place = en ? d.nameEn : d.nameZh;
  const name = (i: DashboardIndicator) => (en ? i.nameEn : i.nameZh);
  const unit = (i: DashboardIndicator) => translate(locale, `dashboard.unit.${i.unit}`);
  const status = (s: string) => translate(locale, `dashboard.status.${s}`);
  const wb = new (excelJS().Workbook)();
  wb.creator = '科服通 Kefutong';
  wb.created = new Date();
  const sheet = (key: string, headers: string[], rows: Cell[][], widths: number[]) => {
    const ws = wb.addWorksheet(t(`${key}.name`), { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.columns = headers.map((_, i) => ({ width: widths[i] ?? 14 }));
    ws.addRow([t(`${key}.title`, { place })]).font = { bold: true, size: 13 };
    ws.addRow([t('note', { asOf: d.asOf ?? '—' })]);
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r);
  };
  const progressRows = (list: DashboardIndicator[], prefix: Cell[] = []) =>
    list.flatMap((i) => {
      const base = [
        ...prefix,
        name(i),
        unit(i),
        i.latest?.value ?? null,
        i.latest?.period ?? null,
        i.latest ? translate(locale, `dashboard.origin.${i.latest.origin}`) : null,
      ];
      if (!i.progress.length) return [[...base, null, null, null, null, null, i.source]];
      return i.progress.map((p) => [...base, p.year, p.target, p.percent, p.expected, status(p.status), i.source]);
    });
  const progressHeaders = ['indicator', 'unit', 'latest', 'period', 'origin', 'targetYear', 'target', 'percent', 'expected', 'status', 'source'].map((k) =>
    t(`column.${k}`),
  );
  sheet('indicators', progressHeaders, progressRows(d.indicators), [36, 10, 16, 10, 10, 10, 16, 10, 16, 10, 10]);
  sheet(
    'trend',
    ['indicator', 'unit', 'period', 'asOf', 'value'].map((k) => t(`column.${k}`)),
    d.indicators.flatMap((i) => i.trend.map((p) => [name(i), unit(i), p.period, p.asOf, p.value])),
    [36, 10, 10, 12, 16],
  );
  sheet(
    'categories',
    ['category', 'entities', 'indicators'].map((k) => t(`column.${k}`)),
    d.categories.map((c) => [
      en ? c.nameEn : c.nameZh,
      c.entities,
      d.indicators
        .filter((i) => c.indicatorIds.includes(i.id))
        .map(name)
        .join(en ? '; ' : '；') || null,
    ]),
    [30, 12, 60],
  );
  sheet(
    'districts',
    ['district', 'code', 'entities'].map((k) => t(`column.${k}`)),
    d.districts.map((x) => [districtName(x.code), x.code, x.entities]),
    [20, 10, 12],
  );
  if (d.clusters.length)
    sheet(
      'clusters',
      [t('column.cluster'), t('column.entities'), ...progressHeaders],
      d.clusters.flatMap((c) => (c.indicators.length ? progressRows(c.indicators, [c.name, c.entities]) : [[c.name, c.entities]])),
      [26, 12, 36, 10, 16, 10, 10, 10, 16, 10, 16, 10, 10],
    );
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  const slug = d.scope.replace(/[^a-z0-9]+/gi, '-');
  return { filename: t('filename', { place, asOf: d.asOf ?? '' }), asciiName: `dashboard-${slug}.xlsx`, body };
}
