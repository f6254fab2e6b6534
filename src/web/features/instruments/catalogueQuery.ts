import type { InstrumentQuery } from './api';

/** The sort choices, in the order the select lists them (a runtime list of the query's generated `sort`) */
export const SORTS = ['relevance', 'name', 'price', 'value', 'updated'] as const satisfies readonly NonNullable<InstrumentQuery['sort']>[];
export const PAGE_SIZE = 20;

export function read(sp: URLSearchParams) {
  const list = (k: string) => (sp.get(k) ? sp.get(k)!.split(',').filter(Boolean) : []);
  const n = (k: string) => (sp.get(k) !== null && sp.get(k) !== '' && !Number.isNaN(Number(sp.get(k))) ? Number(sp.get(k)) : null);
  return {
    q: sp.get('q') ?? '',
    classes: list('class'),
    districts: list('district'),
    kind: sp.get('kind') ?? '',
    mode: sp.get('sharingMode') ?? '',
    priceMin: n('priceMin'),
    priceMax: n('priceMax'),
    date: sp.get('date') ?? '',
    from: sp.get('from') ?? '',
    to: sp.get('to') ?? '',
    minHours: n('minHours'),
    owner: sp.get('owner') ?? '',
    sort: sp.get('sort') ?? '',
    page: Number(sp.get('page') ?? 1) || 1,
  };
}

/** The catalogue's filters, as read from the address */
export type CatalogueFilters = ReturnType<typeof read>;

/** Sets (or, when empty, removes) search parameters; any change but a page change goes back to page 1 */
export type UpdateParams = (patch: Record<string, string | string[] | number | null | undefined>) => void;
