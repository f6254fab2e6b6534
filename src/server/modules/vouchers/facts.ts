/** The eligibility facts of an organization, computed from the directory's profile: never typed again. */
import type { DirectoryService, RelationService } from '../directory/index.ts';
import type { OrgFacts } from './eligibility.ts';

export interface DirectoryFace {
  orgs: Pick<DirectoryService, 'get'>;
  relations: Pick<RelationService, 'related' | 'incubators'>;
}

export async function factsOf(directory: DirectoryFace, orgId: number, today: string): Promise<OrgFacts & { districtCode: string | null; name: string }> {
  const org = await directory.orgs.get(orgId);
  const incubators = await directory.relations.incubators(orgId);
  return {
    name: org.name,
    kinds: org.kinds,
    recognitions: org.recognitions
      .filter((r) => (!r.validTo || r.validTo >= today) && (!r.validFrom || r.validFrom <= today))
      .map((r) => ({ kind: r.kind, validTo: r.validTo ?? null })),
    employees: org.employees ?? null,
    districtCode: org.districtCode ?? null,
    incubated: incubators.length > 0,
  };
}
