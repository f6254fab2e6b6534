/**
 * A searchable list as the API returns it (achievements, demands, experts): the search with its typo
 * fallback (list-query.ts), the page's records fetched by id in the page's order, each presented for
 * the viewer with its title and a snippet highlighted with the query's words.
 */
import type { Database } from '../../../platform/db/database.ts';
import type { Sql } from '../../../platform/db/sql.ts';
import { highlight, type MarketQuery } from '../vocabulary/text.ts';
import { searchWithFallback, type ListingSearch, type ListingTable } from './list-query.ts';

/**
 * A list as the API returns it: search (with the typo fallback), fetch the page's records, and
 * present each with its title and a snippet highlighted with the query's words.
 */
export async function listPage<T, P>(
  db: Database,
  table: ListingTable,
  s: { text: MarketQuery | null; where: Sql[]; sort: ListingSearch['sort']; page: number; pageSize: number; undated?: boolean },
  fetch: (ids: number[]) => Promise<T[]>,
  present: (item: T) => P,
  fragments: (item: T) => { title: string; body: string | null },
) {
  const found = await searchWithFallback(db, table, {
    text: s.text,
    where: s.where,
    sort: s.sort,
    limit: s.pageSize,
    offset: (s.page - 1) * s.pageSize,
    undated: s.undated,
  });
  const marks = s.text?.marks ?? [];
  const items = await fetch(found.ids);
  return {
    items: items.map((x) => {
      const f = fragments(x);
      return { ...present(x), highlight: { title: highlight(f.title, marks), snippet: highlight(f.body, marks, 120) } };
    }),
    total: found.total,
    page: s.page,
    pageSize: s.pageSize,
    fuzzy: found.fuzzy,
    approximate: found.approximate,
    facets: found.facets,
  };
}
