/**
 * Folding makes text typed in different ways compare equal: traditional → simplified characters
 * (OpenCC's Taiwan→mainland table, which includes the regional variant characters such as 臺),
 * full-width → half-width (NFKC), and lower case. Every indexed column and every query goes
 * through the same function, so "重慶檢測" finds "重庆检测" and "ＡＢＣ" finds "abc".
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function fold(text: string | null | undefined): string {
  if (!text) return '';
  let s = text.normalize('NFKC').toLowerCase();
  if (HAS_CJK.test(s)) s = toSimplified(s);
  return s.replace(/\s+/g, ' ').trim();
}

/** The traditional → simplified conversion alone, without folding case, width or spaces. */
export function toSimplifiedAligned(text: string): string {
  return HAS_CJK.test(text) ? toSimplified(text) : text;
}
