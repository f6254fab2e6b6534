/**
 * The shared-instruments module's face: the catalogue and availability, bookings (an aggregate of its
 * own, bookings/), the sharing indicators (stats/), and the fragments the market's search and matching
 * read instruments by. Built from the faces it uses: reference (divisions), directory (owners), auth
 * (accounts: who is trained, who hears an organization's news).
 */
import './messages.ts';
import './bookings/messages.ts';
import './stats/messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { ReferenceService } from '../reference/index.ts';
import type { DirectoryService } from '../directory/index.ts';
import type { AuthService } from '../auth/index.ts';
import { INSTRUMENT_TABLES } from './tables.ts';
import { InstrumentListQuery } from './schemas.ts';
import type { Instrument } from './repository.ts';
import { InstrumentService } from './service.ts';
import { CatalogueService } from './catalogue/service.ts';
import { BookingService } from './bookings/service.ts';
import { InstrumentStatsService } from './stats/service.ts';
import { instrumentRoutes } from './routes.ts';
import { bookingRoutes } from './bookings/routes.ts';
import { statsRoutes } from './stats/routes.ts';

export { InstrumentService } from './service.ts';
export { CatalogueService } from './catalogue/service.ts';
export { BookingService, type BookingSettlement } from './bookings/service.ts';
export { InstrumentStatsService } from './stats/service.ts';
export { instrumentsTable, openToOutsiders } from './fragments.ts';
export { seedDemoInstruments, seedDemoUsedBookings } from './demo-seed.ts';

export class InstrumentsModule implements ModuleFace {
  readonly name = 'instruments';
  readonly tables = INSTRUMENT_TABLES;
  readonly instruments: InstrumentService;
  readonly catalogue: CatalogueService;
  readonly bookings: BookingService;
  readonly stats: InstrumentStatsService;
  private readonly config: Config;

  constructor(db: Database, reference: ReferenceService, directory: DirectoryService, auth: AuthService, config: Config) {
    this.instruments = new InstrumentService(db, reference, directory, auth);
    this.catalogue = new CatalogueService(db, reference);
    this.bookings = new BookingService(db, config.booking, auth);
    this.stats = new InstrumentStatsService(db, reference);
    this.config = config;
  }

  /** The most recently added or changed instruments in service (the portal's front page), as a visitor's catalogue lists them. */
  async newest(n: number): Promise<Instrument[]> {
    return (await this.catalogue.list(InstrumentListQuery.parse({ sort: 'updated', status: 'in_service', pageSize: String(n) }), null)).items;
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(instrumentRoutes, { instruments: this.instruments, catalogue: this.catalogue });
    // links are written from PUBLIC_URL (read per request: main.ts learns the port of PORT=0 only at listen)
    await app.register(bookingRoutes, { bookings: this.bookings, publicUrl: () => this.config.publicUrl });
    await app.register(statsRoutes, { stats: this.stats });
  }
}
