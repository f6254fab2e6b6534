/** SQL on the surveys module's own tables: forms, rounds and filings. */
import { sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { FormDefinition } from './definition.ts';
import type { FilingStatus } from './schemas.ts';

export interface FormRow {
  id: number;
  code: string;
  version: number;
  title_zh: string;
  title_en: string;
  definition: FormDefinition;
  origin: 'shipped' | 'upload';
  filename: string | null;
  created_at: Date;
}

export interface RoundRow {
  id: number;
  form_id: number;
  form_code: string;
  form_version: number;
  form_title_zh: string;
  form_title_en: string;
  title_zh: string;
  title_en: string;
  frequency: 'annual' | 'quarterly' | 'monthly';
  period: string;
  district_code: string | null;
  population: { kinds: string[]; categories: string[]; districts: string[] };
  deadline: string;
  created_at: Date;
}

export interface FilingRow {
  id: number;
  round_id: number;
  org_id: number;
  org_name: string;
  district_code: string | null;
  cluster_id: string | null;
  categories: string[];
  status: FilingStatus;
  values: Record<string, number | string | null>;
  confirmations: Record<string, string>;
  reason: string | null;
  version: number;
  submitted_at: Date | null;
  decided_at: Date | null;
  updated_at: Date;
}

export interface Counts {
  pending: number;
  draft: number;
  submitted: number;
  returned: number;
  accepted: number;
  total: number;
}

const ROUND_COLUMNS = sql`r.id, r.form_id, f.code AS form_code, f.version AS form_version, f.title_zh AS form_title_zh,
  f.title_en AS form_title_en, r.title_zh, r.title_en, r.frequency, r.period, r.district_code, r.population,
  r.deadline::text AS deadline, r.created_at`;
const FILING_COLUMNS = sql`id, round_id, org_id, org_name, district_code, cluster_id, categories, status, "values", confirmations,
  reason, version, submitted_at, decided_at, updated_at`;
const COUNTS = sql`count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'draft')::int AS draft,
  count(*) FILTER (WHERE status = 'submitted')::int AS submitted, count(*) FILTER (WHERE status = 'returned')::int AS returned,
  count(*) FILTER (WHERE status = 'accepted')::int AS accepted, count(*)::int AS total`;

const num = <T extends { id: number }>(r: T): T => ({ ...r, id: Number(r.id) });
const filing = (r: FilingRow): FilingRow => ({ ...r, id: Number(r.id), round_id: Number(r.round_id), org_id: Number(r.org_id) });

export class SurveysRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): SurveysRepository {
    return new SurveysRepository(tx);
  }

  // ------------------------------------------------------------ forms

  async insertForm(f: { def: FormDefinition; version: number; origin: 'shipped' | 'upload'; filename: string | null; by: number | null }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO survey_forms (code, version, title_zh, title_en, definition, origin, filename, created_by)
      VALUES (${f.def.code}, ${f.version}, ${f.def.titleZh}, ${f.def.titleEn}, ${JSON.stringify(f.def)}::jsonb, ${f.origin}, ${f.filename}, ${f.by})
      RETURNING id`);
    return Number(rows[0].id);
  }

  async lastVersion(code: string): Promise<number> {
    const { rows } = await this.db.query<{ v: number | null }>(sql`SELECT max(version) AS v FROM survey_forms WHERE code = ${code}`);
    return Number(rows[0]?.v ?? 0);
  }

  async forms(ids?: number[]): Promise<FormRow[]> {
    const { rows } = await this.db.query<FormRow>(sql`
      SELECT id, code, version, title_zh, title_en, definition, origin, filename, created_at FROM survey_forms
      ${ids ? sql`WHERE id = ANY(${ids}::bigint[])` : sql.raw('')} ORDER BY code, version DESC`);
    return rows.map(num);
  }

  // ------------------------------------------------------------ rounds

  async insertRound(r: {
    formId: number;
    titleZh: string;
    titleEn: string;
    frequency: string;
    period: string;
    districtCode: string | null;
    population: object;
    deadline: string;
    /** null: the demo's round, written at start */
    by: number | null;
  }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO survey_rounds (form_id, title_zh, title_en, frequency, period, district_code, population, deadline, created_by)
      VALUES (${r.formId}, ${r.titleZh}, ${r.titleEn}, ${r.frequency}, ${r.period}, ${r.districtCode}, ${JSON.stringify(r.population)}::jsonb,
              ${r.deadline}::date, ${r.by})
      RETURNING id`);
    return Number(rows[0].id);
  }

  async addFilings(
    roundId: number,
    orgs: { id: number; name: string; districtCode: string | null; clusterId: string | null; categories: string[] }[],
  ): Promise<void> {
    for (let i = 0; i < orgs.length; i += 500) {
      const part = orgs.slice(i, i + 500);
      await this.db.query(sql`
        INSERT INTO survey_filings (round_id, org_id, org_name, district_code, cluster_id, categories)
        VALUES ${sql.join(part.map((o) => sql`(${roundId}, ${o.id}, ${o.name}, ${o.districtCode}, ${o.clusterId}, ${o.categories}::text[])`))}
        ON CONFLICT (round_id, org_id) DO NOTHING`);
    }
  }

  async rounds(f: { ids?: number[]; districtCode?: string | null }): Promise<RoundRow[]> {
    const where = [
      f.ids ? sql`r.id = ANY(${f.ids}::bigint[])` : null,
      // a district office sees the city's rounds and its own
      f.districtCode ? sql`(r.district_code IS NULL OR r.district_code = ${f.districtCode})` : null,
    ].filter((c) => c !== null);
    const { rows } = await this.db.query<RoundRow>(sql`
      SELECT ${ROUND_COLUMNS} FROM survey_rounds r JOIN survey_forms f ON f.id = r.form_id ${sql.where(where)}
      ORDER BY r.created_at DESC, r.id DESC`);
    return rows.map((r) => ({ ...num(r), form_id: Number(r.form_id) }));
  }

  /** Counts by state per round, within a district when given. */
  async countsByRound(ids: number[], districtCode?: string | null): Promise<Map<number, Counts>> {
    if (!ids.length) return new Map();
    const { rows } = await this.db.query<Counts & { round_id: number }>(sql`
      SELECT round_id, ${COUNTS} FROM survey_filings
      WHERE round_id = ANY(${ids}::bigint[]) ${districtCode ? sql`AND district_code = ${districtCode}` : sql.raw('')}
      GROUP BY round_id`);
    return new Map(rows.map((r) => [Number(r.round_id), r]));
  }

  async countsByDistrict(roundId: number, districtCode?: string | null): Promise<(Counts & { district_code: string | null })[]> {
    const { rows } = await this.db.query<Counts & { district_code: string | null }>(sql`
      SELECT district_code, ${COUNTS} FROM survey_filings
      WHERE round_id = ${roundId} ${districtCode ? sql`AND district_code = ${districtCode}` : sql.raw('')}
      GROUP BY district_code ORDER BY district_code NULLS LAST`);
    return rows;
  }

  async late(roundId: number, districtCode?: string | null): Promise<FilingRow[]> {
    const { rows } = await this.db.query<FilingRow>(sql`
      SELECT ${FILING_COLUMNS} FROM survey_filings
      WHERE round_id = ${roundId} AND status IN ('pending', 'draft', 'returned')
        ${districtCode ? sql`AND district_code = ${districtCode}` : sql.raw('')}
      ORDER BY district_code NULLS LAST, org_name, id`);
    return rows.map(filing);
  }

  // ------------------------------------------------------------ filings

  /** Every filing of a round (within a district when given): the bulk-filing template and upload. */
  async roundFilings(roundId: number, districtCode?: string | null, lock = false): Promise<FilingRow[]> {
    const { rows } = await this.db.query<FilingRow>(sql`
      SELECT ${FILING_COLUMNS} FROM survey_filings
      WHERE round_id = ${roundId} ${districtCode ? sql`AND district_code = ${districtCode}` : sql.raw('')}
      ORDER BY district_code NULLS LAST, org_name, id ${lock ? sql`FOR UPDATE` : sql.raw('')}`);
    return rows.map(filing);
  }

  async filing(id: number, lock = false): Promise<FilingRow | null> {
    const { rows } = await this.db.query<FilingRow>(sql`SELECT ${FILING_COLUMNS} FROM survey_filings WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql.raw('')}`);
    return rows[0] ? filing(rows[0]) : null;
  }

  async filings(f: {
    orgId?: number;
    districtCode?: string;
    roundId?: number;
    status?: string;
    limit: number;
    offset: number;
  }): Promise<{ rows: FilingRow[]; total: number }> {
    const where = [
      f.orgId ? sql`org_id = ${f.orgId}` : null,
      f.districtCode ? sql`district_code = ${f.districtCode}` : null,
      f.roundId ? sql`round_id = ${f.roundId}` : null,
      f.status ? sql`status = ${f.status}` : null,
    ].filter((c) => c !== null);
    const [{ rows }, count] = await Promise.all([
      this.db.query<FilingRow>(sql`
        SELECT ${FILING_COLUMNS} FROM survey_filings ${sql.where(where)}
        ORDER BY (status = 'submitted') DESC, updated_at DESC, id DESC LIMIT ${f.limit} OFFSET ${f.offset}`),
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM survey_filings ${sql.where(where)}`),
    ]);
    return { rows: rows.map(filing), total: count.rows[0].n };
  }

  async saveFiling(
    id: number,
    f: {
      status: FilingStatus;
      values: object;
      confirmations: object;
      figures?: object;
      reason?: string | null;
      submittedBy?: number;
      decidedBy?: number;
    },
  ): Promise<FilingRow> {
    const { rows } = await this.db.query<FilingRow>(sql`
      UPDATE survey_filings SET status = ${f.status}, "values" = ${JSON.stringify(f.values)}::jsonb,
        confirmations = ${JSON.stringify(f.confirmations)}::jsonb,
        figures = ${f.figures ? sql`${JSON.stringify(f.figures)}::jsonb` : sql`figures`},
        reason = ${f.reason === undefined ? sql`reason` : sql`${f.reason}`},
        submitted_at = ${f.submittedBy ? sql`now()` : sql`submitted_at`},
        submitted_by = ${f.submittedBy ? sql`${f.submittedBy}` : sql`submitted_by`},
        decided_at = ${f.decidedBy ? sql`now()` : sql`decided_at`},
        decided_by = ${f.decidedBy ? sql`${f.decidedBy}` : sql`decided_by`},
        version = version + 1, updated_at = now()
      WHERE id = ${id}
      RETURNING ${FILING_COLUMNS}`);
    return filing(rows[0]);
  }

  /** The organization's accepted filing of the same form code for the latest period before this one, same frequency. */
  async lastAccepted(
    orgId: number,
    formCode: string,
    frequency: string,
    period: string,
  ): Promise<{ period: string; values: Record<string, number | string | null> } | null> {
    const { rows } = await this.db.query<{ period: string; values: Record<string, number | string | null> }>(sql`
      SELECT r.period, s."values" FROM survey_filings s
        JOIN survey_rounds r ON r.id = s.round_id JOIN survey_forms f ON f.id = r.form_id
      WHERE s.org_id = ${orgId} AND s.status = 'accepted' AND f.code = ${formCode} AND r.frequency = ${frequency} AND r.period < ${period}
      ORDER BY r.period DESC, s.decided_at DESC LIMIT 1`);
    return rows[0] ?? null;
  }

  /** lastAccepted for many organizations in one statement (bulk filing's ×3 rule). */
  async lastAcceptedOf(
    orgIds: number[],
    formCode: string,
    frequency: string,
    period: string,
  ): Promise<Map<number, { period: string; values: Record<string, number | string | null> }>> {
    if (!orgIds.length) return new Map();
    const { rows } = await this.db.query<{ org_id: number; period: string; values: Record<string, number | string | null> }>(sql`
      SELECT DISTINCT ON (s.org_id) s.org_id, r.period, s."values" FROM survey_filings s
        JOIN survey_rounds r ON r.id = s.round_id JOIN survey_forms f ON f.id = r.form_id
      WHERE s.org_id = ANY(${orgIds}::bigint[]) AND s.status = 'accepted' AND f.code = ${formCode} AND r.frequency = ${frequency}
        AND r.period < ${period}
      ORDER BY s.org_id, r.period DESC, s.decided_at DESC`);
    return new Map(rows.map((r) => [Number(r.org_id), { period: r.period, values: r.values }]));
  }

  /** Sum of an indicator's value over accepted filings, per period, within a district, cluster or category. */
  async figures(indicator: string, f: { district?: string; cluster?: string; category?: string }): Promise<{ period: string; value: number }[]> {
    const where = [
      sql`s.status = 'accepted'`,
      sql`(s.figures ->> ${indicator}) IS NOT NULL`,
      f.district ? sql`s.district_code = ${f.district}` : null,
      f.cluster ? sql`s.cluster_id = ${f.cluster}` : null,
      f.category ? sql`${f.category} = ANY(s.categories)` : null,
    ].filter((c) => c !== null);
    const { rows } = await this.db.query<{ period: string; value: string }>(sql`
      SELECT r.period, sum((s.figures ->> ${indicator})::numeric)::text AS value
      FROM survey_filings s JOIN survey_rounds r ON r.id = s.round_id ${sql.where(where)}
      GROUP BY r.period ORDER BY r.period`);
    return rows.map((r) => ({ period: r.period, value: Number(r.value) }));
  }
}
