/**
 * Sharing indicators (共享指标), computed from the bookings themselves — never typed in:
 * opening hours (the calendar), booked hours, 有效工作机时 (actual use), 对外服务机时 (actual use by
 * another organization than the owner), utilisation = work ÷ opening, sharing rate = external ÷
 * work, outside user organizations and income; per instrument, owner or district, compared with
 * the national averages per instrument and year (RULES.md: 1,599 h work, 273 h external, 2025).
 * Periods are counted in whole days of Asia/Shanghai. The SQL is repository.ts.
 */
import type { Database } from '../../../platform/db/database.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import type { CurrentUser } from '../../auth/index.ts';
import type { ReferenceService } from '../../reference/index.ts';
import { StatsRepository, type FigureRow } from './repository.ts';
import type { StatsQuery, StatsRowView, StatsView } from './schemas.ts';
import { statsOwner } from './policy.ts';

export const NATIONAL_AVERAGES = { workHoursPerYear: 1599, externalHoursPerYear: 273, year: 2025 };

type Sums = Pick<FigureRow, 'instruments' | 'openingHours' | 'bookedHours' | 'workHours' | 'externalHours' | 'incomeFen'>;

export class InstrumentStatsService {
  readonly repo: StatsRepository;

  constructor(
    db: Database,
    private readonly reference: ReferenceService,
  ) {
    this.repo = new StatsRepository(db);
  }

  /** The indicators of the query's period and scope; `unlimited` for an export (every group). */
  async stats(q: StatsQuery, user: CurrentUser, unlimited = false): Promise<StatsView> {
    const owner = statsOwner(user, q.owner);
    if (!owner) throw forbidden();
    const districts = q.district ? await this.reference.rollUp(q.district) : undefined;
    const { from, to } = q;
    const years = (to.getTime() - from.getTime()) / (365.25 * 86400_000);
    const divisions = await this.reference.divisions();
    const [{ rows, outsideBy }, divisionNames] = await Promise.all([
      this.repo.indicators(
        q.groupBy,
        { ...owner, districts, successors: q.groupBy === 'district' ? successorsOf(divisions) : undefined },
        from,
        to,
        unlimited ? null : q.limit,
      ),
      q.groupBy === 'district' ? new Map(divisions.map((d) => [d.code, d.name])) : null,
    ]);

    const finish = (r: Sums, outside: number) => ({
      instruments: r.instruments,
      openingHours: r.openingHours,
      bookedHours: r.bookedHours,
      workHours: r.workHours,
      externalHours: r.externalHours,
      utilisation: r.openingHours > 0 ? round4(r.workHours / r.openingHours) : null,
      sharingRate: r.workHours > 0 ? round4(r.externalHours / r.workHours) : null,
      outsideOrgs: outside,
      incomeFen: r.incomeFen,
      workHoursPerInstrumentYear: years > 0 && r.instruments ? round2(r.workHours / r.instruments / years) : 0,
      externalHoursPerInstrumentYear: years > 0 && r.instruments ? round2(r.externalHours / r.instruments / years) : 0,
    });
    const t = rows[0];
    const totals = finish(
      t
        ? {
            instruments: t.tInstruments,
            openingHours: round2(t.tOpeningHours),
            bookedHours: round2(t.tBookedHours),
            workHours: round2(t.tWorkHours),
            externalHours: round2(t.tExternalHours),
            incomeFen: t.tIncomeFen,
          }
        : { instruments: 0, openingHours: 0, bookedHours: 0, workHours: 0, externalHours: 0, incomeFen: 0 },
      outsideBy.get(null) ?? 0,
    );
    const all: StatsRowView[] = rows.map((r) => ({
      key: r.key,
      // a district's name from the reference data ('' for instruments without a district)
      name: divisionNames ? (divisionNames.get(r.key) ?? '') : (r.name ?? ''),
      districtCode: r.districtCode,
      ...finish(r, outsideBy.get(r.key) ?? 0),
    }));
    return { groupBy: q.groupBy, from, to, years: round2(years), national: NATIONAL_AVERAGES, totals, total: t?.groups ?? 0, rows: all };
  }
}

/** Each abolished division with the division that holds it today (followed through any chain of successors). */
function successorsOf(divisions: { code: string; successorCode: string | null }[]): [string, string][] {
  const next = new Map(divisions.map((d) => [d.code, d.successorCode]));
  const out: [string, string][] = [];
  for (const d of divisions) {
    let now = d.successorCode;
    for (let guard = 0; now && next.get(now) && guard < 10; guard++) now = next.get(now)!;
    if (now) out.push([d.code, now]);
  }
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;
