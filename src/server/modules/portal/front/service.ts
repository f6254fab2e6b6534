/**
 * The portal's front page (门户首页) in one read: the city's headline figures against the 2025 targets (the kept
 * indicator values, never a recount), the latest published bulletin, the newest notices, achievements, demands and
 * instruments, each through its owner's face. Anonymous visitors' answers are kept by the response cache under the
 * change counters of all of these (migration 0031), so a busy front page costs one read per change, not one per
 * visitor, and is never behind what it shows (an earlier 30-second copy was: the demo data loading after a fresh
 * start left the page empty for up to half a minute after it was in).
 */
import type { CurrentUser } from '../../auth/index.ts';
import type { NoticeRow } from '../repository.ts';
import { present, type NoticeService } from '../service.ts';
import type { FrontView } from './schemas.ts';

const NEWEST = 5;

/** The figures on the front page: the documents' headline targets for 2025 (document 003), in this order. */
export const HEADLINE = [
  { indicator: 'market_entities', category: null },
  { indicator: 'employees', category: null },
  { indicator: 'revenue', category: null },
  { indicator: 'tech_contract_turnover', category: 'transfer' },
  { indicator: 'technology_managers', category: 'transfer' },
  { indicator: 'new_above_scale_enterprises', category: null },
] as const;

type IndicatorLike = {
  id: number;
  indicator: string;
  category: string | null;
  nameZh: string;
  nameEn: string;
  unit: string;
  latest: { value: number; period: string; origin: string } | null;
  progress: { year: number; target: number; percent: number | null; status: FrontView['headline'][number]['status'] }[];
};

export interface FrontSources {
  cityIndicators(): Promise<IndicatorLike[]>;
  /** the statistics' latest published bulletin (a correction counts as the latest publication) */
  latestBulletin(): Promise<FrontView['bulletin']>;
  newestListings(n: number): Promise<{ achievements: FrontView['achievements']; demands: FrontView['demands'] }>;
  newestInstruments(n: number): Promise<FrontView['instruments']>;
}

type Kept = Omit<FrontView, 'notices'> & { notices: NoticeRow[] };

export class FrontService {
  constructor(
    private readonly sources: FrontSources,
    private readonly notices: NoticeService,
  ) {}

  async front(viewer: CurrentUser | null): Promise<FrontView> {
    const kept = await this.read();
    return { ...kept, notices: kept.notices.map((n) => present(n, viewer)) };
  }

  private async read(): Promise<Kept> {
    const [indicators, bulletin, listings, instruments, notices] = await Promise.all([
      this.sources.cityIndicators(),
      this.sources.latestBulletin(),
      this.sources.newestListings(NEWEST),
      this.sources.newestInstruments(NEWEST),
      this.notices.newest(NEWEST),
    ]);
    const headline = HEADLINE.flatMap((h) => {
      const i = indicators.find((x) => x.indicator === h.indicator && x.category === h.category);
      if (!i) return [];
      const p = i.progress.find((x) => x.year === 2025) ?? null;
      return [
        {
          id: i.id,
          indicator: i.indicator,
          category: i.category,
          nameZh: i.nameZh,
          nameEn: i.nameEn,
          unit: i.unit,
          value: i.latest?.value ?? null,
          period: i.latest?.period ?? null,
          origin: i.latest?.origin ?? null,
          target: p?.target ?? null,
          percent: p?.percent ?? null,
          status: p?.status ?? ('no_value' as const),
        },
      ];
    });
    return { headline, bulletin, notices, ...listings, instruments, keptAt: new Date() };
  }
}
