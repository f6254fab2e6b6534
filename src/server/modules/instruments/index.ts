/** The shared-instruments module as other modules and app.ts see it. */
import './messages.ts';

export { InstrumentService, mayManage } from './service.ts';
export { BookingService } from './bookings-service.ts';
export { InstrumentStatsService } from './stats.ts';
export { instrumentRoutes } from './routes.ts';
export { bookingRoutes } from './bookings-routes.ts';
export { statsRoutes } from './stats-routes.ts';
