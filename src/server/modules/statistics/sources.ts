/**
 * Computed indicators: where the platform already holds the facts, the figure comes from the records, never typed
 * twice. A source names the indicator it computes (the targets.json key), the domain events after which its figure
 * may have moved, how to compute it through another module's face, and where the records behind it are listed
 * (the drill-down). app.ts builds the sources from the faces; statistics imports no module for them.
 *
 * This is the place the coming modules plug in: contract registration adds `tech_contract_turnover` (its events
 * `contract.registered`, `contract.cancelled`), vouchers their issued and redeemed figures, loans
 * `knowledge_value_loans_firms` — each one more entry in the list `app.ts` passes, nothing else changes.
 */
import type { Queryable } from '../../platform/db/database.ts';
import { CATEGORY_CODES } from './schemas.ts';
import targetsFile from './data/targets.json' with { type: 'json' };

export interface IndicatorKey {
  indicator: string;
  scope: string;
  category: string;
}

export interface IndicatorSource extends IndicatorKey {
  events: string[];
  /** for an indicator no document names (so targets.json gives no unit): its unit */
  unit?: 'count' | 'people' | 'yuan';
  compute(): Promise<number>;
  /** a web path listing the records the figure counts */
  records: string | null;
}

/** What the statistics need of the directory: counts under filters (today's divisions). */
export interface OrgTally {
  tally(q: { category?: string[]; district?: string[]; cluster?: string[]; recognition?: string[] }): Promise<{
    total: number;
    category: { code: string; count: number }[];
    district?: { code: string; count: number }[];
  }>;
}

/** One kept figure of a dashboard's breakdown: a scope's market entities in total, by category or by district. */
export interface BreakdownRow {
  scope: string;
  dimension: 'total' | 'category' | 'district';
  code: string;
  value: number;
}

/**
 * The dashboards' breakdowns (market entities by category and by district, for the city, each cluster and each
 * district), recounted after the events that may move them, like a computed indicator, never per page view.
 */
export interface BreakdownSource {
  events: string[];
  compute(): Promise<BreakdownRow[]>;
}

/**
 * From the directory: the city's count by category and by district (one tally), each cluster's (one tally each) and
 * each district's by category (one tally per district that has organizations).
 */
export function directoryBreakdowns(directory: OrgTally, clusters: () => Promise<{ id: string }[]>): BreakdownSource {
  const rowsOf = (scope: string, t: Awaited<ReturnType<OrgTally['tally']>>, withDistricts: boolean): BreakdownRow[] => [
    { scope, dimension: 'total', code: '', value: t.total },
    ...t.category.map((c) => ({ scope, dimension: 'category' as const, code: c.code, value: c.count })),
    ...(withDistricts ? (t.district ?? []).map((d) => ({ scope, dimension: 'district' as const, code: d.code, value: d.count })) : []),
  ];
  return {
    events: ORG_EVENTS,
    compute: async () => {
      const city = await directory.tally({});
      const out = rowsOf('chongqing', city, true);
      for (const c of await clusters()) out.push(...rowsOf(`cluster:${c.id}`, await directory.tally({ cluster: [c.id] }), true));
      for (const d of city.district ?? [])
        if (d.count > 0 && /^[0-9]{6}$/.test(d.code)) out.push(...rowsOf(`district:${d.code}`, await directory.tally({ district: [d.code] }), false));
      return out;
    },
  };
}

const ORG_EVENTS = ['org.created', 'org.updated'];

/** Market entities city-wide, by category, by district with a target; tech SMEs and high-tech enterprises. */
/** The districts whose plans count their enterprises (渝中区, document 004). */
const districtsCounting = [
  ...new Set(targetsFile.targets.filter((t) => t.indicator === 'enterprises' && t.scope.startsWith('district:')).map((t) => t.scope.slice('district:'.length))),
];

export function directorySources(directory: OrgTally): IndicatorSource[] {
  const all: IndicatorSource = {
    indicator: 'market_entities',
    scope: 'chongqing',
    category: '',
    events: ORG_EVENTS,
    compute: async () => (await directory.tally({})).total,
    records: '/orgs',
  };
  const byCategory = CATEGORY_CODES.map(
    (code): IndicatorSource => ({
      indicator: 'market_entities',
      scope: 'chongqing',
      category: code,
      events: ORG_EVENTS,
      compute: async () => (await directory.tally({ category: [code] })).total,
      records: `/orgs?category=${code}`,
    }),
  );
  const districts = districtsCounting.map(
    (code): IndicatorSource => ({
      indicator: 'enterprises',
      scope: `district:${code}`,
      category: '',
      events: ORG_EVENTS,
      compute: async () => (await directory.tally({ district: [code] })).total,
      records: `/orgs?district=${code}`,
    }),
  );
  const recognized = (indicator: string, kind: string): IndicatorSource => ({
    indicator,
    scope: 'chongqing',
    category: '',
    events: ORG_EVENTS,
    compute: async () => (await directory.tally({ recognition: [kind] })).total,
    records: `/orgs?recognition=${kind}`,
  });
  return [all, ...byCategory, ...districts, recognized('tech_enterprises', 'tech_sme'), recognized('high_tech_enterprises', 'high_tech')];
}

