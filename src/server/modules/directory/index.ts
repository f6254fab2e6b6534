/**
 * The directory module's face: organizations (the one profile everything else refers to), their
 * imports and exports, and the published lists. Other modules name an organization through
 * `orgJoin`/`orgsTable` (fragments.ts) or the service, never the table itself.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { DEFAULT_ZIP_LIMITS } from '../../platform/files/zip.ts';
import type { ReferenceService } from '../reference/index.ts';
import { DIRECTORY_TABLES } from './tables.ts';
import { DirectoryService } from './service.ts';
import { ImportService } from './import/service.ts';
import { PublicationService } from './publications/service.ts';
import { directoryRoutes } from './routes.ts';
import { importRoutes } from './import/routes.ts';
import { exportRoutes } from './export/routes.ts';
import { publicationRoutes } from './publications/routes.ts';
import './relations/messages.ts';
import { RelationService } from './relations/service.ts';
import { relationRoutes } from './relations/routes.ts';

export { DirectoryService } from './service.ts';
export { orgJoin, orgsTable } from './fragments.ts';
export { presentOrg, maskPerson, maskPhone } from './presenter.ts';
export { generateOrgs, generateUscc, rng } from './demo/generator.ts';
export { Uscc } from './schemas.ts';
export type { Org, OrgInput } from './schemas.ts';
export type { RelationService } from './relations/service.ts';
export type { RelatedReason } from './relations/schemas.ts';

export class DirectoryModule implements ModuleFace {
  readonly name = 'directory';
  readonly tables = DIRECTORY_TABLES;
  readonly orgs: DirectoryService;
  readonly imports: ImportService;
  readonly publications: PublicationService;
  /** who owns whom, who incubates whom, the legal representative: the vouchers' related-party rule reads them */
  readonly relations: RelationService;

  constructor(
    db: Database,
    reference: ReferenceService,
    private readonly config: Config,
    /** this process's lease: import jobs record it as their owner */
    ownerLease: number,
  ) {
    this.orgs = new DirectoryService(db, reference);
    const zipLimits = { ...DEFAULT_ZIP_LIMITS, maxInflatedBytes: config.importMaxInflatedBytes };
    this.imports = new ImportService(db, this.orgs, reference, { ownerLease, zipLimits });
    this.publications = new PublicationService(db, this.orgs, reference, config);
    this.relations = new RelationService(db, this.orgs);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(directoryRoutes, { directory: this.orgs });
    await app.register(importRoutes, { imports: this.imports, config: this.config });
    await app.register(exportRoutes, { directory: this.orgs });
    await app.register(publicationRoutes, { publications: this.publications });
    await app.register(relationRoutes, { relations: this.relations });
  }
}
