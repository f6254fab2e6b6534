/**
 * What every booking use case (cart.ts, decisions.ts, usage.ts, tick.ts) works with: the database,
 * the repositories, the accounts' face (who hears an organization's news), the settings and the clock.
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import type { AuthService } from '../../auth/index.ts';
import { notify } from '../../notifications/index.ts';
import type { InstrumentRepository } from '../repository.ts';
import type { CatalogueRepository } from '../catalogue/repository.ts';
import type { BookingRepository } from './repository.ts';
import type { BookingRules } from './rules.ts';

export interface BookingContext {
  db: Database;
  repo: BookingRepository;
  instruments: InstrumentRepository;
  catalogue: CatalogueRepository;
  auth: AuthService;
  rules: BookingRules;
  now: () => Date;
}

/** Tells the users of expired requests, and the event stream, in the transaction that expired them. */
export async function notifyExpired(tx: Queryable, expired: { id: number; userId: number; instrumentId: number }[]): Promise<void> {
  for (const e of expired) {
    await publishEvent(tx, { type: 'booking.expired', aggregateType: 'booking', aggregateId: e.id, payload: { id: e.id, instrumentId: e.instrumentId } });
    await notify(tx, [e.userId], 'booking.expired', e.id, {});
  }
}
