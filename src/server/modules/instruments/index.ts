/**
 * The shared-instruments module's face: the catalogue and availability, bookings (an aggregate of its
 * own), the sharing indicators, and the fragments the market's search and matching read instruments by.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { ReferenceService } from '../reference/index.ts';
import type { DirectoryService } from '../directory/index.ts';
import { INSTRUMENT_TABLES } from './tables.ts';
import { InstrumentService } from './service.ts';
import { BookingService } from './bookings/service.ts';
import { InstrumentStatsService } from './stats/service.ts';
import { instrumentRoutes } from './routes.ts';
import { bookingRoutes } from './bookings/routes.ts';
import { statsRoutes } from './stats/routes.ts';

export { InstrumentService } from './service.ts';
export { BookingService } from './bookings/service.ts';
export { InstrumentStatsService } from './stats/service.ts';
export { instrumentsTable, openToOutsiders } from './fragments.ts';
export { seedDemoInstruments } from './demo-seed.ts';

export class InstrumentsModule implements ModuleFace {
  readonly name = 'instruments';
  readonly tables = INSTRUMENT_TABLES;
  readonly instruments: InstrumentService;
  readonly bookings: BookingService;
  readonly stats: InstrumentStatsService;

  constructor(private readonly db: Database, reference: ReferenceService, directory: DirectoryService, config: Config) {
    this.instruments = new InstrumentService(db, reference, directory);
    this.bookings = new BookingService(db, config.booking);
    this.stats = new InstrumentStatsService(db, reference);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(instrumentRoutes, { instruments: this.instruments, db: this.db });
    await app.register(bookingRoutes, { bookings: this.bookings, db: this.db });
    await app.register(statsRoutes, { stats: this.stats });
  }
}
