/**
 * Times and money for the instrument pages. The API speaks ISO 8601 instants; people read Asia/Shanghai wall
 * time whatever the browser's zone. China has had no daylight saving since 1991, so Shanghai time is a fixed
 * UTC+8 and wall-clock arithmetic here is plain millisecond arithmetic (no tz database needed).
 */
import i18n from 'i18next';

export const TZ = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600_000;
export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

const en = () => i18n.language?.startsWith('en');
const locale = () => (en() ? 'en-GB' : 'zh-CN');

/** Shanghai wall date and time of an instant: { date: 'YYYY-MM-DD', time: 'HH:mm', weekday: 0 (Mon)…6 (Sun) }. */
export function shParts(at: string | number | Date) {
  const d = new Date(new Date(at).getTime() + OFFSET_MS);
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: (d.getUTCDay() + 6) % 7 };
}

/** The instant of a Shanghai wall date and time, as the API wants it (explicit +08:00). "24:00" is next midnight. */
export function shInstant(date: string, time: string): string {
  if (time === '24:00') return `${addDays(date, 1)}T00:00:00+08:00`;
  return `${date}T${time.slice(0, 5)}:00+08:00`;
}
export const shMs = (date: string, time: string) => Date.parse(shInstant(date, time));
/** ISO instant (+08:00) of a millisecond timestamp, so what we send reads like what the user picked. */
export function isoSh(ms: number): string {
  const p = shParts(ms);
  return `${p.date}T${p.time}:00+08:00`;
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
export const todaySh = () => shParts(Date.now()).date;
/** Monday of the week that holds a date (ISO weeks, as the calendar shows them). */
export function mondayOf(date: string): string {
  const wd = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -wd);
}

function fmt(at: string | number, opts: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, hour12: false, ...opts }).format(new Date(at));
}
// zh "11月24日周二", en "Tue 24 Nov"
const month = () => (en() ? 'short' : 'long') as 'short' | 'long';
/** "11月24日周二 09:00" */
export const fmtDateTime = (at: string | number) => fmt(at, { month: month(), day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
/** "2026年11月24日 09:00" — where the year matters. */
export const fmtFull = (at: string | number) => fmt(at, { year: 'numeric', month: month(), day: 'numeric', hour: '2-digit', minute: '2-digit' });
export const fmtDay = (at: string | number) => fmt(at, { month: month(), day: 'numeric', weekday: 'short' });
/** "11/24" (zh) or "24/11" (en): short enough for a calendar column at 375 px. */
export const fmtMonthDay = (at: string | number) => fmt(at, { month: 'numeric', day: 'numeric' });
export const fmtTime = (at: string | number) => shParts(at).time;
/** "2026-12-01 17:05": when a record was made (imports, publications), under a label that says Beijing time. */
export const fmtStamp = (at: string | number) => {
  const p = shParts(at);
  return `${p.date} ${p.time}`;
};
/** "2026-12-01 17:05（北京时间）" / "2026-12-01 17:05 (Beijing time)", where no header carries the label. */
export const fmtStampLabelled = (at: string | number) => i18n.t('common.beijingTime', { x: fmtStamp(at) });

/** "5月4日周一 09:00–12:00", or both ends in full when the span crosses midnight. */
export function fmtSpan(start: string | number, end: string | number): string {
  const a = shParts(start);
  const b = shParts(end);
  const endsAtMidnight = b.time === '00:00' && addDays(a.date, 1) === b.date;
  if (a.date === b.date || endsAtMidnight) return `${fmtDateTime(start)}–${endsAtMidnight ? '24:00' : b.time}`;
  return `${fmtDateTime(start)} – ${fmtDateTime(end)}`;
}

/** Money arrives in fen (分); people read yuan. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return new Intl.NumberFormat(en() ? 'en-US' : 'zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fen / 100);
}
export const toFen = (yuanValue: number | null | undefined) => (yuanValue === null || yuanValue === undefined ? null : Math.round(yuanValue * 100));
export const toYuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fen / 100);

export function num(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}
