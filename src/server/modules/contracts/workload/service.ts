/**
 * A station's workload and time to decision (issue 12 point 6): per station, the contracts received in a period by
 * their state now, those on the clock and overdue now, and the median and 90th percentile of the working days from
 * the clock's (last) start to the decision. The clock restarts at a resubmission after a correction, so the time
 * the seller spent correcting is not the station's: this is the figure the time limit is held against.
 * The city sees every station, a district office its district's contracts, station staff their own stations.
 */
import type { Database } from '../../../platform/db/database.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import type { CurrentUser } from '../../auth/index.ts';
import { beijingDay, type WorkCalendar } from '../calendar.ts';
import { contractScope, mayReadFigures } from '../policy.ts';
import type { Station } from '../schemas.ts';
import { WorkloadRepository } from './repository.ts';
import type { WorkloadQuery, WorkloadView } from './schemas.ts';

type Figures = WorkloadView['total'];

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);

/**
 * Each day of the span the given days cover → the working days from the span's first day up to it; the working days
 * between two days are then one subtraction (the same as workingDaysBetween). One calendar look-up per day of the
 * span instead of one per day of every contract's review: a year's decisions at 200,000 contracts are ~40,000.
 * (The repository subtracts them in SQL.)
 */
export function workingDayOrdinals(days: string[], cal: WorkCalendar): Map<string, number> {
  const out = new Map<string, number>();
  if (!days.length) return out;
  let first = days[0];
  let last = days[0];
  for (const d of days) {
    if (d < first) first = d;
    if (d > last) last = d;
  }
  let n = 0;
  for (let day = first; day <= last; day = nextDay(day)) {
    if (day !== first && cal.isWorkday(day)) n++;
    out.set(day, n);
  }
  return out;
}

/** The value at nearest rank ⌈p·n⌉ of weighted values (value → how many); null when there are none. */
export function nearestRank(counts: Map<number, number>, p: number): number | null {
  const n = [...counts.values()].reduce((a, b) => a + b, 0);
  if (!n) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const v of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(v)!;
    if (seen >= rank) return v;
  }
  return null;
}

const empty = () => ({ byStatus: {} as Record<string, number>, received: 0, open: 0, overdue: 0, registered: 0, rejected: 0, days: new Map<number, number>() });
type Acc = ReturnType<typeof empty>;

const figures = (a: Acc): Figures => ({
  byStatus: a.byStatus,
  received: a.received,
  open: a.open,
  overdue: a.overdue,
  decided: [...a.days.values()].reduce((s, n) => s + n, 0),
  registered: a.registered,
  rejected: a.rejected,
  medianDays: nearestRank(a.days, 0.5),
  p90Days: nearestRank(a.days, 0.9),
});

export class WorkloadService {
  private readonly repo: WorkloadRepository;

  constructor(
    db: Database,
    private readonly deps: {
      stations(): Promise<Station[]>;
      stationsOf(user: CurrentUser): Promise<number[]>;
      calendar: () => WorkCalendar;
    },
  ) {
    this.repo = new WorkloadRepository(db);
  }

  async workload(user: CurrentUser, q: WorkloadQuery): Promise<WorkloadView> {
    if (!mayReadFigures(user)) throw forbidden('contract.officesOnly');
    const today = beijingDay();
    const to = q.to ?? today;
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    const mine = await this.deps.stationsOf(user);
    const scope = contractScope(user, mine);
    const [all, received, open, first] = await Promise.all([
      this.deps.stations(),
      this.repo.received(scope, from, to),
      this.repo.open(scope, today),
      this.repo.firstClockStart(scope, from, to),
    ]);
    // the working-day ordinal of each day from the earliest clock start to the period's end, for SQL to subtract
    const ordinals = workingDayOrdinals(first && first < from ? [first, to] : [from, to], this.deps.calendar());
    const decisions = await this.repo.decisions(scope, from, to, { days: [...ordinals.keys()], ordinals: [...ordinals.values()] });
    const acc = new Map<number, Acc>();
    const of = (id: number) => acc.get(id) ?? acc.set(id, empty()).get(id)!;
    for (const r of received) {
      const a = of(r.stationId);
      a.byStatus[r.status] = (a.byStatus[r.status] ?? 0) + r.n;
      a.received += r.n;
    }
    for (const r of open) Object.assign(of(r.stationId), { open: r.open, overdue: r.overdue });
    for (const d of decisions) {
      const a = of(d.stationId);
      a.days.set(d.days, (a.days.get(d.days) ?? 0) + d.n);
      if (d.status === 'registered') a.registered += d.n;
      else if (d.status === 'rejected') a.rejected += d.n;
    }
    // the city sees every station (an idle one too), station staff their own, a district office those with its contracts
    const shown = all.filter((s) => ('all' in scope ? true : 'stationIds' in scope ? mine.includes(s.id) : acc.has(s.id)));
    const total = empty();
    for (const s of shown) {
      const a = acc.get(s.id);
      if (!a) continue;
      for (const [k, n] of Object.entries(a.byStatus)) total.byStatus[k] = (total.byStatus[k] ?? 0) + n;
      for (const [d, n] of a.days) total.days.set(d, (total.days.get(d) ?? 0) + n);
      for (const k of ['received', 'open', 'overdue', 'registered', 'rejected'] as const) total[k] += a[k];
    }
    return {
      from,
      to,
      today,
      stations: shown.map((s) => ({
        station: { id: s.id, code: s.code, name: s.name, districtCode: s.districtCode },
        ...figures(acc.get(s.id) ?? empty()),
      })),
      total: figures(total),
    };
  }
}
