/**
 * SQL of the instrument catalogue: instruments, their weekly hours, exceptions, qualifications and
 * photos, and the instrument classes. No rules here: the service decides who may write what. Other
 * modules' tables appear only through their faces' fragments (orgJoin, userJoin).
 */
import { sql, type Sql } from '../../platform/db/sql.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { searchDocumentSql } from '../../platform/text/search-sql.ts';
import { fold } from '../../platform/text/fold.ts';
import { pinyinKey } from '../../platform/text/pinyin.ts';
import { orgJoin } from '../directory/index.ts';
import { userJoin } from '../auth/index.ts';
import type { InstrumentInput } from './schemas.ts';

export interface Instrument extends Omit<InstrumentInput, 'ownerOrgId'> {
  id: number;
  ownerOrgId: number;
  ownerName: string;
  className: string;
  photoIds: number[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const INSTRUMENT_COLUMNS = sql.raw(`i.id, i.owner_org_id AS "ownerOrgId", o.name AS "ownerName", i.name, i.model, i.manufacturer,
  i.class_code AS "classCode", c.name_zh AS "className", i.kind, i.original_value_fen AS "originalValueFen",
  i.purchase_date AS "purchaseDate", i.district_code AS "districtCode", i.address, i.room, i.specifications, i.capabilities,
  i.sample_requirements AS "sampleRequirements", i.sharing_mode AS "sharingMode", i.price_unit AS "priceUnit",
  i.price_internal_fen AS "priceInternalFen", i.price_external_fen AS "priceExternalFen", i.off_peak_price_fen AS "offPeakPriceFen",
  to_char(i.peak_start, 'HH24:MI') AS "peakStart", to_char(i.peak_end, 'HH24:MI') AS "peakEnd", i.opening_hours AS "openingHours",
  i.min_booking_minutes AS "minBookingMinutes", i.max_booking_minutes AS "maxBookingMinutes", i.notice_hours AS "noticeHours",
  i.max_advance_days AS "maxAdvanceDays", i.cancel_notice_hours AS "cancelNoticeHours", i.needs_approval AS "needsApproval",
  i.needs_training AS "needsTraining", i.status, i.contact_name AS "contactName", i.contact_phone AS "contactPhone",
  coalesce((SELECT array_agg(p.id::int ORDER BY p.id) FROM instrument_photos p WHERE p.instrument_id = i.id), '{}') AS "photoIds",
  i.version, i.created_at AS "createdAt", i.updated_at AS "updatedAt"`);
// the owner's name through the directory's fragment: the table's name stays with its owner
const FROM = sql`instruments i ${orgJoin('o', sql.raw('i.owner_org_id'))} JOIN instrument_classes c ON c.code = i.class_code`;

/** The text columns every write fills through the shared pipeline (fold + segment). */
export function searchColumns(
  x: Pick<InstrumentInput, 'name' | 'model' | 'manufacturer' | 'capabilities' | 'specifications' | 'address'>,
  className: string,
  ownerName: string,
) {
  const nameFolded = fold(x.name);
  return {
    nameFolded,
    namePinyin: pinyinKey(nameFolded),
    document: searchDocumentSql({ A: [x.name, x.model, x.manufacturer], B: [x.capabilities, x.specifications, className], C: [x.address, ownerName] }),
  };
}

/** Do two intervals touch, so that free time may run from one into the next (12:00|12:00, 24:00|00:00)? */
export function hoursTouch(week: [string, string][][]): boolean {
  const days = week.map((day) => [...day].sort((a, b) => a[0].localeCompare(b[0])));
  for (const [d, day] of days.entries()) {
    for (let i = 1; i < day.length; i++) if (day[i][0] <= day[i - 1][1]) return true;
    const next = days[(d + 1) % 7];
    if (day.length && next.length && day[day.length - 1][1] === '24:00' && next[0][0] === '00:00') return true;
  }
  return false;
}

const clockMinutes = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5));

/** Open minutes per weekday, Monday first: opening hours of a period follow without reading the template rows. */
export function weeklyMinutes(week: [string, string][][]): number[] {
  return week.map((day) => day.reduce((sum, [a, b]) => sum + clockMinutes(b) - clockMinutes(a), 0));
}

/** "09:00" lists per weekday → rows of instrument_weekly_hours. */
export function weeklyRows(week: [string, string][][]): { weekday: number; opens: string; closes: string }[] {
  return week.flatMap((day, d) => day.map(([opens, closes]) => ({ weekday: d + 1, opens, closes: closes === '24:00' ? '24:00:00' : closes })));
}

