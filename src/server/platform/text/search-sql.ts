/**
 * SQL fragments for the text search every module shares: a tsvector from the folded, segmented
 * document (weight A for names, B for the rest), and the matching condition and rank for a query.
 */
import { sql, type Sql } from '../db/sql.ts';
import { documentTerms, queryTerms } from './segment.ts';
import { fold } from './fold.ts';
import { pinyinKey } from './pinyin.ts';

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
  const py = pinyinKey(folded);
  return { folded, pinyin: py.length >= 5 ? py : null, terms, tsquery: toTsquery(terms) };
}

/**
 * The condition for rows a query matches, each branch answerable by its own GIN index so that
 * PostgreSQL combines them with a BitmapOr (this needs SSD planning costs: with the server default
 * random_page_cost = 4 it scans the whole table instead, see platform/db/database.ts).
 * Exact: every query word is in the document, or the folded name contains the query.
 * Fuzzy (a fallback when exact finds nothing): the name's pinyin nearly contains the query's
 * pinyin (an input-method typo such as 检侧 for 检测, or a misspelt Latin name). The pinyin key of
 * a Latin name is its folded text; a trigram test on the whole folded name would share
 * 重庆…有限公司 with every row.
 */
export function textMatchSql(q: TextQuery, cols: { doc: Sql; name: Sql; pinyin?: Sql }, fuzzy: boolean): Sql {
  const branches: Sql[] = [];
  if (q.terms.length) branches.push(sql`${cols.doc} @@ to_tsquery('simple', ${q.tsquery})`);
  // pg_trgm needs 3 characters to use its index; shorter queries are covered by the words
  if ([...q.folded].length >= 3 || !q.terms.length) branches.push(sql`${cols.name} LIKE ${`%${escapeLike(q.folded)}%`}`);
  if (fuzzy && q.pinyin && cols.pinyin) branches.push(sql`${q.pinyin} <% ${cols.pinyin}`);
  return branches.length ? sql`(${sql.join(branches, ' OR ')})` : sql`false`;
}

/**
 * Relevance: full-text rank (name words weigh most), plus a boost when the name is, starts with
 * or contains the query. Trigram and pinyin similarity are computed only for fuzzy searches,
 * where they are the reason a row matched (they cost a comparison per matching row).
 */
export function textRankSql(q: TextQuery, docColumn: Sql, nameColumn: Sql, pinyinColumn?: Sql, fuzzy = false): Sql {
  const ts = q.terms.length ? sql`ts_rank(${docColumn}, to_tsquery('simple', ${q.tsquery}))` : sql`0`;
  const fuzzyScore = fuzzy
    ? sql` + similarity(${nameColumn}, ${q.folded})${q.pinyin && pinyinColumn ? sql` + 0.5 * word_similarity(${q.pinyin}, ${pinyinColumn})` : sql``}`
    : sql``;
  return sql`(${ts}${fuzzyScore} + CASE WHEN ${nameColumn} = ${q.folded} THEN 2 WHEN ${nameColumn} LIKE ${`${escapeLike(q.folded)}%`} THEN 0.8 WHEN strpos(${nameColumn}, ${q.folded}) > 0 THEN 0.5 ELSE 0 END)`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
