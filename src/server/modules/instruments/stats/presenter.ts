/**
 * The indicators as a spreadsheet (.xlsx), in the caller's language: one row per group, the totals
 * and the national averages, with the period in the title and the file name.
 */
import type { Readable } from 'node:stream';
import { xlsxStream } from '../../../platform/export/spreadsheet.ts';
import { translate, type Locale } from '../../../platform/http/i18n.ts';
import type { StatsView } from './schemas.ts';

const COLUMNS: [key: string, width: number][] = [
  ['instruments', 10],
  ['openingHours', 14],
  ['bookedHours', 14],
  ['workHours', 16],
  ['externalHours', 16],
  ['utilisation', 10],
  ['sharingRate', 10],
  ['outsideOrgs', 12],
  ['income', 14],
  ['workPerYear', 16],
  ['externalPerYear', 16],
];

const day = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export function statsSpreadsheet(s: StatsView, locale: Locale): { filename: string; asciiName: string; body: Readable } {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, `stats.sheet.${key}`, params);
  const period = { from: day(s.from), to: day(new Date(s.to.getTime() - 1)) }; // `to` is exclusive
  const columns = [{ header: t(`group.${s.groupBy}`), width: 36 }, ...COLUMNS.map(([key, width]) => ({ header: t(`column.${key}`), width }))];
  const pct = (v: number | null) => (v == null ? null : Math.round(v * 10000) / 100);
  const cells = (name: string, x: (typeof s.rows)[number] | typeof s.totals) => [
    name,
    x.instruments,
    x.openingHours,
    x.bookedHours,
    x.workHours,
    x.externalHours,
    pct(x.utilisation),
    pct(x.sharingRate),
    x.outsideOrgs,
    x.incomeFen / 100,
    x.workHoursPerInstrumentYear,
    x.externalHoursPerInstrumentYear,
  ];
  async function* rows() {
    yield s.rows.map((x) => cells(x.name || t('noDistrict'), x));
    yield [
      cells(t('total'), s.totals),
      [
        t('national', { year: s.national.year }),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        s.national.workHoursPerYear,
        s.national.externalHoursPerYear,
      ],
    ];
  }
  return {
    filename: t('filename', period),
    asciiName: `instrument-stats-${period.from}.xlsx`,
    body: xlsxStream(t('sheetName'), columns, rows(), { title: t('title', period), note: t('note') }),
  };
}
