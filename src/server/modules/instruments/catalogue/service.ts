/**
 * The catalogue's rules: the search with its free-time filter (only instruments the viewer may book
 * offer free time, see policy.ts `sharingAdmits`), the "did you mean" fallback to pinyin matching when
 * the words match nothing at all, and one instrument's calendar, in which who booked is nobody else's
 * business.
 */
import type { Database } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { parseTextQuery } from '../../../platform/text/search-sql.ts';
import type { CurrentUser } from '../../auth/index.ts';
import type { ReferenceService } from '../../reference/index.ts';
import { InstrumentRepository, type Instrument } from '../repository.ts';
import type { InstrumentListQuery, Interval } from '../schemas.ts';
import { CatalogueRepository, type CatalogueFilters, type InstrumentCalendar } from './repository.ts';

export interface InstrumentListResult {
  items: (Instrument & { freeSlots?: Interval[]; longestFreeHours?: number })[];
  total: number;
  page: number;
  pageSize: number;
  fuzzy: boolean;
  facets: { class: { code: string; count: number }[]; district: { code: string; count: number }[] };
}

/** How far an instrument's iCalendar feed reaches back and ahead. */
const FEED_DAYS_BACK = 90;
const FEED_DAYS_AHEAD = 180;

export class CatalogueService {
  readonly repo: CatalogueRepository;
  private readonly instruments: InstrumentRepository;

  constructor(
    db: Database,
    private readonly reference: ReferenceService,
  ) {
    this.repo = new CatalogueRepository(db);
    this.instruments = new InstrumentRepository(db);
  }

  /** Instruments online (not retired) and their value: the statistics read them here. */
  online(): Promise<{ count: number; valueYuan: number }> {
    return this.repo.online();
  }

  /** The catalogue; with a time window, only instruments the viewer may book. */
  async list(q: InstrumentListQuery, viewer: CurrentUser | null = null): Promise<InstrumentListResult> {
    const districts = q.district?.length ? (await Promise.all(q.district.map((d) => this.reference.rollUp(d)))).flat() : undefined;
    const f: CatalogueFilters = {
      text: parseTextQuery(q.q),
      classes: q.class,
      districts,
      owner: q.owner,
      kinds: q.kind,
      sharingModes: q.sharingMode,
      statuses: q.status,
      priceMin: q.priceMin,
      priceMax: q.priceMax,
      free:
        q.freeFrom && q.freeTo
          ? { from: q.freeFrom, to: q.freeTo, minMinutes: q.minHours ? Math.round(q.minHours * 60) : null, viewerOrgId: viewer?.orgId ?? null }
          : undefined,
    };
    const sort = q.sort ?? (f.text ? 'relevance' : 'name');
    const offset = (q.page - 1) * q.pageSize;
    let fuzzy = false;
    let page = await this.repo.search(f, sort, q.pageSize, offset, false);
    // "Did you mean": the words match nothing at all — perhaps an input-method typo; try pinyin.
    if (page.total === 0 && f.text && !(await this.repo.textMatchesAny(f.text))) {
      const fuzzyPage = await this.repo.search(f, sort, q.pageSize, offset, true);
      if (fuzzyPage.total > 0) {
        page = fuzzyPage;
        fuzzy = true;
      }
    }
    const instruments = await this.instruments.findByIds(page.hits.map((h) => h.id));
    const byId = new Map(page.hits.map((h) => [h.id, h]));
    return {
      items: instruments.map((i) => {
        const h = byId.get(i.id)!;
        return h.freeSlots ? { ...i, freeSlots: h.freeSlots, longestFreeHours: h.longestFreeHours ?? 0 } : i;
      }),
      total: page.total,
      page: q.page,
      pageSize: q.pageSize,
      fuzzy,
      facets: page.facets,
    };
  }

  /** Open, closed, taken and free time in a window; of the taken slots the viewer learns only which are theirs. */
  async availability(id: number, from: Date, to: Date, viewer: CurrentUser | null) {
    await this.instrument(id);
    const cal = await this.repo.calendar(id, from, to);
    return {
      instrumentId: id,
      from,
      to,
      open: cal.open,
      closed: cal.closed,
      busy: cal.busy.map((b) => {
        const mine = !!viewer && b.userId === viewer.id;
        return { start: b.start, end: b.end, status: b.status, mine, ...(mine ? { bookingId: b.bookingId } : {}) };
      }),
      free: cal.free,
    };
  }

  /** The instrument and its calendar for its iCalendar feed: taken slots and blackouts, 90 days back and 180 ahead. */
  async feed(id: number, now = new Date()): Promise<{ instrument: Instrument; calendar: InstrumentCalendar }> {
    const instrument = await this.instrument(id);
    const calendar = await this.repo.calendar(id, new Date(now.getTime() - FEED_DAYS_BACK * 86400_000), new Date(now.getTime() + FEED_DAYS_AHEAD * 86400_000));
    return { instrument, calendar };
  }

  private async instrument(id: number): Promise<Instrument> {
    const found = await this.instruments.findById(id);
    if (!found) throw notFound('instrument.notFound');
    return found;
  }
}
