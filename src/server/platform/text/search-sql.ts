/**
 * SQL fragments for the text search every module shares: a tsvector from the folded, segmented
 * document (weight A for names, B for the rest), and the matching condition and rank for a query.
 */
import { sql, type Sql } from '../db/sql.ts';
import { documentTerms, queryTerms } from './segment.ts';
import { fold } from './fold.ts';
import { hasCjk, pinyinKey } from './pinyin.ts';

/** tsvector for weighted fields, e.g. { A: [name, ...formerNames], B: [description, address] }. */
export function searchDocumentSql(fields: { A?: (string | null | undefined)[]; B?: (string | null | undefined)[]; C?: (string | null | undefined)[] }): Sql {
  const parts: Sql[] = [];
  for (const weight of ['A', 'B', 'C'] as const) {
    const text = (fields[weight] ?? []).filter(Boolean).join(' ');
    const terms = documentTerms(text).join(' ');
    parts.push(sql`setweight(to_tsvector('simple', ${terms}), ${weight}::"char")`);
  }
  return sql.join(parts, ' || ');
}

/** A tsquery requiring every query word; latin words also match as prefixes ("iso" → "iso17025"). */
export function toTsquery(terms: string[]): string {
  return terms.map((t) => (/^[a-z0-9]+$/.test(t) ? `'${t}':*` : `'${t}'`)).join(' & ');
}

export interface TextQuery {
  folded: string;
  /** toneless pinyin of a CJK query long enough to compare (else null) */
  pinyin: string | null;
  terms: string[];
  tsquery: string;
}

export function parseTextQuery(q: string | undefined): TextQuery | null {
  if (!q) return null;
  const folded = fold(q);
  if (!folded) return null;
  const terms = queryTerms(folded);
  const py = hasCjk(folded) ? pinyinKey(folded) : '';
  return { folded, pinyin: py.length >= 6 ? py : null, terms, tsquery: toTsquery(terms) };
}

/**
 * Matches when every word is in the document, or the folded name is similar to the query
 * (trigram similarity), or contains it, or its pinyin contains the query's pinyin nearly
 * (an input-method typo). Every branch uses a GIN index.
 */
export function textMatchSql(q: TextQuery, docColumn: Sql, nameColumn: Sql, pinyinColumn?: Sql): Sql {
  const conditions: Sql[] = [];
  if (q.pinyin && pinyinColumn) conditions.push(sql`${q.pinyin} <% ${pinyinColumn}`);
  if (q.terms.length) conditions.push(sql`${docColumn} @@ to_tsquery('simple', ${q.tsquery})`);
  conditions.push(sql`${nameColumn} % ${q.folded}`);
  if (q.folded.length >= 2) conditions.push(sql`${nameColumn} LIKE ${'%' + escapeLike(q.folded) + '%'}`);
  return sql`(${sql.join(conditions, ' OR ')})`;
}

export function textRankSql(q: TextQuery, docColumn: Sql, nameColumn: Sql, pinyinColumn?: Sql): Sql {
  const ts = q.terms.length ? sql`ts_rank(${docColumn}, to_tsquery('simple', ${q.tsquery}))` : sql`0`;
  const py = q.pinyin && pinyinColumn ? sql`0.5 * word_similarity(${q.pinyin}, ${pinyinColumn})` : sql`0`;
  return sql`(${ts} + ${py} + similarity(${nameColumn}, ${q.folded}) + CASE WHEN ${nameColumn} = ${q.folded} THEN 2 WHEN ${nameColumn} LIKE ${escapeLike(q.folded) + '%'} THEN 0.5 ELSE 0 END)`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