export class InstrumentRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): InstrumentRepository {
    return new InstrumentRepository(tx);
  }

  async findById(id: number, forUpdate = false): Promise<Instrument | null> {
    const { rows } = await this.db.query<Instrument>(
      sql`SELECT ${INSTRUMENT_COLUMNS} FROM ${FROM} WHERE i.id = ${id} ${forUpdate ? sql`FOR UPDATE OF i` : sql``}`,
    );
    return rows[0] ?? null;
  }

  async findByIds(ids: number[]): Promise<Instrument[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query<Instrument>(sql`SELECT ${INSTRUMENT_COLUMNS} FROM ${FROM} WHERE i.id = ANY(${ids}::bigint[])`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((x): x is Instrument => !!x);
  }

  async insert(x: InstrumentInput & { ownerOrgId: number }, className: string, ownerName: string): Promise<number> {
    const s = searchColumns(x, className, ownerName);
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO instruments (${this.columnList()}, name_folded, name_pinyin, search_document)
      VALUES (${this.values(x)}, ${s.nameFolded}, ${s.namePinyin}, ${s.document}) RETURNING id`);
    await this.replaceWeeklyHours(rows[0].id, x.openingHours);
    return rows[0].id;
  }

  /** Many instruments in one statement, with their weekly hours; the new ids in the order given. */
  async insertMany(items: { x: InstrumentInput & { ownerOrgId: number }; className: string; ownerName: string }[]): Promise<number[]> {
    if (!items.length) return [];
    const values = items.map(({ x, className, ownerName }) => {
      const s = searchColumns(x, className, ownerName);
      return sql`(${this.values(x)}, ${s.nameFolded}, ${s.namePinyin}, ${s.document}, ${weeklyMinutes(x.openingHours)}::int[])`;
    });
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO instruments (${this.columnList()}, name_folded, name_pinyin, search_document, weekly_open_minutes)
      VALUES ${sql.join(values)} RETURNING id`);
    // ids come from the sequence row by row, in the order of VALUES
    const ids = rows.map((r) => r.id).sort((a, b) => a - b);
    const hours = items.flatMap(({ x }, n) => weeklyRows(x.openingHours).map((r) => sql`(${ids[n]}, ${r.weekday}, ${r.opens}::time, ${r.closes}::time)`));
    for (let i = 0; i < hours.length; i += 5000) {
      await this.db.query(sql`INSERT INTO instrument_weekly_hours (instrument_id, weekday, opens, closes) VALUES ${sql.join(hours.slice(i, i + 5000))}`);
    }
    return ids;
  }

  async update(id: number, x: InstrumentInput & { ownerOrgId: number }, className: string, ownerName: string): Promise<void> {
    const s = searchColumns(x, className, ownerName);
    await this.db.query(sql`
      UPDATE instruments SET (${this.columnList()}, name_folded, name_pinyin, search_document, version, updated_at)
        = (${this.values(x)}, ${s.nameFolded}, ${s.namePinyin}, ${s.document}, version + 1, now())
      WHERE id = ${id}`);
    await this.replaceWeeklyHours(id, x.openingHours);
  }

  private columnList(): Sql {
    return sql.raw(`owner_org_id, name, model, manufacturer, class_code, kind, original_value_fen, purchase_date, district_code, address, room,
      specifications, capabilities, sample_requirements, sharing_mode, price_unit, price_internal_fen, price_external_fen, off_peak_price_fen,
      peak_start, peak_end, opening_hours, min_booking_minutes, max_booking_minutes, notice_hours, max_advance_days, cancel_notice_hours,
      needs_approval, needs_training, status, contact_name, contact_phone, simple_hours`);
  }

  private values(x: InstrumentInput & { ownerOrgId: number }): Sql {
    return sql`${x.ownerOrgId}, ${x.name}, ${x.model ?? null}, ${x.manufacturer ?? null}, ${x.classCode}, ${x.kind}, ${x.originalValueFen ?? null},
      ${x.purchaseDate ?? null}, ${x.districtCode ?? null}, ${x.address ?? null}, ${x.room ?? null}, ${x.specifications ?? null}, ${x.capabilities ?? null},
      ${x.sampleRequirements ?? null}, ${x.sharingMode}, ${x.priceUnit}, ${x.priceInternalFen}, ${x.priceExternalFen}, ${x.offPeakPriceFen ?? null},
      ${x.peakStart ?? null}::time, ${x.peakEnd ?? null}::time, ${JSON.stringify(x.openingHours)}::jsonb, ${x.minBookingMinutes}, ${x.maxBookingMinutes},
      ${x.noticeHours}, ${x.maxAdvanceDays}, ${x.cancelNoticeHours}, ${x.needsApproval}, ${x.needsTraining}, ${x.status}, ${x.contactName ?? null}, ${x.contactPhone ?? null}, ${!hoursTouch(x.openingHours)}`;
  }

  private async replaceWeeklyHours(id: number, week: [string, string][][]): Promise<void> {
    await this.db.query(sql`UPDATE instruments SET weekly_open_minutes = ${weeklyMinutes(week)}::int[] WHERE id = ${id}`);
    await this.db.query(sql`DELETE FROM instrument_weekly_hours WHERE instrument_id = ${id}`);
    const rows = weeklyRows(week);
    if (!rows.length) return;
    await this.db.query(
      sql`INSERT INTO instrument_weekly_hours (instrument_id, weekday, opens, closes) VALUES ${sql.join(
        rows.map((r) => sql`(${id}, ${r.weekday}, ${r.opens}::time, ${r.closes}::time)`),
      )}`,
    );
  }

  // ---------------------------------------------------------------- exceptions, qualifications, photos

  async exceptions(instrumentId: number, from?: Date): Promise<{ id: number; kind: 'closed' | 'open'; start: Date; end: Date; reason: string | null }[]> {
    const { rows } = await this.db.query<{ id: number; kind: 'closed' | 'open'; start: Date; end: Date; reason: string | null }>(sql`
      SELECT id, kind, lower(during) AS start, upper(during) AS "end", reason FROM instrument_exceptions
      WHERE instrument_id = ${instrumentId} ${from ? sql`AND upper(during) > ${from}` : sql``} ORDER BY lower(during)`);
    return rows;
  }

  async addException(instrumentId: number, e: { kind: string; start: Date; end: Date; reason?: string | null }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO instrument_exceptions (instrument_id, kind, during, reason) VALUES (${instrumentId}, ${e.kind}, tstzrange(${e.start}, ${e.end}), ${e.reason ?? null}) RETURNING id`);
    return rows[0].id;
  }

  async deleteException(instrumentId: number, exceptionId: number): Promise<boolean> {
    const r = await this.db.query(sql`DELETE FROM instrument_exceptions WHERE id = ${exceptionId} AND instrument_id = ${instrumentId}`);
    return r.rowCount > 0;
  }

  async qualifications(instrumentId: number): Promise<{ userId: number; username: string; displayName: string; grantedAt: Date }[]> {
    const { rows } = await this.db.query<{ userId: number; username: string; displayName: string; grantedAt: Date }>(sql`
      SELECT q.user_id AS "userId", u.username, u.display_name AS "displayName", q.granted_at AS "grantedAt"
      FROM instrument_qualifications q ${userJoin('u', sql.raw('q.user_id'))} WHERE q.instrument_id = ${instrumentId} ORDER BY q.granted_at`);
    return rows;
  }

  async isQualified(instrumentId: number, userId: number): Promise<boolean> {
    const { rows } = await this.db.query(sql`SELECT 1 FROM instrument_qualifications WHERE instrument_id = ${instrumentId} AND user_id = ${userId}`);
    return rows.length > 0;
  }

  async grant(instrumentId: number, userId: number, by: number): Promise<void> {
    await this.db.query(
      sql`INSERT INTO instrument_qualifications (instrument_id, user_id, granted_by) VALUES (${instrumentId}, ${userId}, ${by}) ON CONFLICT DO NOTHING`,
    );
  }

  async revoke(instrumentId: number, userId: number): Promise<boolean> {
    const r = await this.db.query(sql`DELETE FROM instrument_qualifications WHERE instrument_id = ${instrumentId} AND user_id = ${userId}`);
    return r.rowCount > 0;
  }

  async addPhoto(instrumentId: number, contentType: string, data: Buffer): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(
      sql`INSERT INTO instrument_photos (instrument_id, content_type, data) VALUES (${instrumentId}, ${contentType}, ${data}) RETURNING id`,
    );
    return rows[0].id;
  }

  async photo(photoId: number): Promise<{ contentType: string; data: Buffer } | null> {
    const { rows } = await this.db.query<{ contentType: string; data: Uint8Array }>(
      sql`SELECT content_type AS "contentType", data FROM instrument_photos WHERE id = ${photoId}`,
    );
    return rows[0] ? { contentType: rows[0].contentType, data: Buffer.from(rows[0].data) } : null;
  }

  async deletePhoto(instrumentId: number, photoId: number): Promise<boolean> {
    const r = await this.db.query(sql`DELETE FROM instrument_photos WHERE id = ${photoId} AND instrument_id = ${instrumentId}`);
    return r.rowCount > 0;
  }

  // ---------------------------------------------------------------- classes (reference data)

  async classes(): Promise<{ code: string; nameZh: string; nameEn: string; sortOrder: number }[]> {
    const { rows } = await this.db.query<{ code: string; nameZh: string; nameEn: string; sortOrder: number }>(sql`
      SELECT code, name_zh AS "nameZh", name_en AS "nameEn", sort_order AS "sortOrder" FROM instrument_classes ORDER BY sort_order, code`);
    return rows;
  }

  async upsertClass(code: string, c: { nameZh: string; nameEn: string; sortOrder?: number }): Promise<void> {
    await this.db.query(sql`
      INSERT INTO instrument_classes (code, name_zh, name_en, sort_order) VALUES (${code}, ${c.nameZh}, ${c.nameEn}, ${c.sortOrder ?? 100})
      ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
        sort_order = coalesce(${c.sortOrder ?? null}::int, instrument_classes.sort_order), updated_at = now()`);
  }
}
