/**
 * The indicator system: the documents' targets and baselines as data (seeded from targets.json at every start, so
 * a new document's figures arrive with an upgrade and an office's edits are kept), computed figures kept current
 * from domain events, figures offices enter, and progress to each target.
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { changedFields, listHistory, recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { EventBus } from '../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import { FLOW_INDICATORS, MEANINGS, unknownMeaning } from './catalogue.ts';
import targetsFile from './data/targets.json' with { type: 'json' };
import { mayEditIndicator, mayAddIndicatorIn } from './policy.ts';
import { periodEnd, progressTo, validPeriod } from './progress.ts';
import { StatisticsRepository, type IndicatorRow, type YearValueRow } from './repository.ts';
import type { IndicatorInput, IndicatorListQuery, IndicatorPatch, IndicatorView, ValueInput, ValueView } from './schemas.ts';
import {
  keyOf,
  type BreakdownRow,
  type BreakdownSource,
  type IndicatorKey,
  type IndicatorSource,
  type SurveyedChange,
  type SurveyedFigures,
} from './sources.ts';

/** the pending key of every surveyed indicator (sources.ts: the surveyed plug) */
const SURVEYED = '*surveyed';
const SHANGHAI_MS = 8 * 3600_000;
const beijingToday = () => new Date(Date.now() + SHANGHAI_MS).toISOString().slice(0, 10);

/** The pending key of the dashboards' breakdowns (no indicator has it: indicator keys hold two `|`). */
const BREAKDOWNS = '#breakdowns';

/** An indicator with its values by period, oldest first (a dashboard's trend). */
export type IndicatorWithTrend = IndicatorView & { trend: { period: string; asOf: string; value: number }[] };

type TargetEntry = { scope: string; year: number; indicator: string; value: number; unit: string; category?: string; label?: string; source?: string };

export interface Places {
  /** whether a scope names a real place: a current district, a cluster */
  knownScope(scope: string): Promise<boolean>;
  /** a category's names */
  categoryName(code: string): Promise<{ zh: string; en: string } | null>;
}

export class StatisticsService {
  private readonly repo: StatisticsRepository;
  private readonly sources: Map<string, IndicatorSource>;
  private pending = new Set<string>();
  private running: Promise<void> | null = null;
  /** whether acceptances add their figures in their own transaction (then their events have nothing left to do) */
  private addsInTransaction = false;

  constructor(
    private readonly db: Database,
    sources: IndicatorSource[],
    private readonly places: Places,
    private readonly surveyed: SurveyedFigures | null = null,
    private readonly breakdownSource: BreakdownSource | null = null,
  ) {
    this.repo = new StatisticsRepository(db);
    this.sources = new Map(sources.map((s) => [keyOf(s), s]));
    // an acceptance's figures, added in its own transaction (not recounted after the dispatcher's tick)
    if (surveyed?.onAccepted) {
      surveyed.onAccepted((change, tx) => this.addAccepted(change, tx));
      this.addsInTransaction = true;
    }
  }

