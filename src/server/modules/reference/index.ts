/**
 * The reference module's face: service categories, divisions (with successors), clusters, management
 * areas, and the coded lists every module shares (organization kinds, recognitions, revenue bands).
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { REFERENCE_TABLES } from './tables.ts';
import { ReferenceService } from './service.ts';
import { referenceRoutes } from './routes.ts';

export { ReferenceService, seedReferenceData, ORG_KINDS, RECOGNITION_KINDS, REVENUE_BANDS, CHONGQING_DIVISIONS } from './service.ts';
export type { ServiceCategory, Division, Cluster, ManagementArea } from './service.ts';

export class ReferenceModule implements ModuleFace {
  readonly name = 'reference';
  readonly tables = REFERENCE_TABLES;
  readonly service: ReferenceService;

  constructor(db: Database) {
    this.service = new ReferenceService(db);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(referenceRoutes, { reference: this.service });
  }
}
