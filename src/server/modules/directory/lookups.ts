import type { ReferenceService } from '../reference/index.ts';
import type { Lookups } from './columns.ts';

/** Code → Chinese name functions for exports and published lists. */
export async function loadLookups(reference: ReferenceService): Promise<Lookups> {
  const [cats, divs, clusters] = await Promise.all([reference.categories(), reference.divisions(), reference.clusters()]);
  const c = new Map(cats.map((x) => [x.code, x.nameZh]));
  const d = new Map(divs.map((x) => [x.code, x.name]));
  const k = new Map(clusters.map((x) => [x.id, x.name]));
  return {
    categoryName: (code) => c.get(code) ?? code,
    districtName: (code) => d.get(code) ?? code,
    clusterName: (id) => k.get(id) ?? id,
  };
}