  /** Every indicator of targets.json with its targets and baselines, and every computed source's indicator. */
  async seed(): Promise<void> {
    const entries: { e: TargetEntry; kind: 'targets' | 'baselines' }[] = [
      ...(targetsFile.targets as TargetEntry[]).map((e) => ({ e, kind: 'targets' as const })),
      ...(targetsFile.baselines as TargetEntry[]).map((e) => ({ e, kind: 'baselines' as const })),
    ];
    // read through the pool before the transaction: inside it, PGlite (one connection) would wait for the transaction
    const categoryNames = new Map<string, { zh: string; en: string } | null>();
    for (const code of new Set([...entries.map(({ e }) => e.category), ...[...this.sources.values()].map((s) => s.category)]))
      if (code) categoryNames.set(code, await this.places.categoryName(code));
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const ids = new Map<string, number>();
      const ensure = async (k: IndicatorKey, unit: string, label: string | undefined, source: string | null) => {
        const key = keyOf(k);
        if (ids.has(key)) return ids.get(key)!;
        const meaning = MEANINGS[k.indicator] ?? unknownMeaning(k.indicator, label);
        const category = k.category ? (categoryNames.get(k.category) ?? null) : null;
        const computed = this.sources.has(key);
        const { id } = await repo.ensure({
          ...k,
          nameZh: category ? `${meaning.zh}（${category.zh}）` : meaning.zh,
          nameEn: category ? `${meaning.en} (${category.en})` : meaning.en,
          definitionZh: label ? `${meaning.definitionZh}${meaning.definitionZh ? ' ' : ''}文件表述：${label}。` : meaning.definitionZh,
          definitionEn: meaning.definitionEn,
          unit,
          method: computed ? 'computed' : meaning.method === 'computed' ? 'entered' : meaning.method,
          source,
        });
        ids.set(key, id);
        return id;
      };
      for (const { e, kind } of entries) {
        // a turn of the event loop per entry: the embedded engine runs each statement on it (see recompute)
        await new Promise((resolve) => setImmediate(resolve));
        const id = await ensure({ indicator: e.indicator, scope: e.scope, category: e.category ?? '' }, e.unit, e.label, e.source ?? null);
        await repo.addYear(kind, id, { year: e.year, value: e.value, source: e.source ?? null });
      }
      // a source added since the last start (a new module's figure) turns its indicator into a computed one
      for (const s of this.sources.values()) await repo.markComputed(await ensure(s, s.unit ?? 'count', undefined, null));
    });
  }

  async list(q: IndicatorListQuery): Promise<IndicatorView[]> {
    const rows = await this.repo.list({ scope: q.scope, category: q.category, indicator: q.indicator, method: q.method });
    return this.present(rows);
  }

  /** The indicators of these scopes with their trends (dashboards): the same views as list(), plus the values by period. */
  async withTrends(scopes: string[]): Promise<IndicatorWithTrend[]> {
    const rows = (await this.repo.list({})).filter((r) => scopes.includes(r.scope));
    return (await this.present(rows, true)) as IndicatorWithTrend[];
  }

  /** The kept breakdowns of these scopes (market entities in total, by category, by district). */
  breakdowns(scopes: string[]): Promise<(BreakdownRow & { asOf: string })[]> {
    return this.repo.breakdowns(scopes);
  }

  /** These indicators as list() presents them (a bulletin's chosen ones); unknown ids are left out. */
  async byIds(ids: number[]): Promise<IndicatorView[]> {
    return ids.length ? this.present(await this.repo.list({ ids })) : [];
  }

  async get(id: number): Promise<IndicatorView> {
    const rows = await this.repo.list({ ids: [id] });
    if (!rows.length) throw notFound('indicator.notFound');
    return (await this.present(rows))[0];
  }

  async values(id: number): Promise<ValueView[]> {
    await this.get(id);
    return (await this.repo.values(id)).map(valueView);
  }

  assertMayEdit(user: CurrentUser, scope: string): void {
    if (!mayEditIndicator(user, scope)) throw forbidden('indicator.notYourScope');
  }

  history(id: number) {
    return listHistory(this.db, 'indicator', id);
  }

  /** An office adds an indicator of its own plan (the city anywhere, a district office for its district). */
  async create(input: IndicatorInput, user: CurrentUser): Promise<IndicatorView> {
    if (!mayAddIndicatorIn(user, input.scope)) throw forbidden('indicator.notYourScope');
    if (!(await this.places.knownScope(input.scope))) throw invalid([{ path: 'scope', key: 'indicator.unknownScope', params: { value: input.scope } }]);
    const key = { indicator: input.indicator, scope: input.scope, category: input.category ?? '' };
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const made = await repo.ensure({
        ...key,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        definitionZh: input.definitionZh ?? '',
        definitionEn: input.definitionEn ?? '',
        unit: input.unit,
        method: input.method,
        source: input.source ?? null,
      });
      if (!made.created) throw conflict('indicator.exists');
      await repo.setYears('targets', made.id, (input.targets ?? []).map(withSource));
      await repo.setYears('baselines', made.id, (input.baselines ?? []).map(withSource));
      await recordHistory(tx, { entityType: 'indicator', entityId: made.id, action: 'created', actor: actorOf(user), before: null, after: input });
      await recordAudit(tx, {
        type: 'statistics.indicator_created',
        actor: user,
        districtCode: districtOf(input.scope),
        subject: { type: 'indicator', id: made.id },
        detail: key,
      });
      return made.id;
    });
    return this.get(id);
  }

  /** Names, definition, unit, targets and baselines; the key and the method stay (they are what the figure is). */
  async update(id: number, patch: IndicatorPatch, user: CurrentUser): Promise<IndicatorView> {
    const current = await this.get(id);
    if (!mayEditIndicator(user, current.scope)) throw forbidden('indicator.notYourScope');
    const { version, ...fields } = patch;
    if (version !== current.version) throw conflict('indicator.versionConflict', { current: current.version });
    const strip = (list: { year: number; value: number; source: string | null }[]) => list.map((y) => ({ year: y.year, value: y.value, source: y.source }));
    const now = { ...current, targets: strip(current.targets), baselines: strip(current.baselines) };
    const given = { ...fields, targets: fields.targets?.map(withSource), baselines: fields.baselines?.map(withSource) };
    const changed = changedFields(now, given);
    if (!changed.length) return current;
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const locked = await repo.lock(id);
      if (!locked || locked.version !== version) throw conflict('indicator.versionConflict', { current: locked?.version ?? 0 });
      await repo.update(id, {
        nameZh: given.nameZh ?? current.nameZh,
        nameEn: given.nameEn ?? current.nameEn,
        definitionZh: given.definitionZh ?? current.definitionZh,
        definitionEn: given.definitionEn ?? current.definitionEn,
        unit: given.unit ?? current.unit,
      });
      if (given.targets) await repo.setYears('targets', id, given.targets);
      if (given.baselines) await repo.setYears('baselines', id, given.baselines);
      const before = Object.fromEntries(changed.map((k) => [k, (now as Record<string, unknown>)[k]]));
      const after = Object.fromEntries(changed.map((k) => [k, (given as Record<string, unknown>)[k]]));
      await recordHistory(tx, { entityType: 'indicator', entityId: id, action: 'updated', actor: actorOf(user), before, after });
      await recordAudit(tx, {
        type: 'statistics.indicator_updated',
        actor: user,
        districtCode: districtOf(current.scope),
        subject: { type: 'indicator', id },
        detail: { fields: changed },
      });
    });
    return this.get(id);
  }

  /** An office enters the official figure for a period. A computed indicator's figure comes from the records only. */
  async enterValue(id: number, input: ValueInput, user: CurrentUser): Promise<IndicatorView> {
    const current = await this.get(id);
    if (!mayEditIndicator(user, current.scope)) throw forbidden('indicator.notYourScope');
    if (current.method === 'computed') throw conflict('indicator.computedNotEntered');
    if (!validPeriod(input.period)) throw invalid([{ path: 'period', key: 'indicator.periodFormat' }]);
    const asOf = periodEnd(input.period);
    if (asOf.slice(0, 7) > beijingToday().slice(0, 7)) throw invalid([{ path: 'period', key: 'indicator.periodFuture', params: { value: input.period } }]);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).putValue({ id, period: input.period, asOf, value: input.value, origin: 'entered', note: input.note ?? null, by: user.id });
      await recordHistory(tx, { entityType: 'indicator', entityId: id, action: 'value_entered', actor: actorOf(user), before: null, after: input });
      await recordAudit(tx, {
        type: 'statistics.value_entered',
        actor: user,
        districtCode: districtOf(current.scope),
        subject: { type: 'indicator', id },
        detail: { period: input.period, value: input.value },
      });
    });
    return this.get(id);
  }

  // ---------------------------------------------------------------- computed figures

  /** After the events that move them, the computed figures are recomputed (outside the consumer's transaction). */
  subscribe(events: EventBus): void {
    const types = [
      ...new Set([...[...this.sources.values()].flatMap((s) => s.events), ...(this.surveyed?.events ?? []), ...(this.breakdownSource?.events ?? [])]),
    ];
    if (!types.length) return;
    events.subscribe('statistics-indicators', types, async (event) => {
      for (const [key, s] of this.sources) if (s.events.includes(event.type)) this.pending.add(key);
      // an acceptance that said what it moved added it in its own transaction: recounting its sums here (a period of
      // 56,000 filings, ~0.25 s each, under the figures' locks) would only hold up the next acceptances
      if (this.surveyed?.events.includes(event.type) && !(this.addsInTransaction && isSurveyedChange(event.payload))) this.pending.add(SURVEYED);
      if (this.breakdownSource?.events.includes(event.type)) this.pending.add(BREAKDOWNS);
      // the handler runs in the consumer's transaction: counting through the pool there would wait for it
      // (PGlite is one connection), so the counting runs once the batch has committed
      setImmediate(() => void this.settled());
    });
  }

  /** Recomputes the figures whose events arrived (all of them when `all`); resolves once none is pending. */
  async settled(all = false): Promise<void> {
    if (all)
      for (const key of [...this.sources.keys(), ...(this.surveyed ? [SURVEYED] : []), ...(this.breakdownSource ? [BREAKDOWNS] : [])]) this.pending.add(key);
    while (this.running) await this.running;
    if (!this.pending.size) return;
    const keys = [...this.pending];
    this.pending.clear();
    this.running = this.recompute(keys).finally(() => {
      this.running = null;
    });
    await this.running;
    if (this.pending.size) await this.settled();
  }

  private async recompute(keys: string[]): Promise<void> {
    const today = beijingToday();
    for (const key of keys) {
      // a turn of the event loop between figures: on the embedded engine each statement holds the event loop, and a
      // whole recount at once (the first after a start, ~0.8 s at the demo's scale) kept requests waiting for all of it
      await new Promise((resolve) => setImmediate(resolve));
      if (key === SURVEYED) await this.recountSurveyed();
      if (key === BREAKDOWNS && this.breakdownSource) {
        const rows = await this.breakdownSource.compute();
        await this.db.transaction((tx) => this.repo.with(tx).putBreakdowns(rows, today));
        continue;
      }
      const source = this.sources.get(key);
      if (!source) continue;
      const row = await this.repo.byKey(source);
      if (!row) continue;
      const value = await source.compute();
      await this.repo.putComputed(row.id, today.slice(0, 7), today, value);
    }
  }

  /** Every surveyed indicator: each period's sum over accepted filings in its scope and category. */
  private async recountSurveyed(): Promise<void> {
    for (const row of await this.repo.list({ method: 'surveyed' })) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.recountFigure(row);
    }
  }

  /**
   * The surveyed figures an accepted filing moves: each indicator it reports, for its period, in the city, its
   * district and its cluster, without a category and in each of its categories, in id order (the lock order).
   */
  private async moved(change: SurveyedChange, repo = this.repo): Promise<IndicatorRow[]> {
    if (!this.surveyed || !validPeriod(change.period)) return [];
    const scopes = new Set(['chongqing', `district:${change.districtCode}`, `cluster:${change.clusterId}`]);
    return (await repo.list({ method: 'surveyed' }))
      .filter((r) => change.indicators.includes(r.indicator) && scopes.has(r.scope) && (!r.category || change.categories.includes(r.category)))
      .sort((a, b) => a.id - b.id);
  }

  /** Inside the accepting transaction: the filing's figures added to the sums they move, each under its lock. */
  private async addAccepted(change: SurveyedChange & { figures: Record<string, number> }, tx: Queryable): Promise<void> {
    const repo = this.repo.with(tx);
    for (const row of await this.moved(change, repo)) {
      const value = change.figures[row.indicator];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      await repo.lockFigure(row.id);
      await repo.addSurveyed(row.id, change.period, periodEnd(change.period), value);
    }
  }

  /**
   * One surveyed figure, every period's sum counted and written under its lock (repository: lockFigure): an
   * acceptance meanwhile waits for it (~1.4 s at 1.1 million filings; at the start and by the hourly sweep only).
   */
  private async recountFigure(row: IndicatorRow): Promise<void> {
    const surveyed = this.surveyed;
    if (!surveyed) return;
    const within = {
      district: row.scope.startsWith('district:') ? row.scope.slice('district:'.length) : undefined,
      cluster: row.scope.startsWith('cluster:') ? row.scope.slice('cluster:'.length) : undefined,
      category: row.category || undefined,
    };
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.lockFigure(row.id);
      for (const f of await surveyed.figures(row.indicator, within, tx))
        if (validPeriod(f.period)) await repo.putSurveyed(row.id, f.period, periodEnd(f.period), f.value);
    });
  }

  // ---------------------------------------------------------------- presenting

  private async present(rows: IndicatorRow[], withTrend = false): Promise<IndicatorView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [targets, baselines, values] = await Promise.all([this.repo.years('targets', ids), this.repo.years('baselines', ids), this.repo.valuesOf(ids)]);
    const byId = <T extends { indicator_id: number }>(list: T[]) => {
      const m = new Map<number, T[]>();
      for (const x of list) m.set(x.indicator_id, [...(m.get(x.indicator_id) ?? []), x]);
      return m;
    };
    const t = byId(targets);
    const b = byId(baselines);
    const series = byId(values);
    // a category's target may rest on the city-wide baseline (技术合同成交额 is listed under 技术转移 in 003,
    // its baseline in 001 is city-wide): the same indicator and scope without a category stands in
    const plain = new Map<string, YearValueRow[]>();
    const missing = rows.filter((r) => r.category && !b.has(r.id));
    if (missing.length) {
      const others = await this.repo.list({ category: '' });
      const wanted = others.filter((o) => missing.some((r) => r.indicator === o.indicator && r.scope === o.scope));
      if (wanted.length) {
        const found = byId(
          await this.repo.years(
            'baselines',
            wanted.map((o) => o.id),
          ),
        );
        for (const o of wanted) plain.set(`${o.indicator}|${o.scope}`, found.get(o.id) ?? []);
      }
    }
    return rows.map((r) => {
      const ts = (t.get(r.id) ?? []).map(yearView);
      const bs = (b.get(r.id) ?? []).map(yearView);
      const pathBases = bs.length ? bs : (plain.get(`${r.indicator}|${r.scope}`) ?? []).map(yearView);
      const seen = (series.get(r.id) ?? []).map(valueView);
      const latestView = seen.at(-1) ?? null;
      const flow = FLOW_INDICATORS.has(r.indicator);
      const progress = ts.map((target) => {
        const base = pathBases.filter((x) => x.year < target.year).at(-1) ?? null;
        // the figure a target is read against: the last one by the end of its year; for a stock, failing that, the
        // latest (later) one; for a year's flow only that year's own
        const byEnd = seen.filter((x) => x.asOf <= `${target.year}-12-31`).at(-1);
        const v = flow ? (byEnd && byEnd.asOf >= `${target.year}-01-01` ? byEnd : null) : (byEnd ?? latestView);
        return progressTo(target, v ? { value: v.value, asOf: v.asOf } : null, base);
      });
      return {
        id: r.id,
        indicator: r.indicator,
        scope: r.scope,
        category: r.category || null,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        definitionZh: r.definition_zh,
        definitionEn: r.definition_en,
        unit: r.unit as IndicatorView['unit'],
        method: r.method as IndicatorView['method'],
        source: r.source,
        version: r.version,
        targets: ts,
        baselines: bs,
        latest: latestView,
        progress,
        records: this.sources.get(keyOf(r))?.records ?? null,
        updatedAt: r.updated_at,
        ...(withTrend ? { trend: seen.map((v) => ({ period: v.period, asOf: v.asOf, value: v.value })) } : {}),
      };
    });
  }
}

/** Whether an event's payload says what it moved (events written before acceptances added in their transaction did not). */
const isSurveyedChange = (p: Record<string, unknown>): boolean => typeof p.period === 'string' && Array.isArray(p.indicators) && Array.isArray(p.categories);

const withSource = (y: { year: number; value: number; source?: string | null }) => ({ year: y.year, value: y.value, source: y.source ?? null });
const yearView = (y: YearValueRow) => ({ year: y.year, value: Number(y.value), source: y.source });
const valueView = (v: { period: string; as_of: string; value: string; origin: string; note: string | null; recorded_at: Date }): ValueView => ({
  period: v.period,
  asOf: v.as_of,
  value: Number(v.value),
  origin: v.origin as ValueView['origin'],
  note: v.note,
  recordedAt: v.recorded_at,
});
const districtOf = (scope: string) => (scope.startsWith('district:') ? scope.slice('district:'.length) : null);
