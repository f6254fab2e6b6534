/**
 * The market's use of the platform text pipeline: queries expanded with the editable synonym list,
 * the words a record is matched on (key terms), and highlighted fragments for result lists.
 */
import { fold, toSimplifiedAligned } from '../../../platform/text/fold.ts';
import { documentTerms, queryTerms } from '../../../platform/text/segment.ts';
import { pinyinKey } from '../../../platform/text/pinyin.ts';
import { toTsquery, type TextQuery } from '../../../platform/text/search-sql.ts';
import type { Segment } from '../schemas.ts';

export type { Segment };

export interface MarketQuery extends TextQuery {
  /** folded words and synonyms to mark in results */
  marks: string[];
}

const CJK = /[\u3400-\u9fff]/;

/**
 * A query with every synonym group it mentions expanded: "人工智能 医疗" with the group
 * {人工智能, ai} becomes ('人工' & '智能' | 'ai':*) & '医疗'. A group member is found in the folded
 * query text (not among its words), so multi-word members such as 新能源汽车 work whatever the
 * segmenter makes of them.
 */
export function parseMarketQuery(q: string | undefined, groups: string[][]): MarketQuery | null {
  if (!q) return null;
  const folded = fold(q);
  if (!folded) return null;
  let rest = folded;
  const clauses: string[] = [];
  const marks: string[] = [];
  // longest members first, so that 新能源汽车 wins over 汽车
  const members = groups.flatMap((g) => g.map((m) => ({ m, g }))).sort((a, b) => b.m.length - a.m.length);
  const used = new Set<string[]>();
  for (const { m, g } of members) {
    if (used.has(g) || !m || !rest.includes(m)) continue;
    if (!CJK.test(m) && !new RegExp(`(^|[^a-z0-9])${escapeRegExp(m)}([^a-z0-9]|$)`).test(rest)) continue; // latin: whole words only
    used.add(g);
    rest = rest.split(m).join(' ');
    const alternatives = g.map((member) => queryTerms(member)).filter((t) => t.length);
    if (!alternatives.length) continue;
    clauses.push(
      alternatives.length === 1 ? toTsquery(alternatives[0]) : `(${alternatives.map((t) => (t.length > 1 ? `(${toTsquery(t)})` : toTsquery(t))).join(' | ')})`,
    );
    marks.push(...g);
  }
  const terms = queryTerms(rest);
  const tsquery = [toTsquery(terms), ...clauses].filter(Boolean).join(' & ');
  const py = pinyinKey(folded);
  return { folded, pinyin: py.length >= 5 ? py : null, terms: tsquery ? [...terms, ...marks] : [], tsquery, marks: [...new Set([...terms, ...marks])] };
}

/** The distinct words a record is matched on: CJK words of two or more characters, latin words of two or more letters. */
export function keyTerms(...texts: (string | null | undefined)[]): string[] {
  const terms = documentTerms(texts.filter(Boolean).join('\n'));
  return terms.filter((t) => (CJK.test(t) ? [...t].length >= 2 : t.length >= 2 && !/^\d+$/.test(t))).slice(0, 400);
}

/**
 * Splits text into marked and unmarked segments. Matching is done on the folded text (so 醫療 in a
 * record is marked for the query 医疗), one character at a time, so positions map back to the
 * original characters. Long text is cut to a window around the first mark.
 */
export function highlight(text: string | null | undefined, marks: string[], maxLength = 0): Segment[] {
  if (!text) return [];
  const chars = [...text];
  const haystack = foldAligned(text, chars);
  // positions in code points: the folded string has exactly one unit per original character
  const hit = new Array<boolean>(chars.length).fill(false);
  const units = [...haystack];
  const joined = units.join('');
  for (const mark of marks.filter((m) => m.length >= 1).sort((a, b) => b.length - a.length)) {
    let from = 0;
    for (;;) {
      const at = joined.indexOf(mark, from);
      if (at < 0) break;
      const start = [...joined.slice(0, at)].length;
      const len = [...mark].length;
      for (let i = start; i < start + len; i++) hit[i] = true;
      from = at + mark.length;
    }
  }
  let lo = 0;
  let hi = chars.length;
  if (maxLength && chars.length > maxLength) {
    const first = hit.indexOf(true);
    lo = first < 0 ? 0 : Math.max(0, Math.min(first - Math.floor(maxLength / 4), chars.length - maxLength));
    hi = lo + maxLength;
  }
  const out: Segment[] = [];
  if (lo > 0) out.push({ text: '…', hit: false });
  for (let i = lo; i < hi; i++) {
    const last = out[out.length - 1];
    if (last && last.hit === hit[i] && last.text !== '…') last.text += chars[i];
    else out.push({ text: chars[i], hit: hit[i] });
  }
  if (hi < chars.length) out.push({ text: '…', hit: false });
  return out;
}

/**
 * The folded text with exactly one character per character of the original, so that positions map
 * back. Folding the whole text at once is the fast way (one conversion instead of one per
 * character: 34 → a few ms for a page of results); when that changes the length (NFKC expands ㎡,
 * a phrase converts to a different length) each character is folded on its own.
 */
function foldAligned(text: string, chars: string[]): string {
  const whole = [...toSimplifiedAligned(text.normalize('NFKC').toLowerCase())];
  if (whole.length === chars.length) return whole.join('');
  return chars
    .map((c) => {
      const f = fold(c);
      return [...f].length === 1 ? f : c.toLowerCase();
    })
    .join('');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