/** Technology managers from the expert pool. */
export function expertSources(experts: { countTechManagers(): Promise<number> }): IndicatorSource[] {
  return [
    {
      indicator: 'technology_managers',
      scope: 'chongqing',
      category: 'transfer',
      events: ['expert.created', 'expert.updated'],
      compute: () => experts.countTechManagers(),
      records: '/search?kind=expert',
    },
  ];
}

/** Shared instruments online. */
export function instrumentSources(catalogue: { online(): Promise<{ count: number }> }): IndicatorSource[] {
  return [
    {
      indicator: 'shared_instruments',
      scope: 'chongqing',
      category: '',
      events: ['instrument.created', 'instrument.updated'],
      compute: async () => (await catalogue.online()).count,
      records: '/instruments',
    },
  ];
}

export const keyOf = (k: IndicatorKey): string => `${k.indicator}|${k.scope}|${k.category}`;

/**
 * 技术合同成交额 this year, from the contract register: document 003 lists the 2025 target under 技术转移, 001 the
 * 2022 baseline city-wide, so both keys are computed. A year's flow: the month's row holds the year to date.
 */
export function contractSources(contracts: { turnoverYuan(year: number): Promise<number> }): IndicatorSource[] {
  const year = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  // an approved amendment moves the amounts, an approved cancellation takes the contract out (the register counts `registered` only)
  const events = ['contract.registered', 'contract.amended', 'contract.cancelled'];
  return ['', 'transfer'].map((category) => ({
    indicator: 'tech_contract_turnover',
    scope: 'chongqing',
    category,
    events,
    compute: () => contracts.turnoverYuan(year()),
    records: '/contracts',
  }));
}

/** Innovation vouchers issued and redeemed this year (科技创新券), from the vouchers' own figures; no document sets a target. */
export function voucherSources(vouchers: { yearTotals(year: number): Promise<{ issuedYuan: number; redeemedYuan: number }> }): IndicatorSource[] {
  const year = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  return [
    {
      indicator: 'vouchers_issued',
      scope: 'chongqing',
      category: '',
      unit: 'yuan',
      events: ['voucher.issued', 'voucher.cancelled'],
      compute: async () => (await vouchers.yearTotals(year())).issuedYuan,
      records: '/admin/vouchers',
    },
    {
      indicator: 'vouchers_redeemed',
      scope: 'chongqing',
      category: '',
      unit: 'yuan',
      events: ['voucher.redeemed'],
      compute: async () => (await vouchers.yearTotals(year())).redeemedYuan,
      records: '/admin/vouchers',
    },
  ];
}

/**
 * The surveyed plug: a `surveyed` indicator's figure is the sum of what organizations reported in accepted
 * filings, per period (the surveys module's face gives `figures`), for its scope (a district's or a cluster's
 * filings only) and category (the filings of organizations in that category), written as that period's value with
 * origin `surveyed` — unless an office entered that period's official figure, which stays. app.ts passes it;
 * statistics imports no module for it.
 *
 * An acceptance moves one period of the indicators its figures name, in the scopes that contain the organization.
 * Inside the accepting transaction (`onAccepted`) its figures are added to those kept sums, each under the figure's
 * lock, so the dashboards show them as the office gets its answer, in every process, and a sum never misses an
 * acceptance or counts one twice; its event (payload: the same `SurveyedChange`) then has nothing left to do. Every
 * figure is recounted at the start and by the hourly sweep (under the same locks); an event without that payload
 * (a plug without `onAccepted`) recounts them all. `via` runs the sum in the statistics' transaction.
 */
export interface SurveyedFigures {
  events: string[];
  figures(indicator: string, within: { district?: string; cluster?: string; category?: string }, via?: Queryable): Promise<{ period: string; value: number }[]>;
  onAccepted?(listener: (change: SurveyedChange & { figures: Record<string, number> }, tx: Queryable) => Promise<void>): void;
}

/** What an accepted filing may move: its period, the indicators it reports, where its organization counts. */
export interface SurveyedChange {
  period: string;
  indicators: string[];
  districtCode: string | null;
  clusterId: string | null;
  categories: string[];
}
