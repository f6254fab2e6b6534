/** The directory's filters as kept in the address, and the sort and order choices */
import type { OrgQuery } from './api';

export const LIST_KEYS = ['q', 'category', 'district', 'cluster', 'kind', 'recognition', 'sort', 'order'] as const;
/** The sort and order choices, in the order the selects list them (runtime lists of the query's generated `sort` and `order`) */
export const SORTS = ['relevance', 'name', 'updated', 'founded', 'employees'] as const satisfies readonly NonNullable<OrgQuery['sort']>[];
export const ORDERS = ['asc', 'desc'] as const satisfies readonly NonNullable<OrgQuery['order']>[];

export function filtersFromParams(sp: URLSearchParams) {
  const list = (k: string) => (sp.get(k) ? sp.get(k)!.split(',').filter(Boolean) : []);
  return {
    q: sp.get('q') ?? '',
    category: list('category'),
    district: list('district'),
    cluster: sp.get('cluster') ?? '',
    kind: sp.get('kind') ?? '',
    recognition: sp.get('recognition') ?? '',
    sort: sp.get('sort') ?? '',
    order: sp.get('order') ?? '',
    page: Number(sp.get('page') ?? 1) || 1,
  };
}

/** The directory's filters, as read from the address */
export type DirectoryFilters = ReturnType<typeof filtersFromParams>;

/** Sets (or, when empty, removes) search parameters; any change but a page change goes back to page 1 */
export type UpdateParams = (patch: Record<string, string | string[] | number | undefined>) => void;
