/** SQL on the statistics module's own tables: indicators, their targets, baselines and values. */
import { sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { BreakdownRow, IndicatorKey } from './sources.ts';
import { CATEGORY_CODES } from './schemas.ts';

export interface IndicatorRow {
  id: number;
  indicator: string;
  scope: string;
  category: string;
  name_zh: string;
  name_en: string;
  definition_zh: string;
  definition_en: string;
  unit: string;
  method: string;
  source: string | null;
  version: number;
  updated_at: Date;
}
export interface YearValueRow {
  indicator_id: number;
  year: number;
  value: string;
  source: string | null;
}
export interface ValueRow {
  indicator_id: number;
  period: string;
  as_of: string;
  value: string;
  origin: string;
  note: string | null;
  recorded_at: Date;
}

export interface NewIndicator extends IndicatorKey {
  nameZh: string;
  nameEn: string;
  definitionZh: string;
  definitionEn: string;
  unit: string;
  method: string;
  source: string | null;
}

export class StatisticsRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): StatisticsRepository {
    return new StatisticsRepository(tx);
  }

  async list(f: { scope?: string; category?: string; indicator?: string; method?: string; ids?: number[] }): Promise<IndicatorRow[]> {
    const where = [
      f.scope ? sql`scope = ${f.scope}` : null,
      f.category !== undefined ? sql`category = ${f.category}` : null,
      f.indicator ? sql`indicator = ${f.indicator}` : null,
      f.method ? sql`method = ${f.method}` : null,
      f.ids ? sql`id = ANY(${f.ids}::bigint[])` : null,
    ].filter((c) => c !== null);
    const { rows } = await this.db.query<IndicatorRow>(sql`
      SELECT id, indicator, scope, category, name_zh, name_en, definition_zh, definition_en, unit, method, source, version, updated_at
      FROM indicators ${sql.where(where)}
      ORDER BY (scope = 'chongqing') DESC, scope, array_position(${CATEGORY_CODES}::text[], category) NULLS FIRST, id`);
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async byKey(k: IndicatorKey): Promise<IndicatorRow | null> {
    const { rows } = await this.db.query<IndicatorRow>(sql`
      SELECT id, indicator, scope, category, name_zh, name_en, definition_zh, definition_en, unit, method, source, version, updated_at
      FROM indicators WHERE indicator = ${k.indicator} AND scope = ${k.scope} AND category = ${k.category}`);
    return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
  }

  async lock(id: number): Promise<IndicatorRow | null> {
    const { rows } = await this.db.query<IndicatorRow>(sql`
      SELECT id, indicator, scope, category, name_zh, name_en, definition_zh, definition_en, unit, method, source, version, updated_at
      FROM indicators WHERE id = ${id} FOR UPDATE`);
    return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
  }

  /** Inserts the indicator unless its key exists; the id either way, and whether it was new. */
  async ensure(i: NewIndicator): Promise<{ id: number; created: boolean }> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO indicators (indicator, scope, category, name_zh, name_en, definition_zh, definition_en, unit, method, source)
      VALUES (${i.indicator}, ${i.scope}, ${i.category}, ${i.nameZh}, ${i.nameEn}, ${i.definitionZh}, ${i.definitionEn}, ${i.unit}, ${i.method}, ${i.source})
      ON CONFLICT (indicator, scope, category) DO NOTHING RETURNING id`);
    if (rows[0]) return { id: Number(rows[0].id), created: true };
    const found = await this.byKey(i);
    return { id: found!.id, created: false };
  }

  async markComputed(id: number): Promise<void> {
    await this.db.query(sql`UPDATE indicators SET method = 'computed', updated_at = now() WHERE id = ${id} AND method <> 'computed'`);
  }

  async update(id: number, f: { nameZh: string; nameEn: string; definitionZh: string; definitionEn: string; unit: string }): Promise<void> {
    await this.db.query(sql`
      UPDATE indicators SET name_zh = ${f.nameZh}, name_en = ${f.nameEn}, definition_zh = ${f.definitionZh},
        definition_en = ${f.definitionEn}, unit = ${f.unit}, version = version + 1, updated_at = now()
      WHERE id = ${id}`);
  }

  async setYears(table: 'targets' | 'baselines', id: number, list: { year: number; value: number; source: string | null }[]): Promise<void> {
    const t = sql.raw(table === 'targets' ? 'indicator_targets' : 'indicator_baselines');
    await this.db.query(sql`DELETE FROM ${t} WHERE indicator_id = ${id}`);
    if (!list.length) return;
    await this.db.query(
      sql`INSERT INTO ${t} (indicator_id, year, value, source) VALUES ${sql.join(list.map((y) => sql`(${id}, ${y.year}, ${y.value}, ${y.source})`))}`,
    );
  }

  /** Adds a target or baseline year unless the indicator has that year already (first start, and later starts). */
  async addYear(table: 'targets' | 'baselines', id: number, y: { year: number; value: number; source: string | null }): Promise<void> {
    const t = sql.raw(table === 'targets' ? 'indicator_targets' : 'indicator_baselines');
    await this.db.query(sql`INSERT INTO ${t} (indicator_id, year, value, source) VALUES (${id}, ${y.year}, ${y.value}, ${y.source}) ON CONFLICT DO NOTHING`);
  }

  async years(table: 'targets' | 'baselines', ids: number[]): Promise<YearValueRow[]> {
    const t = sql.raw(table === 'targets' ? 'indicator_targets' : 'indicator_baselines');
    const { rows } = await this.db.query<YearValueRow>(
      sql`SELECT indicator_id, year, value::text AS value, source FROM ${t} WHERE indicator_id = ANY(${ids}::bigint[]) ORDER BY year`,
    );
    return rows.map((r) => ({ ...r, indicator_id: Number(r.indicator_id) }));
  }

  /** Every value of these indicators, each indicator's oldest first. */
  async valuesOf(ids: number[]): Promise<ValueRow[]> {
    const { rows } = await this.db.query<ValueRow>(sql`
      SELECT indicator_id, period, as_of::text AS as_of, value::text AS value, origin, note, recorded_at
      FROM indicator_values WHERE indicator_id = ANY(${ids}::bigint[]) ORDER BY indicator_id, as_of, recorded_at`);
    return rows.map((r) => ({ ...r, indicator_id: Number(r.indicator_id) }));
  }

  async values(id: number): Promise<ValueRow[]> {
    const { rows } = await this.db.query<ValueRow>(sql`
      SELECT indicator_id, period, as_of::text AS as_of, value::text AS value, origin, note, recorded_at
      FROM indicator_values WHERE indicator_id = ${id} ORDER BY as_of, recorded_at`);
    return rows.map((r) => ({ ...r, indicator_id: Number(r.indicator_id) }));
  }

  async putValue(v: { id: number; period: string; asOf: string; value: number; origin: string; note: string | null; by: number | null }): Promise<void> {
    await this.db.query(sql`
      INSERT INTO indicator_values (indicator_id, period, as_of, value, origin, note, recorded_by)
      VALUES (${v.id}, ${v.period}, ${v.asOf}::date, ${v.value}, ${v.origin}, ${v.note}, ${v.by})
      ON CONFLICT (indicator_id, period) DO UPDATE SET as_of = EXCLUDED.as_of, value = EXCLUDED.value, origin = EXCLUDED.origin,
        note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`);
  }

  /** A computed figure's row for this month, written only when the figure moved (the trend keeps its months). */
  async putComputed(id: number, period: string, asOf: string, value: number): Promise<boolean> {
    const { rows } = await this.db.query<{ indicator_id: number }>(sql`
      INSERT INTO indicator_values (indicator_id, period, as_of, value, origin)
      VALUES (${id}, ${period}, ${asOf}::date, ${value}, 'computed')
      ON CONFLICT (indicator_id, period) DO UPDATE SET as_of = EXCLUDED.as_of, value = EXCLUDED.value, recorded_at = now()
        WHERE indicator_values.value IS DISTINCT FROM EXCLUDED.value OR indicator_values.as_of IS DISTINCT FROM EXCLUDED.as_of
      RETURNING indicator_id`);
    return rows.length > 0;
  }

  /** A period's surveyed sum; an office's entered figure for that period stays (the official one). */
  /**
   * Holds a surveyed figure while it is counted and written, or while an acceptance adds to it (until the transaction
   * ends): a recount that follows an acceptance counts after it committed, an acceptance that follows a recount adds
   * to what the recount wrote, so neither loses the other, in any number of processes. NO KEY UPDATE: value rows
   * referencing the indicator can still be written.
   */
  async lockFigure(id: number): Promise<void> {
    await this.db.query(sql`SELECT id FROM indicators WHERE id = ${id} FOR NO KEY UPDATE`);
  }

  /**
   * Adds an accepted filing's figure to a period's surveyed sum (the filing's own transaction, the figure's lock held):
   * an entered official figure stays as it is.
   */
  async addSurveyed(id: number, period: string, asOf: string, value: number): Promise<void> {
    await this.db.query(sql`
      INSERT INTO indicator_values (indicator_id, period, as_of, value, origin)
      VALUES (${id}, ${period}, ${asOf}::date, ${value}, 'surveyed')
      ON CONFLICT (indicator_id, period) DO UPDATE SET value = indicator_values.value + EXCLUDED.value, recorded_at = now()
        WHERE indicator_values.origin <> 'entered'`);
  }

  async putSurveyed(id: number, period: string, asOf: string, value: number): Promise<void> {
    await this.db.query(sql`
      INSERT INTO indicator_values (indicator_id, period, as_of, value, origin)
      VALUES (${id}, ${period}, ${asOf}::date, ${value}, 'surveyed')
      ON CONFLICT (indicator_id, period) DO UPDATE SET as_of = EXCLUDED.as_of, value = EXCLUDED.value, origin = 'surveyed', note = NULL,
        recorded_by = NULL, recorded_at = now()
        WHERE indicator_values.origin <> 'entered' AND indicator_values.value IS DISTINCT FROM EXCLUDED.value`);
  }

  /** Replaces every kept breakdown with this recount (one statement each: the dashboards read the old or the new). */
  async putBreakdowns(rows: BreakdownRow[], asOf: string): Promise<void> {
    await this.db.query(sql`DELETE FROM indicator_breakdowns`);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await this.db.query(sql`
        INSERT INTO indicator_breakdowns (scope, dimension, code, value, as_of)
        VALUES ${sql.join(chunk.map((r) => sql`(${r.scope}, ${r.dimension}, ${r.code}, ${r.value}, ${asOf}::date)`))}
        ON CONFLICT (scope, dimension, code) DO UPDATE SET value = EXCLUDED.value, as_of = EXCLUDED.as_of`);
    }
  }

  /** The kept breakdowns of these scopes. */
  async breakdowns(scopes: string[]): Promise<(BreakdownRow & { asOf: string })[]> {
    const { rows } = await this.db.query<{ scope: string; dimension: BreakdownRow['dimension']; code: string; value: string; as_of: string }>(sql`
      SELECT scope, dimension, code, value::text AS value, as_of::text AS as_of
      FROM indicator_breakdowns WHERE scope = ANY(${scopes}::text[]) ORDER BY scope, dimension, value DESC, code`);
    return rows.map((r) => ({ scope: r.scope, dimension: r.dimension, code: r.code, value: Number(r.value), asOf: r.as_of }));
  }
}
