/**
 * The service catalogue's face (服务目录): providers publish services, everybody searches them, and a
 * provider's storefront gathers its services, instruments and achievements. Built from the faces it
 * uses: reference (categories, divisions), directory (providers), instruments (the catalogue by owner),
 * market (achievements by owner). Other modules (orders, vouchers) read services through `get` and
 * `summaries`, never the table.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { ReferenceService } from '../reference/index.ts';
import type { DirectoryService } from '../directory/index.ts';
import type { CatalogueService } from '../instruments/index.ts';
import type { Market } from '../market/index.ts';
import { SERVICE_TABLES } from './tables.ts';
import { ServiceCatalogue, type ServiceSummary } from './service.ts';
import { Storefront } from './storefront.ts';
import { serviceRoutes } from './routes.ts';

export { ServiceCatalogue, type ServiceSummary } from './service.ts';
export { SERVICE_PRICING_MODES, SERVICE_RESTRICTED_KINDS, SERVICE_STATUSES, type RestrictedKind, type PricingMode, type ServiceStatus } from './schemas.ts';
export { seedDemoServices } from './demo-seed.ts';

export class ServicesModule implements ModuleFace {
  readonly name = 'services';
  readonly tables = SERVICE_TABLES;
  readonly catalogue: ServiceCatalogue;
  readonly storefront: Storefront;

  constructor(db: Database, reference: ReferenceService, directory: DirectoryService, instruments: CatalogueService, market: Market) {
    this.catalogue = new ServiceCatalogue(db, reference, directory);
    this.storefront = new Storefront(this.catalogue, instruments, market);
  }

  /** The service's row-shaped summary (what an order or a voucher check needs), or null. */
  get(id: number): Promise<ServiceSummary | null> {
    return this.catalogue.summary(id);
  }

  /** The summaries of these ids, in the order given (unknown ids left out). */
  summaries(ids: number[]): Promise<ServiceSummary[]> {
    return this.catalogue.summaries(ids);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(serviceRoutes, { services: this.catalogue, storefront: this.storefront });
  }
}
