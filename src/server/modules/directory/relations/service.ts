/**
 * Organization relations: offices record who owns whom and which incubator hosts which team; an organization
 * (or its office) records its legal representative. The vouchers module asks `related(a, b)` at checkout and
 * `incubators(orgId)` for eligibility.
 */
import type { Database } from '../../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { administersDistrict, editsForOrg, type CurrentUser } from '../../auth/index.ts';
import type { DirectoryService } from '../service.ts';
import { RelationRepository } from './repository.ts';
import type { OrgRelation, RelatedReason, RelationInput } from './schemas.ts';

export class RelationService {
  private readonly repo: RelationRepository;

  constructor(
    private readonly db: Database,
    private readonly directory: DirectoryService,
  ) {
    this.repo = new RelationRepository(db);
  }

  related(a: number, b: number): Promise<RelatedReason | null> {
    return this.repo.related(a, b);
  }

  incubators(orgId: number): Promise<number[]> {
    return this.repo.incubators(orgId);
  }

  private async reach(orgId: number, user: CurrentUser) {
    const org = await this.directory.get(orgId); // 404 when there is none
    const office = administersDistrict(user, org.districtCode);
    return { org, office, sees: office || editsForOrg(user, orgId) };
  }

  async get(orgId: number, user: CurrentUser): Promise<{ legalRepresentative: string | null; relations: OrgRelation[]; canEdit: boolean }> {
    const { sees, office } = await this.reach(orgId, user);
    if (!sees) throw forbidden('org.relationsForbidden');
    return { legalRepresentative: await this.repo.legalRepresentative(orgId), relations: await this.repo.list(orgId), canEdit: office };
  }

  async setLegalRepresentative(orgId: number, name: string | null, user: CurrentUser): Promise<void> {
    const { sees, org } = await this.reach(orgId, user);
    if (!sees) throw forbidden('org.relationsForbidden');
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).setLegalRepresentative(orgId, name);
      // the name is personal data: the trail says that it changed, not to what
      await recordAudit(tx, { type: 'directory.legal_representative_set', actor: user, districtCode: org.districtCode, subject: { type: 'org', id: orgId } });
    });
  }

  async add(orgId: number, input: RelationInput, user: CurrentUser): Promise<void> {
    const { office, org } = await this.reach(orgId, user);
    if (!office) throw forbidden('org.relationsOfficeOnly');
    if (input.toOrgId === orgId) throw invalid([{ path: 'toOrgId', key: 'org.relationSelf' }]);
    const other = await this.directory.get(input.toOrgId).catch(() => null);
    if (!other) throw invalid([{ path: 'toOrgId', key: 'org.relationUnknownOrg' }]);
    if (input.kind === 'incubates' && !org.kinds.includes('incubator')) throw invalid([{ path: 'kind', key: 'org.relationNotIncubator' }]);
    await this.db.transaction(async (tx) => {
      const id = await this.repo.with(tx).add(input.kind, orgId, input.toOrgId, user.id);
      if (id == null) throw conflict('org.relationExists');
      await recordAudit(tx, {
        type: 'directory.relation_added',
        actor: user,
        districtCode: org.districtCode,
        subject: { type: 'org', id: orgId },
        detail: { kind: input.kind, toOrgId: input.toOrgId },
      });
    });
  }

  async remove(orgId: number, relationId: number, user: CurrentUser): Promise<void> {
    const { office, org } = await this.reach(orgId, user);
    if (!office) throw forbidden('org.relationsOfficeOnly');
    await this.db.transaction(async (tx) => {
      const gone = await this.repo.with(tx).remove(orgId, relationId);
      if (!gone) throw notFound('org.relationNotFound');
      await recordAudit(tx, {
        type: 'directory.relation_removed',
        actor: user,
        districtCode: org.districtCode,
        subject: { type: 'org', id: orgId },
        detail: gone,
      });
    });
  }
}
