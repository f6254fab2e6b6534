/**
 * Bookings: the cart (cart.ts), the owner's decisions and cancelling (decisions.ts), actual use
 * (usage.ts) and the time-driven steps (tick.ts), one use case per file; here the face the routes
 * and other code use, reading (who may see which booking: policy.ts) and the users' calendar feeds.
 */
import crypto from 'node:crypto';
import type { Database } from '../../../platform/db/database.ts';
import { forbidden, notFound, unauthorized } from '../../../platform/http/errors.ts';
import type { AuthService, CurrentUser } from '../../auth/index.ts';
import { InstrumentRepository } from '../repository.ts';
import { CatalogueRepository } from '../catalogue/repository.ts';
import { BookingRepository, type BookingFilter, type BookingRow, type FeedItem } from './repository.ts';
import type { BookingListQuery, CartItem } from './schemas.ts';
import { listScope, maySeeBooking } from './policy.ts';
import type { BookingRules } from './rules.ts';
import type { BookingContext } from './context.ts';
import { book, quote, type QuoteItem } from './cart.ts';
import { approve, cancel, decline } from './decisions.ts';
import { checkIn, checkOut, recordUsage } from './usage.ts';
import { tick } from './tick.ts';
import { type BookingSettlement, settlementOf } from './settlement.ts';

export type { BookingRules } from './rules.ts';
export type { QuoteItem } from './cart.ts';
export type { BookingSettlement } from './settlement.ts';

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export class BookingService {
  readonly repo: BookingRepository;
  private readonly ctx: BookingContext;

  constructor(db: Database, rules: BookingRules, auth: AuthService, now: () => Date = () => new Date()) {
    this.repo = new BookingRepository(db);
    this.ctx = { db, repo: this.repo, instruments: new InstrumentRepository(db), catalogue: new CatalogueRepository(db), auth, rules, now };
  }

  // ---------------------------------------------------------------- the cart

  quote(items: (CartItem | Omit<CartItem, 'purpose'>)[], user: CurrentUser): Promise<{ items: QuoteItem[]; totalFen: number }> {
    return quote(this.ctx, items, user);
  }

  book(items: CartItem[], user: CurrentUser): Promise<{ cartId: string; items: BookingRow[] }> {
    return book(this.ctx, items, user);
  }

  // ---------------------------------------------------------------- decisions, cancelling, use

  async approve(id: number, reason: string | undefined, user: CurrentUser): Promise<BookingRow> {
    await approve(this.ctx, id, reason, user);
    return this.get(id, user);
  }

  async decline(id: number, reason: string, user: CurrentUser): Promise<BookingRow> {
    await decline(this.ctx, id, reason, user);
    return this.get(id, user);
  }

  async cancel(id: number, reason: string | undefined, user: CurrentUser): Promise<BookingRow> {
    await cancel(this.ctx, id, reason, user);
    return this.get(id, user);
  }

  async checkIn(id: number, user: CurrentUser): Promise<BookingRow> {
    await checkIn(this.ctx, id, user);
    return this.get(id, user);
  }

  async checkOut(id: number, user: CurrentUser): Promise<BookingRow> {
    await checkOut(this.ctx, id, user);
    return this.get(id, user);
  }

  async recordUsage(id: number, actualStart: Date, actualEnd: Date, user: CurrentUser): Promise<BookingRow> {
    await recordUsage(this.ctx, id, actualStart, actualEnd, user);
    return this.get(id, user);
  }

  /** Expires unanswered requests, marks no-shows (freeing their slots), sends reminders. */
  tick(): Promise<{ expired: number; noShows: number; reminders: number }> {
    return tick(this.ctx);
  }

  // ---------------------------------------------------------------- reading

  async get(id: number, user: CurrentUser): Promise<BookingRow> {
    const b = await this.repo.findById(id);
    if (!b) throw notFound('booking.notFound');
    // least privilege: a booking names its user
    if (!maySeeBooking(user, b)) throw forbidden('booking.notYours');
    return b;
  }

  /** A booking as its settlement sees it (no viewer check: the orders module checks that the caller booked it), or null. */
  async settlement(id: number): Promise<BookingSettlement | null> {
    const b = await this.repo.findById(id);
    return b ? settlementOf(b) : null;
  }

  async list(q: BookingListQuery, user: CurrentUser): Promise<{ items: BookingRow[]; total: number; page: number; pageSize: number }> {
    const scope = listScope(user, q.scope);
    if (!scope) throw forbidden();
    const f: BookingFilter = { ...scope, statuses: q.status, instrumentId: q.instrumentId, from: q.from, to: q.to };
    // an inbox reads soonest first; one's own history, latest first
    const order = q.scope === 'owner' && q.status?.every((s) => s === 'pending' || s === 'confirmed') ? 'asc' : 'desc';
    const { items, total } = await this.repo.list(f, q.pageSize, (q.page - 1) * q.pageSize, order);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  // ---------------------------------------------------------------- the user's calendar feed

  /**
   * Calendar programs cannot send our cookie: the user's feed is reached by a secret token, of which
   * only the hash is stored; asking again replaces it (revoking the old one).
   */
  async newFeedToken(user: CurrentUser): Promise<string> {
    const token = crypto.randomBytes(24).toString('base64url');
    await this.repo.saveFeedToken(tokenHash(token), user.id);
    return token;
  }

  /** The bookings of the feed's user; an unknown token is 401. */
  async feed(token: string): Promise<FeedItem[]> {
    const userId = await this.repo.feedUser(tokenHash(token));
    if (userId == null) throw unauthorized();
    return this.repo.feedItems(userId);
  }
}
